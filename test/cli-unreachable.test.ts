// The CLI's jobs against a host that refuses connections, or whose name does not resolve:
// exit 4, and every item reported not done, in the table and in --json. Bundled from the sources and run as a child process.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closedPort } from './support/fault-server.js';
import { root, run } from './support/exec.js';

let dir: string;
let cli: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  dir = mkdtempSync(join(root, 'node_modules/.cache/cli-unreachable-'));
  cli = join(dir, 'object-storage.mjs');
  await build({ entryPoints: [join(root, 'src/cli/main.ts')], outfile: cli, bundle: true, platform: 'node', format: 'esm', packages: 'external', absWorkingDir: root, logLevel: 'silent' });
  const port = await closedPort();
  env = { PATH: process.env.PATH, KATAPULT_BASE_URL: `http://127.0.0.1:${port}/core/v1`, KATAPULT_API_TOKEN: 'cli-token', CAPTAIN_BASE_URL: `http://127.0.0.1:${port}`, CAPTAIN_API_KEY: 'cli-key' };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const buckets = ['backups', 'logs', 'media', 'site'];

it('revoke-across-buckets against a refusing host: exit 4, every bucket not done, the cause on stderr', async () => {
  const { code, stdout, stderr } = await run(process.execPath, [cli, 'katapult', 'revoke-across-buckets', ...buckets, '--yes'], { env });
  expect(code).toBe(4);
  for (const name of buckets) expect(stdout).toMatch(new RegExp(`^${name}\\s+not done\\s+host unreachable\\s*$`, 'm'));
  expect(stderr).toMatch(/^0 done, 0 skipped, 0 failed, 4 not done; 3 requests, 0 throttled$/m);
  expect(stderr).toMatch(/ECONNREFUSED/);
});

it('with --json the report lists every bucket as remaining and names the error', async () => {
  const { code, stdout } = await run(process.execPath, [cli, '--json', 'katapult', 'revoke-across-buckets', ...buckets, '--yes'], { env });
  expect(code).toBe(4);
  const report = JSON.parse(stdout);
  expect(report).toMatchObject({ done: [], failed: [], uncertain: [], unreachable: { kind: 'network', code: 'ECONNREFUSED' } });
  expect([...report.remaining].sort()).toEqual(buckets);
});

it('a Captain job against a host whose name does not resolve exits 4 too, its object not done', async () => {
  // `.invalid` never resolves (RFC 6761): the resolver says so at once, or, offline, that it cannot ask.
  const unknown = { ...env, CAPTAIN_BASE_URL: 'https://captain.object-storage.invalid' };
  const { code, stdout } = await run(process.execPath, [cli, '--json', 'captain', 'prune', '--project', 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6', '--bucket', 'logs', '--prefix', 'app/', '--keep', '1', '--yes'], { env: unknown });
  expect(code).toBe(4);
  const report = JSON.parse(stdout);
  expect(report).toMatchObject({ done: [], failed: [], remaining: [{ key: 'app/', versionId: '' }], requests: 3 });
  expect(report.unreachable.code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
});
