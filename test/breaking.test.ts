// The gate on breaking changes (scripts/breaking.ts, Optic and the release's accepted
// samples underneath): today's bundles pass it; breaking changes planted in a copy (a
// removed response member, a new required request member, a tightened request
// constraint) fail it unless the major version goes up;
// a compatible change passes; a change with the version kept fails. CHANGELOG.md has a
// section for each spec's version.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { narrowedInputs } from '../scripts/accepted-inputs.js';
import { gate } from '../scripts/breaking.js';
import { loadSpec } from './support/specs.js';

const dir = mkdtempSync(join(tmpdir(), 'gate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A changed copy of today's Captain bundle, written to the temp folder. */
function captainCopy(name: string, change: (spec: any) => void): string {
  const spec = loadSpec('captain');
  change(spec);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

/** A tightened request constraint, which Optic does not see: a bucket name may be 40
 * characters long, no longer 63. */
const shortenBucketName = (spec: any) => (spec.components.parameters.BucketName.schema.maxLength = 40);

/** The planted breaks, in one copy, so that one Optic run judges all three: a required
 * member of a response is gone, a request body has a new required member, and a request
 * constraint is tightened. */
const removeEndpoint = (spec: any) => {
  const bucket = spec.components.schemas.Bucket;
  delete bucket.properties.endpoint;
  bucket.required = bucket.required.filter((name: string) => name !== 'endpoint');
  const restore = spec.components.schemas.RestoreObjectVersionRequest;
  restore.properties.reason = { type: 'string', description: 'Why the version is restored.' };
  restore.required.push('reason');
  shortenBucketName(spec);
};

// Each case runs Optic, a minute's work on a loaded 2-core machine at worst.
describe('the breaking-change gate', { timeout: 120_000 }, () => {
  it.concurrent.each(['katapult', 'captain'])('passes today’s %s bundle against its last release', async (api) => {
    const verdict = await gate(api);
    expect(verdict, verdict.reason).toMatchObject({ ok: true, before: loadBaselineVersion(api), after: loadSpec(api as never).info.version });
    // Katapult's lookup became a union, which Optic counts as breaking: hence 3.0.0.
    if (api === 'katapult') expect(verdict.breaking.length).toBeGreaterThan(0);
    else expect(verdict.breaking).toEqual([]);
  });

  it.concurrent('fails on a removed response member when the major version stayed', async () => {
    const verdict = await gate('captain', captainCopy('removed', removeEndpoint));
    expect(verdict.ok).toBe(false);
    expect(verdict.reason).toMatch(/^breaking changes without a new major version \(1\.1\.0 → 1\.2\.0\): raise info\.version to 2\.0\.0$/);
    const found = verdict.breaking.join('\n');
    expect(found).toMatch(/GET \/api\/v\{version\}\/projects\/\{projectId\}\/buckets: .*endpoint/);
    expect(found).toMatch(/PUT \/api\/v\{version\}\/projects\/\{projectId\}\/buckets\/\{name\}\/objects\/\{key\}\/version: .*reason/);
    expect(verdict.breaking).toContain(
      '[request narrowed] GET /api/v{version}/projects/{projectId}/buckets/{name}/objects/{key} (listObjectVersions): path.name = "aaaaaaaa…" (41), "aaaaaaaa…" (63): accepted by 1.1.0, refused now',
    );
  });

  it.concurrent('passes the same change under a new major version', async () => {
    const verdict = await gate('captain', captainCopy('major', (spec) => (removeEndpoint(spec), (spec.info.version = '2.0.0'))));
    expect(verdict).toMatchObject({ ok: true, after: '2.0.0' });
    expect(verdict.breaking.length).toBeGreaterThan(0);
  });

  it.concurrent('passes a compatible change: a new optional response member', async () => {
    const verdict = await gate(
      'captain',
      captainCopy('compatible', (spec) => (spec.components.schemas.Bucket.properties.region = { type: 'string', description: 'Where the bucket is.' })),
    );
    expect(verdict, verdict.reason).toMatchObject({ ok: true, breaking: [] });
  });

  // The gate's own check, without Optic: the release's accepted samples, tried on the copy.
  it('finds each tightened request constraint Optic does not: a raised minimum, a new pattern, a shorter maxLength', () => {
    const released = loadBaseline('captain');
    const narrowed = (change: (spec: any) => void) => narrowedInputs(released, JSON.parse(readFileSync(captainCopy('narrowed', change), 'utf8')));
    expect(narrowed(() => {})).toEqual([]);
    expect(narrowed((spec) => (spec.components.schemas.ListObjectsRequest.properties.maxKeys.minimum = 10))).toEqual([
      'POST /api/v{version}/projects/{projectId}/buckets/{name}/objects/get (listObjects): body.maxKeys = 1, 2, 5, 9: accepted by 1.1.0, refused now',
    ]);
    expect(narrowed((spec) => (spec.components.schemas.RestoreObjectVersionRequest.properties.versionId.pattern = '^[0-9]+$'))).toEqual([
      expect.stringMatching(/^PUT \S+ \(restoreObjectVersion\): the example \{.*"versionId":"3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY"\}\}: accepted by 1\.1\.0, refused now$/),
    ]);
    expect(narrowed(shortenBucketName)).toHaveLength(4);
    // A loosened one is no break.
    expect(narrowed((spec) => (spec.components.schemas.ListObjectsRequest.properties.maxKeys.minimum = 0))).toEqual([]);
  });

  it('fails a changed spec that kept its version', async () => {
    const baseline = JSON.parse(readFileSync(new URL('../openapi/baseline/captain.json', import.meta.url), 'utf8'));
    baseline.info.description += ' Changed.';
    const file = join(dir, 'same-version.json');
    writeFileSync(file, JSON.stringify(baseline));
    expect(await gate('captain', file)).toMatchObject({ ok: false, reason: 'the spec changed since 1.1.0, but info.version is still 1.1.0' });
  });
});

function loadBaseline(api: string): any {
  return JSON.parse(readFileSync(new URL(`../openapi/baseline/${api}.json`, import.meta.url), 'utf8'));
}

function loadBaselineVersion(api: string): string {
  return loadBaseline(api).info.version;
}

describe('CHANGELOG.md', () => {
  it('has a section for the version of each spec', () => {
    const changelog = readFileSync(new URL('../CHANGELOG.md', import.meta.url), 'utf8');
    for (const [api, title] of [['katapult', 'Katapult'], ['captain', 'Captain']] as const) {
      expect(changelog).toContain(`### ${title} spec ${loadSpec(api).info.version}`);
    }
  });
});
