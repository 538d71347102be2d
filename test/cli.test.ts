// The CLI end to end: bundled from the sources, run as a child process against the fake
// served on loopback. Exit codes, --json that parses, stderr messages, no credential
// echoed, confirmation, dry runs, Ctrl-C, and the progress bar in a pseudo-terminal.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captainTable } from '../generated/captain/table.js';
import { katapultTable } from '../generated/katapult/table.js';
import { verboseFetch } from '../src/cli/verbose.js';
import { allKatapultScopes, createFake, type Fake } from '../src/testing/index.js';
import { root } from './support/exec.js';
import { runInProcess, type Ran } from './support/in-process-cli.js';

const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
const token = 'cli-secret-token-7f3a9c';
let dir: string;
let cli: string;
let fake: Fake;
let server: { url: string; close(): Promise<void> };
const credentials = { katapultTokens: { [token]: allKatapultScopes }, captainCredentials: { apiKeys: [token], bearerTokens: [token] } };

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
  // It knows its credentials, as `npm run fake` and the servers do: any other is refused.
  fake = createFake({ rateLimit: { perSecond: 200, burst: 20 }, ...credentials });
  fake.katapult.addOrganization('acme');
  for (const name of ['backups', 'logs', 'media']) fake.katapult.addBucket(name);
  fake.captain.addBucket(projectId, 'app-logs');
  for (let n = 1; n <= 8; n++) fake.captain.putVersion(projectId, 'app-logs', '2026/api.log', { size: n, at: new Date(Date.UTC(2026, 10, n)) });
  server = await fake.listen();
});

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

/** The CLI's main() in this process, with env(extra): see test/support/in-process-cli.ts. */
const inProcess = (args: readonly string[], { extra = {} as Record<string, string | undefined>, stdout }: { extra?: Record<string, string | undefined>; stdout?: () => never } = {}): Promise<Ran> =>
  runInProcess(args, { environment: env(extra), secrets: [token], ...(stdout ? { stdout } : {}) });

/** Runs the CLI to the end, with `input` on stdin (a pipe, not a terminal). */
/** A fake with 60 versions of `app-logs/big.log` and a limit of 20 a second, burst 1: a
 * prune that lasts a few seconds, long enough to be stopped half-way. */
async function serveSlowPrune(): Promise<void> {
  await server.close();
  fake = createFake({ rateLimit: { perSecond: 20, burst: 1 } });
  fake.captain.addBucket(projectId, 'app-logs');
  for (let n = 1; n <= 60; n++) fake.captain.putVersion(projectId, 'app-logs', 'big.log', { size: n });
  server = await fake.listen();
}

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
  it('--help lists every command once, grouped, with the environment; a command\'s help shows only that command', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    const commands = [...stdout.matchAll(/^ {2}(katapult|captain) ([a-z-]+) /gm)].map((match) => `${match[1]} ${match[2]}`);
    // A command for every operation of the tables, and the jobs, each once.
    const operations = [katapultTable, captainTable].flatMap((table) => table.rows.map((row) => `${table.api} ${row.command}`));
    const jobs = ['katapult revoke-across-buckets', 'katapult rotate-credentials', 'captain restore-to-instant', 'captain undelete', 'captain prune'];
    expect([...commands].sort()).toEqual([...operations, ...jobs].sort());
    expect(stdout).toMatch(new RegExp(`^Katapult commands .*:\\n {2}katapult ${katapultTable.rows[0]!.command}`, 'm'));
    expect(stdout).toMatch(new RegExp(`^Captain commands .*:\\n {2}captain ${captainTable.rows[0]!.command}`, 'm'));
    expect(stdout).toMatch(/^Other commands:\n {2}mcp .*\n {2}fake .*\n {2}version/m);
    for (const variable of ['KATAPULT_API_TOKEN', 'KATAPULT_BASE_URL', 'CAPTAIN_BASE_URL', 'CAPTAIN_API_KEY', 'CAPTAIN_TOKEN']) expect(stdout).toMatch(new RegExp(`^ {2}${variable} `, 'm'));
    expect(stdout).toMatch(/Exit codes:/);

    const help = await run(['katapult', 'get-bucket', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: object-storage katapult get-bucket \[options\]$/m);
    expect(help.stdout).toMatch(/^ {2}--bucket <name> /m);
    expect(help.stdout).toMatch(/^Global Options:\n(.*\n)* {2}--json /m);
    expect(help.stdout).toMatch(/^Environment:\n {2}KATAPULT_API_TOKEN .*\n {2}KATAPULT_BASE_URL /m);
    expect(help.stdout).toMatch(/Example:\n {2}\$ object-storage katapult get-bucket --bucket backups/);
    // That command only: no list of the others.
    expect(help.stdout).not.toMatch(/delete-bucket|captain/);
    expect(help.stdout.split('\n').length).toBeLessThan(30);

    const group = await run(['katapult', '--help']);
    expect([...group.stdout.matchAll(/get-bucket/g)]).toHaveLength(1);
    expect(group.stdout).not.toMatch(/captain prune/);
    const captain = await run(['captain', 'prune', '--help']);
    expect(captain.stdout).toMatch(/^Environment:\n {2}CAPTAIN_BASE_URL .*\n {2}CAPTAIN_API_KEY .*\n {2}CAPTAIN_TOKEN /m);
    // `help <group> <command>` is that command's help, as `gh help repo view` is; help is
    // worded one way at every level.
    expect(await inProcess(['help', 'katapult', 'get-bucket'])).toEqual({ code: 0, stdout: help.stdout, stderr: '' });
    expect((await inProcess(['katapult', 'help', 'get-bucket'])).stdout).toBe(help.stdout);
    // Help for a command that does not exist says so, as gh does, not the group's help.
    const unknown = "error: unknown command 'nope' for 'object-storage katapult'; object-storage --help lists the commands\n";
    expect(await inProcess(['help', 'katapult', 'nope'])).toEqual({ code: 2, stdout: '', stderr: unknown });
    expect(await inProcess(['katapult', 'nope', '--help'])).toEqual({ code: 2, stdout: '', stderr: unknown });
    expect((await inProcess(['help', 'nope'])).code).toBe(2);
    // An option's value is no command name, and a job's arguments are its own.
    expect((await inProcess(['katapult', '--base-url', 'http://127.0.0.1:9/core/v1', 'get-bucket', '--help'])).stdout).toBe(help.stdout);
    expect((await inProcess(['katapult', 'revoke-across-buckets', 'nope', '--help'])).code).toBe(0);
    for (const text of [stdout, help.stdout, group.stdout, captain.stdout]) {
      expect(text).not.toMatch(/display help/);
      expect(text).toMatch(/^ {2}-h, --help +show help$/m);
    }
    for (const text of [stdout, group.stdout]) expect(text).toMatch(/^ {2}help \[command\] +show help for a command$/m);
  });

  it('--version and version print the version in package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(await run(['--version'])).toMatchObject({ code: 0, stdout: `object-storage ${version}\n`, stderr: '' });
    expect(await run(['version'])).toMatchObject({ code: 0, stdout: `object-storage ${version}\n`, stderr: '' });
  });

  it('prints a table by default and JSON with --json', async () => {
    const table = await run(['katapult', 'get-bucket', '--bucket', 'backups']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^field +value\n-+ +-+\nobject_storage_bucket\.name +backups$/m);
    const json = await run(['--json', 'captain', 'list-object-versions', '--project', projectId, '--bucket', 'app-logs', '--key', '2026/api.log', '--all']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toHaveLength(8);
  });

  it("an API error: exit 3, the server's sentence, then the code, status and request ID on stderr, nothing on stdout", async () => {
    const { code, stdout, stderr } = await run(['katapult', 'get-bucket', '--bucket', 'nope']);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error: No object storage bucket was found matching any of the criteria provided in the arguments\.\n {2}object_storage_bucket_not_found, status 404, request ID [0-9a-f-]{36}\n$/);
  });

  it('usage errors exit 2: a bad flag, input the API would refuse', async () => {
    expect((await run(['katapult', 'get-bucket', '--no-such-flag'])).code).toBe(2);
    const refused = await run(['captain', 'list-buckets', '--project', 'not-a-guid']);
    expect(refused.code).toBe(2);
    // The flag and the path template, never the host glued to a half-filled template.
    expect(refused.stderr).toMatch(/^error: --project must be a GUID[^;]*; nothing was sent \(GET \/api\/v\{version\}\/projects\/\{projectId\}\/buckets\)\n$/);
    const missing = await run(['katapult', 'get-bucket']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('error: --bucket is required; nothing was sent (GET /object_storage/object_storage_cluster/buckets/bucket)\n');
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

  it('Ctrl-C stops a job: exit 130, and the report says what was done and what was not done', async () => {
    await serveSlowPrune();
    const child = spawn(process.execPath, [cli, '--json', 'captain', 'prune', '--project', projectId, '--bucket', 'app-logs', '--key', 'big.log', '--keep', '1', '--yes'], { env: env() });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    // Once the first deletes are through, not at a fixed time: the machine may be slow.
    await expect.poll(() => fake.stats.captain.writes, { timeout: 10_000, interval: 20 }).toBeGreaterThan(1);
    child.kill('SIGINT');
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

  it('a job reports in the order given, a short reason on each failed row, and a summary line', async () => {
    const names = ['bucket-10', 'backups', 'bucket-2', 'logs', 'missing'];
    const { code, stdout, stderr } = await run(['katapult', 'revoke-across-buckets', ...names, '--yes']);
    expect(code).toBe(1);
    const rows = stdout.trimEnd().split('\n');
    expect(rows.slice(0, 2).map((row) => row.split(/ +/)[0])).toEqual(['item', expect.stringMatching(/^-+$/)]);
    expect(rows.slice(2).map((row) => row.split(/ +/)[0])).toEqual(names);
    const reasons = rows.slice(2).map((row) => row.split(/ {2,}/).slice(1));
    expect(reasons[1]).toEqual(['done', '—']);
    for (const n of [0, 2, 4]) expect(reasons[n]).toEqual(['failed', expect.stringMatching(/^404 object_storage_bucket_not_found, request [0-9a-f-]{36}$/)]);
    expect(stdout).not.toMatch(/http/);
    expect(Math.max(...rows.map((row) => row.length))).toBeLessThan(110);
    expect(stderr).toBe('2 done, 0 skipped, 3 failed; 5 requests, 0 throttled\n');
    // --verbose adds each failure's whole message.
    const verbose = await run(['--verbose', 'katapult', 'revoke-across-buckets', 'missing', '--yes']);
    expect(verbose.stderr).toMatch(/^missing: Request failed \(status 404 object_storage_bucket_not_found\): POST http:\/\/127\.0\.0\.1:\d+\/core\/v1\/object_storage\/object_storage_cluster\/buckets\/bucket\/revoke_presigned_urls \(request ID [0-9a-f-]{36}\)$/m);
  });

  it('shows — for nothing, timestamps as ISO 8601, and sizes with a human form', async () => {
    fake.katapult.buckets.get('uk-lon-1/backups')!.objects.set('db/latest.sql.gz', 1536);
    const { stdout } = await run(['katapult', 'get-bucket', '--bucket', 'backups']);
    const field = (name: string) => new RegExp(`^object_storage_bucket\\.${name} +(.*)$`, 'm').exec(stdout)?.[1];
    expect(field('label')).toBe('—');
    expect(field('created_at')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(field('size')).toBe('1536 B (1.5 KiB)');
    expect(field('access_control_list\\.read_key_ids')).toBe('—');
    // Captain's date-times read the same way.
    const versions = await run(['captain', 'list-object-versions', '--project', projectId, '--bucket', 'app-logs', '--key', '2026/api.log', '--max-keys', '1']);
    expect(versions.stdout).toMatch(/ 2026-11-08T00:00:00Z +8 B +true$/m);
  });

  it('a listing with more pages says so on stderr, with the flags for the next page; --all gets them all', async () => {
    const args = ['captain', 'list-object-versions', '--project', projectId, '--bucket', 'app-logs', '--key', '2026/api.log'];
    const first = await inProcess([...args, '--max-keys', '3']);
    expect(first.code).toBe(0);
    expect(first.stdout.trimEnd().split('\n')).toHaveLength(2 + 3);
    const next = /^More results exist: (--key-marker (\S+) --version-id-marker (\S+)) for the next page, or --all for every page\.$/m.exec(first.stderr);
    expect(next).not.toBeNull();
    const second = await inProcess([...args, '--max-keys', '3', '--key-marker', next![2]!, '--version-id-marker', next![3]!]);
    expect(second.stdout).not.toContain(next![3]!);
    expect(second.stdout.trimEnd().split('\n')).toHaveLength(2 + 3);
    const all = await inProcess([...args, '--max-keys', '3', '--all']);
    expect(all.stdout.trimEnd().split('\n')).toHaveLength(2 + 8);
    expect(all.stderr).toBe('');
    // The last page says nothing more.
    expect((await inProcess([...args, '--max-keys', '8'])).stderr).toBe('');
    // Katapult pages by number.
    const organization = fake.katapult.addOrganization('paged');
    for (const name of ['a', 'b', 'c']) fake.katapult.addAccessKey(organization, name);
    const keys = await inProcess(['katapult', 'list-access-keys', '--org', 'paged', '--per-page', '2']);
    expect(keys.stderr).toBe('More results exist: this is page 1 of 2; --page 2 for the next, or --all for every page.\n');
    expect((await inProcess(['katapult', 'list-access-keys', '--org', 'paged', '--per-page', '2', '--page', '2'])).stderr).toBe('');
    expect((await inProcess(['katapult', 'list-access-keys', '--org', 'paged', '--per-page', '2', '--all'])).stdout.trimEnd().split('\n')).toHaveLength(2 + 3);
    for (const listing of [['katapult', 'list-access-keys'], ['captain', 'list-buckets'], ['captain', 'list-objects'], ['captain', 'list-object-versions']]) {
      expect((await inProcess([...listing, '--help'])).stdout).toMatch(/^ {2}--all /m);
    }
    // --all gets every page: a page flag beside it is refused, naming both.
    for (const [listing, flag] of [
      [['katapult', 'list-access-keys', '--org', 'paged', '--page', '2'], "'--page <n>'"],
      [[...args, '--key-marker', 'x'], "'--key-marker <key>'"],
      [['captain', 'list-objects', '--project', projectId, '--bucket', 'app-logs', '--continuation-token', 'x'], "'--continuation-token <key>'"],
    ] as const) {
      const refused = await inProcess([...listing, '--all']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`error: option '--all' cannot be used with option ${flag}`);
    }
    // A key the shell would split or end early is quoted so that pasting it works.
    for (let n = 1; n <= 2; n++) fake.captain.putVersion(projectId, 'app-logs', "it's a log.txt", { size: n });
    const quoted = await inProcess(['captain', 'list-object-versions', '--project', projectId, '--bucket', 'app-logs', '--key', "it's a log.txt", '--max-keys', '1']);
    const flags = /^More results exist: (.*) for the next page/m.exec(quoted.stderr)![1]!;
    expect(flags).toMatch(/^--key-marker 'it'\\''s a log\.txt' --version-id-marker \S+$/);
    const words = await new Promise<string>((resolve) => {
      let said = '';
      spawn('sh', ['-c', `printf '%s\\n' ${flags}`]).stdout.on('data', (chunk) => (said += chunk)).on('close', () => resolve(said));
    });
    expect(words.split('\n').slice(0, 2)).toEqual(['--key-marker', "it's a log.txt"]);
  }, 60_000);

  it('with --json, errors are JSON on stderr: kind, code, message, requestId, and a network cause as text', async () => {
    const parse = (text: string) => JSON.parse(text) as { error: Record<string, unknown> };
    const api = await inProcess(['--json', 'katapult', 'get-bucket', '--bucket', 'nope']);
    expect(api.code).toBe(3);
    expect(parse(api.stderr).error).toMatchObject({ kind: 'api', code: 'object_storage_bucket_not_found', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), message: expect.stringContaining('Request failed') });
    const missing = await inProcess(['--json', 'katapult', 'get-bucket', '--bucket', 'backups'], { extra: { KATAPULT_API_TOKEN: undefined } });
    expect(missing.code).toBe(6);
    expect(parse(missing.stderr).error).toEqual({ kind: 'credential', code: null, message: expect.stringContaining('KATAPULT_API_TOKEN'), requestId: null });
    const usage = await inProcess(['--json', 'katapult', 'get-bucket', '--no-such-flag']);
    expect(usage.code).toBe(2);
    expect(parse(usage.stderr).error).toMatchObject({ kind: 'usage', message: expect.stringContaining('--no-such-flag') });
    const refused = await inProcess(['--json', 'katapult', 'get-bucket']);
    expect(parse(refused.stderr).error).toMatchObject({ kind: 'invalid_input', flag: '--bucket', path: '/object_storage/object_storage_cluster/buckets/bucket' });
    const down = await inProcess(['--json', 'katapult', 'get-bucket', '--bucket', 'backups'], { extra: { KATAPULT_BASE_URL: 'http://127.0.0.1:9/core/v1' } });
    expect(down.code).toBe(4);
    expect(parse(down.stderr).error).toMatchObject({ kind: 'network', cause: expect.stringMatching(/fetch failed: bad port/) });
    // A base URL that is no URL is named as it was given.
    const flag = await inProcess(['--json', 'katapult', '--base-url', 'not a url', 'get-bucket', '--bucket', 'backups']);
    expect(parse(flag.stderr).error).toEqual({ kind: 'usage', code: null, message: '--base-url must be an absolute http(s) URL', requestId: null });
    const variable = await inProcess(['--json', 'captain', 'list-buckets', '--project', projectId], { extra: { CAPTAIN_BASE_URL: 'storage.example.net' } });
    expect(parse(variable.stderr).error.message).toBe('CAPTAIN_BASE_URL must be an absolute http(s) URL');
    for (const ran of [api, missing, usage, refused, down, flag, variable]) expect(ran.stdout).toBe('');
  });

  it('--verbose logs each request and response, credentials redacted', async () => {
    const katapult = await inProcess(['--verbose', 'katapult', 'get-bucket', '--bucket', 'backups']);
    expect(katapult.code).toBe(0);
    expect(katapult.stderr).toMatch(/^> GET http:\/\/127\.0\.0\.1:\d+\/core\/v1\/object_storage\/object_storage_cluster\/buckets\/bucket\?object_storage_cluster\[region\]=uk-lon-1&bucket\[name\]=backups \(attempt 1\)$/m);
    expect(katapult.stderr).toMatch(/^> authorization: Bearer \[redacted\]$/m);
    expect(katapult.stderr).toMatch(/^< 200 OK in \d+ ms, request ID [0-9a-f-]{36} \(GET \/core\/v1\/object_storage\/object_storage_cluster\/buckets\/bucket object_storage_cluster\[region\]=uk-lon-1 bucket\[name\]=backups, attempt 1\)$/m);
    const captain = await inProcess(['--verbose', 'captain', 'list-buckets', '--project', projectId]);
    expect(captain.stderr).toMatch(/^> x-api-key: \[redacted\]$/m);
    const bearer = await inProcess(['--verbose', 'captain', 'list-buckets', '--project', projectId], { extra: { CAPTAIN_API_KEY: undefined, CAPTAIN_TOKEN: token } });
    expect(bearer.stderr).toMatch(/^> authorization: Bearer \[redacted\]$/m);
    // run() fails any output that holds the token; a secret the API sends back stays out too.
    const key = fake.katapult.addAccessKey(fake.katapult.addOrganization('beta'), 'ci');
    const rotated = await inProcess(['--verbose', '--json', 'katapult', 'generate-access-key-credentials', '--access-key', key.id, '--yes']);
    const secret = (JSON.parse(rotated.stdout) as { object_storage_access_key: { s3_secret_access_key: string } }).object_storage_access_key.s3_secret_access_key;
    expect(rotated.stderr).not.toContain(secret);
  });
});

describe('object-storage, run in process', () => {
  it("a job's refused item names the flag and the template, in the table, with --verbose and in --json, never a URL", async () => {
    const args = ['captain', 'prune', '--project', 'not-a-guid', '--bucket', 'x', '--prefix', '', '--keep', '1', '--yes'];
    const template = '(POST /api/v{version}/projects/{projectId}/buckets/{name}/objects/get)';
    const table = await inProcess(['--verbose', ...args]);
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/^\(bucket x\) +failed +not sent: --project must be a GUID/m);
    expect(table.stderr).toContain(`(bucket x): --project must be a GUID such as f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6; nothing was sent ${template}\n`);
    expect(table.stdout + table.stderr).not.toMatch(/http|projectId /);
    // Nothing left the process, and the summary says so.
    expect(table.stderr).toMatch(/^0 done, 0 skipped, 1 failed; 0 requests, 0 throttled$/m);
    const json = await inProcess(['--json', ...args]);
    expect(JSON.parse(json.stdout).failed).toEqual([
      {
        item: { key: '', versionId: '' },
        error: expect.objectContaining({ kind: 'invalid_input', flag: '--project', method: 'POST', path: '/api/v{version}/projects/{projectId}/buckets/{name}/objects/get', message: expect.stringContaining(`nothing was sent ${template}`) }),
      },
    ]);
    expect(JSON.parse(json.stdout).requests).toBe(0);
    expect(fake.stats.captain.requests).toBe(0);
  });

  it('a file that cannot be read is a usage error naming --file; a fault of its own is one line, JSON with --json, exit 70', async () => {
    const missing = await inProcess(['--json', 'katapult', 'revoke-across-buckets', '--file', '/nonexistent', '--yes']);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: `${JSON.stringify({ error: { kind: 'usage', code: null, message: '--file /nonexistent: no such file', requestId: null } })}\n` });
    expect((await inProcess(['katapult', 'revoke-across-buckets', '--file', root, '--yes'])).stderr).toBe(`error: --file ${root}: is a directory, not a file\n`);
    // A stdout that throws (not EPIPE, which main.ts handles): the CLI's own fault.
    const boom = () => {
      throw new Error('stdout broke');
    };
    const json = await inProcess(['--json', 'version'], { stdout: boom });
    expect(json.code).toBe(70);
    expect(JSON.parse(json.stderr)).toEqual({ error: { kind: 'internal', code: null, message: expect.stringMatching(/^stdout broke \(a fault in object-storage itself/), requestId: null } });
    const text = await inProcess(['version'], { stdout: boom });
    expect(text.code).toBe(70);
    expect(text.stderr).toMatch(/^error: stdout broke \(a fault in object-storage itself; OBJECT_STORAGE_DEBUG=1 shows where\)\n$/);
    expect((await inProcess(['version'], { stdout: boom, extra: { OBJECT_STORAGE_DEBUG: '1' } })).stderr).toMatch(/^Error: stdout broke\n {4}at /);
  });

  it("a Captain job's rows come in the order the job found them (newest first), a failure's reason in the vendor's words, a whole-bucket failure labelled", async () => {
    const listed = await inProcess(['--json', 'captain', 'list-object-versions', '--project', projectId, '--bucket', 'app-logs', '--key', '2026/api.log', '--all']);
    const newestFirst = (JSON.parse(listed.stdout) as { versionId: string }[]).map(({ versionId }) => `2026/api.log (${versionId})`);
    const pruned = await inProcess(['captain', 'prune', '--project', projectId, '--bucket', 'app-logs', '--prefix', '2026/', '--keep', '2', '--dry-run']);
    expect(pruned.stdout.trimEnd().split('\n').slice(2).map((row) => row.split(/ {2,}/)[0])).toEqual(newestFirst.slice(2));
    const missing = await inProcess(['captain', 'prune', '--project', projectId, '--bucket', 'nope', '--all', '--keep', '1', '--yes']);
    expect(missing.stdout).toMatch(/^\(bucket nope\) +failed +404 Bucket not found, request [0-9a-f-]{36}$/m);
    const folder = await inProcess(['captain', 'prune', '--project', projectId, '--bucket', 'nope', '--prefix', '2026/', '--keep', '1', '--yes']);
    expect(folder.stdout).toMatch(/^\(prefix "2026\/"\) +failed +404 Bucket not found/m);
  });

  it('a Katapult base URL without /core/v1 gets a hint, whatever the status of the answer that is not the API\'s', async () => {
    const origin = fake.katapultBaseUrl.replace(/\/core\/v1$/, '');
    const { code, stderr } = await inProcess(['katapult', 'get-bucket', '--bucket', 'backups'], { extra: { KATAPULT_BASE_URL: origin } });
    expect(code).toBe(5);
    expect(stderr).toContain(`hint: the Katapult base URL ${origin} does not end in /core/v1; try ${origin}/core/v1`);
    // A token the fake does not know: it says so before it looks at the path, as the
    // server's front does, with a 401 that is not in the API's form.
    const refused = await inProcess(['katapult', 'get-bucket', '--bucket', 'backups'], { extra: { KATAPULT_BASE_URL: origin, KATAPULT_API_TOKEN: 'not-a-token-it-knows' } });
    expect(refused.stderr).toMatch(/^error: Request failed \(status 401, unexpected response\)/);
    expect(refused.stderr).toContain(`hint: the Katapult base URL ${origin} does not end in /core/v1`);
    const json = await inProcess(['--json', 'katapult', 'get-bucket', '--bucket', 'backups'], { extra: { KATAPULT_BASE_URL: `${origin}/v1` } });
    expect(JSON.parse(json.stderr).error.hint).toContain(`try ${origin}/v1/core/v1`);
    // A job's report says it once, however many rows it fits.
    const job = await inProcess(['katapult', 'revoke-across-buckets', 'backups', 'logs', '--yes'], { extra: { KATAPULT_BASE_URL: origin } });
    expect(job.code).toBe(1);
    expect(job.stderr.match(/^hint: .*$/gm)).toEqual([`hint: the Katapult base URL ${origin} does not end in /core/v1; try ${origin}/core/v1 (KATAPULT_BASE_URL or --base-url).`]);
    // The right base URL gets no hint, even for a 404.
    expect((await inProcess(['katapult', 'get-bucket', '--bucket', 'nope'])).stderr).not.toMatch(/hint/);
  });

  it('--verbose on a job: each request is attempt 1 and names its item; a retry of the same request is attempt 2', async () => {
    const { code, stderr } = await inProcess(['--verbose', 'katapult', 'revoke-across-buckets', 'backups', 'logs', 'missing', '--yes']);
    expect(code).toBe(1);
    const sent = stderr.split('\n').filter((line) => /^> POST /.test(line));
    expect(sent.map((line) => /bucket\[name\]=([a-z]+), attempt (\d+)\)$/.exec(line)?.slice(1))).toEqual([
      ['backups', '1'],
      ['logs', '1'],
      ['missing', '1'],
    ]);
    expect(stderr).toMatch(/^< 404 Not Found in \d+ ms, request ID [0-9a-f-]{36} \(POST \/core\/v1\/\S+ object_storage_cluster\[region\]=uk-lon-1 bucket\[name\]=missing, attempt 1\)$/m);
    const lines: string[] = [];
    const logged = verboseFetch((line) => lines.push(line), async () => new Response(null, { status: 503 }));
    const request = () => new Request('http://127.0.0.1:9/core/v1/x', { method: 'POST', body: '{"bucket":{"name":"logs"}}', headers: { authorization: `Bearer ${token}` } });
    await logged(request());
    await logged(request());
    expect(lines.filter((line) => line.startsWith('< '))).toEqual([expect.stringMatching(/bucket\[name\]=logs, attempt 1\)$/), expect.stringMatching(/bucket\[name\]=logs, attempt 2\)$/)]);
    expect(lines.join('\n')).not.toContain(token);
  });
});

// Pipes that close early: `object-storage ... | head -1`.
describe('object-storage on a closed pipe', () => {
  /** Runs the CLI with its stdout pipe already closed by the reader, as `| head` leaves it. */
  function closedPipe(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stderr }));
    });
  }

  it('stops quietly with exit 0: help, a table, JSON, a job report', async () => {
    for (const args of [
      ['--help'],
      ['katapult', 'get-bucket', '--bucket', 'backups'],
      ['--json', 'captain', 'list-object-versions', '--project', projectId, '--bucket', 'app-logs', '--key', '2026/api.log', '--all'],
      ['katapult', 'revoke-across-buckets', 'backups', 'logs', '--yes'],
    ]) {
      const { code, stderr } = await closedPipe(args);
      expect({ args, code, stderr }).toEqual({ args, code: 0, stderr: expect.not.stringMatching(/EPIPE|Error|at /) });
    }
  });

  it('a closed stderr stops the messages, not the job: it runs to its end and keeps its exit code', async () => {
    const child = spawn(process.execPath, [cli, 'katapult', 'revoke-across-buckets', 'backups', 'missing', '--yes'], { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr.destroy();
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(1);
    expect(stdout).toMatch(/^backups +done/m);
    expect(stdout).toMatch(/^missing +failed +404 object_storage_bucket_not_found/m);
  });

  it('| head -1 in a shell: the first line, nothing on stderr, exit 0 for the CLI', async () => {
    const shell = spawn('bash', ['-c', `set -o pipefail; '${process.execPath}' '${cli}' --help | head -1`], { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    shell.stdout.on('data', (chunk) => (stdout += chunk));
    shell.stderr.on('data', (chunk) => (stderr += chunk));
    expect(await new Promise((resolve) => shell.on('close', resolve))).toBe(0);
    expect(stdout).toBe('Usage: object-storage [options] [command]\n');
    expect(stderr).toBe('');
  });
});

/** The screen a terminal would show for `output`: carriage returns, line clears and
 * cursor moves applied, so what was drawn over is gone. */
function screenOf(output: string): string[] {
  const lines: string[] = [''];
  let column = 0;
  const put = (text: string) => {
    const line = lines[lines.length - 1]!;
    lines[lines.length - 1] = line.slice(0, column).padEnd(column) + text + line.slice(column + text.length);
    column += text.length;
  };
  for (const token of output.match(/\u001b\[[?\d;]*[A-Za-z]|\r|\n|[^\u001b\r\n]+/g) ?? []) {
    if (token === '\n') {
      lines.push('');
      column = 0;
    } else if (token === '\r') column = 0;
    else if (token.startsWith('\u001b[')) {
      const [, args = '', command] = /^\u001b\[([?\d;]*)([A-Za-z])$/.exec(token)!;
      const n = Number(args || 0);
      if (command === 'G') column = Math.max(0, n - 1);
      else if (command === 'K' && (n === 0 || args === '')) lines[lines.length - 1] = lines[lines.length - 1]!.slice(0, column);
      else if (command === 'K' && n === 2) lines[lines.length - 1] = '';
      else if (command === 'A') lines.length = Math.max(1, lines.length - n);
    } else put(token);
  }
  return lines.map((line) => line.trimEnd());
}

describe('object-storage in a terminal', () => {
  it('Ctrl-C stops a job and leaves no ^C on the screen', async () => {
    await serveSlowPrune();
    const command = [process.execPath, cli, 'captain', 'prune', '--project', projectId, '--bucket', 'app-logs', '--key', 'big.log', '--keep', '1', '--yes'].map((part) => `'${part}'`).join(' ');
    // script(1) gives the CLI a pseudo-terminal; Ctrl-C typed into it reaches the CLI as
    // SIGINT, and the terminal echoes ^C where the cursor is.
    const tty = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { env: { ...env(), TERM: 'xterm' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    tty.stdout.on('data', (chunk) => (output += chunk));
    await expect.poll(() => output, { timeout: 10_000 }).toMatch(/pruning \[#*-*\] [1-9]\d*\/59/);
    tty.stdin.write('\u0003');
    expect(await new Promise((resolve) => tty.on('close', resolve))).toBe(130);
    expect(output).toContain('^C');
    const screen = screenOf(output);
    expect(screen.join('\n')).not.toContain('^C');
    expect(screen.find((line) => line.startsWith('pruning'))).toMatch(/^pruning \[#*-*\] \d+\/59 \| 0 failed/);
    expect(screen.join('\n')).toMatch(/^\d+ done, 0 skipped, 0 failed, \d+ not done;/m);
  });
});

