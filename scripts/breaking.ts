// The gate on breaking changes: each bundle is compared with the last released one
// (openapi/baseline/<api>.json) by Optic (`optic diff --check`), and by the request
// validators of both (scripts/accepted-inputs.ts): every sample request the release's
// validators accept (its examples, and each place in them set to each value of a
// catalogue) must still be accepted. That second check sees what Optic does not: a
// tightened request constraint (a raised minimum, a shorter maxLength, a new pattern).
// The gate fails when either finds a breaking change while the spec's major version
// (`info.version`) has not gone up, or when the bundle changed at all while its version
// stayed the same.
// `tsx scripts/breaking.ts [<api> <current.json> <baseline.json>]` prints the verdict of
// each and exits 1 when one fails. On a release, the bundle becomes the new baseline.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import semver from 'semver';
import { narrowedInputs } from './accepted-inputs.js';
import { apis, root } from './codegen/paths.js';
import type { Json } from './codegen/spec.js';

/** The gate's verdict on one API. */
export interface Verdict {
  readonly api: string;
  /** `info.version` of the baseline and of the current bundle. */
  readonly before: string;
  readonly after: string;
  /** Each breaking change found: Optic's, then the narrowed requests'. */
  readonly breaking: readonly string[];
  readonly ok: boolean;
  readonly reason: string;
}

// Optic is a gate tool, in gates/ (`npm run breaking` installs it first).
const require = createRequire(join(root, 'gates/package.json'));
const opticBin = join(require.resolve('@useoptic/optic/package.json'), '..', 'build/index.js');

/** Optic's diff with its breaking-change checks; telemetry off, nothing leaves the machine.
 * It runs in a folder of its own: where it thinks it is in CI, it writes a
 * ci-run-details.json (with absolute paths) into the folder it runs in. */
function opticDiff(baseline: string, current: string, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [opticBin, 'diff', baseline, current, '--check'],
      { cwd, env: { ...process.env, OPTIC_TELEMETRY_LEVEL: 'off', NO_COLOR: '1', FORCE_COLOR: '0' }, maxBuffer: 64 * 2 ** 20 },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, output: `${stdout}${stderr}` });
        if (typeof error.code !== 'number') return reject(error);
        resolve({ code: error.code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** Optic's answers in this process, by what it compared: the same two specs are compared
 * once (a change judged under its own version and under a new major one gives Optic the
 * same pair, since Optic is always given the baseline's version). */
const diffs = new Map<string, Promise<{ code: number; output: string }>>();

/** Optic's diff of the baseline and `content`, written as `name` in a folder of its own. */
function opticOn(baselinePath: string, name: string, content: string): Promise<{ code: number; output: string }> {
  const key = createHash('sha256').update(readFileSync(baselinePath)).update('\0').update(name).update('\0').update(content).digest('hex');
  let diffed = diffs.get(key);
  if (!diffed) {
    const dir = mkdtempSync(join(tmpdir(), 'breaking-'));
    const compared = join(dir, name);
    writeFileSync(compared, content);
    diffed = opticDiff(baselinePath, compared, dir).finally(() => rmSync(dir, { recursive: true, force: true }));
    diffs.set(key, diffed);
  }
  return diffed;
}

/** Optic's findings: each failed check, `[rule] message`, under its operation. */
export function breakingChanges(output: string): string[] {
  const found: string[] = [];
  let operation: string | undefined;
  for (const line of output.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    const heading = /^x ((?:GET|PUT|POST|PATCH|DELETE|HEAD|OPTIONS) \S+):/.exec(line);
    if (heading) operation = heading[1];
    const check = /^\s+x (\[.+)$/.exec(line)?.[1];
    if (check !== undefined) found.push(operation ? `${operation}: ${check}` : check);
  }
  return found;
}

/**
 * The verdict on one API: `{ api, before, after, breaking, ok, reason }`. `currentPath` and
 * `baselinePath` default to generated/<api>.json and openapi/baseline/<api>.json.
 */
export async function gate(api: string, currentPath = join(root, 'generated', `${api}.json`), baselinePath = join(root, 'openapi/baseline', `${api}.json`)): Promise<Verdict> {
  const current: Json = JSON.parse(readFileSync(currentPath, 'utf8'));
  const baseline: Json = JSON.parse(readFileSync(baselinePath, 'utf8'));
  const [before, after]: [string, string] = [baseline.info.version, current.info.version];
  const verdict = (ok: boolean, reason: string, breaking: readonly string[] = []): Verdict => ({ api, before, after, breaking, ok, reason });
  if (!semver.valid(after) || !semver.valid(before)) return verdict(false, `info.version must be a semantic version (${before} → ${after})`);
  if (semver.lt(after, before)) return verdict(false, `info.version went down (${before} → ${after})`);
  if (after === before && !isDeepStrictEqual(current, baseline)) return verdict(false, `the spec changed since ${before}, but info.version is still ${before}`);
  // Optic skips its checks when the major version went up; it is given a copy with the
  // baseline's version, so that it always says what breaks, and the version rule is ours.
  const diffed = opticOn(baselinePath, `${api}.json`, JSON.stringify({ ...current, info: { ...current.info, version: before } }));
  // Checked while Optic runs in its own process.
  const narrowed = narrowedInputs(baseline, current).map((line) => `[request narrowed] ${line}`);
  const { code, output } = await diffed;
  const found = breakingChanges(output);
  if (code !== 0 && found.length === 0) return verdict(false, `Optic could not compare the two:\n${output}`);
  const breaking = [...found, ...narrowed];
  if (breaking.length > 0 && semver.major(after) <= semver.major(before)) {
    return verdict(false, `breaking changes without a new major version (${before} → ${after}): raise info.version to ${semver.inc(before, 'major')}`, breaking);
  }
  return verdict(true, breaking.length > 0 ? `breaking changes, and the major version went up (${before} → ${after})` : `no breaking change (${before} → ${after})`, breaking);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [api, current, baseline] = process.argv.slice(2);
  const verdicts = await Promise.all(api ? [gate(api, current, baseline)] : apis.map((name) => gate(name)));
  for (const { api: name, ok, reason, breaking } of verdicts) {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${reason}`);
    for (const change of breaking) console.log(`       ${change}`);
  }
  if (verdicts.some(({ ok }) => !ok)) process.exitCode = 1;
}
