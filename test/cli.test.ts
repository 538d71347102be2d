// The CLI end to end: bundled from the sources, run as a child process against the fake
// served on loopback. Exit codes, --json that parses, stderr messages, no credential
// echoed, confirmation, dry runs, Ctrl-C, and the progress bar in a pseudo-terminal.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFake, type Fake } from '../src/testing/index.js';
import { root } from './support/exec.js';

const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
const token = 'cli-secret-token-7f3a9c';
let dir: string;
let cli: string;
let fake: Fake;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  // Inside the project, so the bundle's external packages resolve from node_modules.
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  dir = mkdtempSync(join(root, 'node_modules/.cache/cli-test-'));
  cli = join(dir, 'object-storage.mjs');
  await build({ entryPoints: [join(root, 'src/cli/main.ts')], outfile: cli, bundle: true, platform: 'node', format: 'esm', packages: 'external', absWorkingDir: root, logLevel: 'silent' });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await server?.close();
  fake = createFake({ rateLimit: { perSecond: 200, burst: 20 } });
  fake.katapult.addOrganization('acme');
  for (const name of ['backups', 'logs', 'media']) fake.katapult.addBucket(name);
  fake.captain.addBucket(projectId, 'app-logs');
  for (let n = 1; n <= 8; n++) fake.captain.putVersion(projectId, 'app-logs', '2026/api.log', { size: n, at: new Date(Date.UTC(2026, 10, n)) });
  server = await fake.listen();
});

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function env(extra: Record<string, string | undefined> = {}) {
  return {
    PATH: process.env.PATH,
    KATAPULT_BASE_URL: fake.katapultBaseUrl,
    KATAPULT_API_TOKEN: token,
    CAPTAIN_BASE_URL: fake.captainBaseUrl,
    CAPTAIN_API_KEY: token,
    ...extra,
  };
}

/** Runs the CLI to the end, with `input` on stdin (a pipe, not a terminal). */
function run(args: readonly string[], { input = '', extra = {} as Record<string, string | undefined> } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: env(extra), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      expect(stdout + stderr, 'a credential reached the output').not.toContain(token);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

describe('object-storage', () => {
  it('--help lists every command, and each command shows an example', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    const commands = [...stdout.matchAll(/^ {2}(katapult|captain) ([a-z-]+) /gm)].map((match) => `${match[1]} ${match[2]}`);
    expect(commands).toHaveLength(26);
    expect(commands).toEqual(expect.arrayContaining(['katapult get-bucket', 'katapult revoke-across-buckets', 'katapult rotate-credentials', 'captain prune', 'captain undelete', 'captain restore-to-instant']));
    expect(stdout).toMatch(/Exit codes:/);
    const help = await run(['katapult', 'get-bucket', '--help']);
    expect(help.stdout).toMatch(/Example:\n {2}\$ object-storage katapult get-bucket --bucket backups/);
  });

  it('prints a table by default and JSON with --json', async () => {
    const table = await run(['katapult', 'get-bucket', '--bucket', 'backups']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^field +value\n-+ +-+\nobject_storage_bucket\.name +backups$/m);
    const json = await run(['--json', 'captain', 'list-object-versions', '--project', projectId, '--bucket', 'app-logs', '--key', '2026/api.log', '--all']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toHaveLength(8);
  });

  it('an API error: exit 3, the message with the request ID on stderr, nothing on stdout', async () => {
    const { code, stdout, stderr } = await run(['katapult', 'get-bucket', '--bucket', 'nope']);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error: Request failed \(status 404 object_storage_bucket_not_found\): GET http:\/\/127\.0\.0\.1:\d+\/core\/v1\/object_storage\/object_storage_cluster\/buckets\/bucket \(request ID [0-9a-f-]{36}\)$/m);
  });

  it('usage errors exit 2: a bad flag, input the API would refuse', async () => {
    expect((await run(['katapult', 'get-bucket', '--no-such-flag'])).code).toBe(2);
    const refused = await run(['captain', 'list-buckets', '--project', 'not-a-guid']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not sent, projectId must be a GUID/);
    expect(fake.stats.captain.requests).toBe(0);
  });

  it('a missing credential exits 6; a network failure exits 4', async () => {
    const missing = await run(['katapult', 'get-bucket', '--bucket', 'backups'], { extra: { KATAPULT_API_TOKEN: undefined } });
    expect(missing.code).toBe(6);
    expect(missing.stderr).toMatch(/set KATAPULT_API_TOKEN/);
    const down = await run(['katapult', 'get-bucket', '--bucket', 'backups'], { extra: { KATAPULT_BASE_URL: 'http://127.0.0.1:9/core/v1' } });
    expect(down.code).toBe(4);
    expect(down.stderr).toMatch(/^error: Request failed \(network error: bad port\)/m);
  });

  it('a destructive command asks first: without --yes and no terminal, it refuses and sends nothing', async () => {
    const refused = await run(['katapult', 'delete-bucket', '--bucket', 'logs']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Refusing without --yes/);
    const dry = await run(['--json', 'katapult', 'delete-bucket', '--bucket', 'logs', '--dry-run']);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, method: 'DELETE', input: { bucket: { name: 'logs' } } });
    expect(fake.stats.katapult.writes).toBe(0);
    expect((await run(['katapult', 'delete-bucket', '--bucket', 'logs', '--yes'])).code).toBe(0);
    expect(fake.katapult.buckets.has('uk-lon-1/logs')).toBe(false);
  });

  it('revokes across buckets named on stdin; a failed item exits 1, and the JSON report parses', async () => {
    const { code, stdout } = await run(['--json', 'katapult', 'revoke-across-buckets', '--file', '-', '--yes'], { input: 'backups\n# a comment\nlogs\nmissing\n' });
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.done.sort()).toEqual(['backups', 'logs']);
    expect(report.failed).toEqual([{ item: 'missing', error: expect.objectContaining({ kind: 'api', code: 'object_storage_bucket_not_found' }) }]);
  });

  it('prunes: a dry run writes nothing, the run deletes, a second run finds nothing', async () => {
    const args = ['captain', 'prune', '--project', projectId, '--bucket', 'app-logs', '--prefix', '2026/', '--keep', '3', '--yes'];
    const dry = await run([...args, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/^dry run: 5 would do, 0 skipped, 0 failed/m);
    expect(fake.stats.captain.writes).toBe(0);
    expect((await run(args)).stderr).toMatch(/^5 done, 0 skipped, 0 failed/m);
    expect(fake.captain.versions(projectId, 'app-logs', '2026/api.log')).toHaveLength(3);
    expect((await run(args)).stderr).toMatch(/^0 done, 0 skipped, 0 failed/m);
  });

  it('Ctrl-C stops a job: exit 130, and the report says what was done and what was not started', async () => {
    await server.close();
    fake = createFake({ rateLimit: { perSecond: 20, burst: 1 } });
    fake.captain.addBucket(projectId, 'app-logs');
    for (let n = 1; n <= 60; n++) fake.captain.putVersion(projectId, 'app-logs', 'big.log', { size: n });
    server = await fake.listen();
    const child = spawn(process.execPath, [cli, '--json', 'captain', 'prune', '--project', projectId, '--bucket', 'app-logs', '--key', 'big.log', '--yes'], { env: env() });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    // Ctrl-C once the job is under way (the first delete has landed), however slowly the CLI starts.
    const started = setInterval(() => fake.stats.captain.writes > 0 && (clearInterval(started), child.kill('SIGINT')), 5);
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    const report = JSON.parse(stdout);
    expect(report.aborted).toBe(true);
    expect(report.done.length).toBeGreaterThan(0);
    expect(report.remaining.length).toBeGreaterThan(0);
    expect(fake.captain.versions(projectId, 'app-logs', 'big.log')).toHaveLength(60 - report.done.length);
  });

  it('shows a progress bar on a terminal, and no escape codes when piped', async () => {
    const args = ['captain', 'prune', '--project', projectId, '--bucket', 'app-logs', '--key', '2026/api.log', '--keep', '2', '--yes'];
    const piped = await run([...args, '--dry-run']);
    expect(piped.stderr).toMatch(/^dry run: 6 would do/m);
    expect(piped.stdout + piped.stderr).not.toMatch(/\u001b\[/);
    const command = [process.execPath, cli, ...args].map((part) => `'${part}'`).join(' ');
    // script(1) gives the CLI a pseudo-terminal. Spawned, not spawnSync: the fake answers
    // from this process's event loop.
    const tty = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let screen = '';
    tty.stdout.on('data', (chunk) => (screen += chunk));
    expect(await new Promise((resolve) => tty.on('close', resolve))).toBe(0);
    expect(screen).toMatch(/pruning \[#+\] 6\/6 \| 0 failed/);
    expect(screen).toMatch(/\u001b\[/);
  });
});
