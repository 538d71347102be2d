// The CLI's tables on a terminal fit its width; piped, they are whole. Bundled from the
// sources and run as a child process against the fake on loopback; script(1) gives it a
// real pseudo-terminal, whose width `stty cols` sets.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFake, type Fake } from '../src/testing/index.js';
import { root } from './support/exec.js';

const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
/** Access key names long enough to make a row of hundreds of characters; one has no space
 * to break at. */
const keyNames = [
  'deploy-pipeline-for-the-marketing-website-production',
  'nightly-database-backups',
  'ci-runner-that-uploads-build-artefacts-and-release-notes-for-every-tagged-release-of-the-app',
];
const bucketNames = ['holiday-photos-2026', 'build-artefacts-eu', 'logs'];

let dir: string;
let cli: string;
let fake: Fake;
let server: { url: string; close(): Promise<void> };
let ids: string[];

beforeAll(async () => {
  // Inside the project, so the bundle's external packages resolve from node_modules.
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  dir = mkdtempSync(join(root, 'node_modules/.cache/cli-tables-'));
  cli = join(dir, 'object-storage.mjs');
  await build({ entryPoints: [join(root, 'src/cli/main.ts')], outfile: cli, bundle: true, platform: 'node', format: 'esm', packages: 'external', absWorkingDir: root, logLevel: 'silent' });
  fake = createFake();
  const organization = fake.katapult.addOrganization('acme');
  ids = keyNames.map((name) => fake.katapult.addAccessKey(organization, name).id);
  for (const name of bucketNames) fake.captain.addBucket(projectId, name);
  fake.captain.putVersion(projectId, 'logs', 'api.log', { size: 512 });
  server = await fake.listen();
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ PATH: process.env.PATH, KATAPULT_BASE_URL: fake.katapultBaseUrl, KATAPULT_API_TOKEN: 'fake-token', CAPTAIN_BASE_URL: fake.captainBaseUrl, CAPTAIN_API_KEY: 'fake-key' });

/** What the terminal got, as lines: the carriage returns a pty adds and any escape codes gone. */
const screenLines = (output: string) =>
  output
    .replace(/\u001b\[[?\d;]*[A-Za-z]|\u001b[78]/g, '')
    .replaceAll('\r', '')
    .replace(/\n$/, '')
    .split('\n');

/** Runs the CLI in a pseudo-terminal `columns` wide (0: one that does not say), stdout
 * and stderr both on it. */
function inTerminal(args: readonly string[], columns: number): Promise<{ code: number | null; lines: string[] }> {
  const command = [process.execPath, cli, ...args].map((part) => `'${part}'`).join(' ');
  const tty = spawn('script', ['-q', '-e', '-c', `stty cols ${columns} rows 50; exec ${command}`, '/dev/null'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  tty.stdout.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => tty.on('close', (code) => resolve({ code, lines: screenLines(output) })));
}

/** Runs the CLI with stdout and stderr on pipes. */
function piped(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** The note on stderr after a table whose values were fitted: its lines, joined. */
const noteOf = (lines: readonly string[]) => {
  const at = lines.findIndex((line) => line.startsWith('note: '));
  return at < 0 ? undefined : lines.slice(at).join(' ');
};
const cutNote = 'note: values cut to fit the terminal; | cat or --json shows them whole';
const wrapNote = 'note: values wrapped to fit the terminal; | cat or --json keeps each on a line';

/** Characters a line takes; the fake's values hold none wider than one column. */
const width = (line: string) => [...line].length;

/** A record's value as the lines give it: its first line after the name, and the lines
 * under it that continue it (blank where the name goes). */
function valueOf(lines: readonly string[], name: string, from = 0): string | undefined {
  const at = lines.findIndex((line, n) => n >= from && line.startsWith(`${name} `));
  if (at < 0) return undefined;
  const column = lines[at]!.length - lines[at]!.slice(name.length).trimStart().length;
  let value = lines[at]!.slice(column);
  for (let n = at + 1; n < lines.length && lines[n]!.startsWith(' '.repeat(column)) && lines[n]!.trim() !== ''; n += 1) value += lines[n]!.slice(column);
  return value;
}

describe('tables on a terminal', () => {
  it('at 80 columns: no line is longer than 80, and every ID is whole', async () => {
    const { code, lines } = await inTerminal(['katapult', 'list-access-keys', '--org', 'acme'], 80);
    expect(code).toBe(0);
    expect(lines.filter((line) => width(line) > 80)).toEqual([]);
    // Thirteen columns cannot fit 80 characters: a record a key, each value whole.
    for (const [n, id] of ids.entries()) {
      const block = lines.findIndex((line) => line === `id                    ${id}`);
      expect(block, id).toBeGreaterThanOrEqual(0);
      expect(valueOf(lines, 'name', block)).toBe(keyNames[n]);
    }
    expect(noteOf(lines)).toBe(wrapNote);
  });

  it('at 80 columns, a listing whose columns can fit: the widest cut with an ellipsis, the names whole', async () => {
    const { code, lines } = await inTerminal(['captain', 'list-buckets', '--project', projectId], 80);
    expect(code).toBe(0);
    expect(lines.filter((line) => width(line) > 80)).toEqual([]);
    expect(lines[0]).toMatch(/^name +bytes +objects +\S+ +status +endpoint$/);
    expect(lines[1]).toMatch(/^-+( +-+){5}$/);
    for (const name of bucketNames) expect(lines.find((line) => line.startsWith(`${name} `)), name).toMatch(/https:\/\/\S*…$/);
    expect(noteOf(lines)).toBe(cutNote);
    // A table that fits as it is: nothing cut, no note.
    const fits = await inTerminal(['captain', 'list-object-versions', '--project', projectId, '--bucket', 'logs', '--key', 'api.log'], 80);
    expect(fits.lines[0]).toMatch(/^key +versionId +isDeleteMarker +lastModified +size +isLatest$/);
    expect(fits.lines.join('\n')).not.toMatch(/…|note:/);
  });

  it("at 80 columns, one record's long value wraps under its column, whole", async () => {
    const { lines } = await inTerminal(['katapult', 'get-access-key', '--access-key', ids[2]!], 80);
    expect(lines.filter((line) => width(line) > 80)).toEqual([]);
    expect(lines[0]).toMatch(/^field +value$/);
    expect(valueOf(lines, 'object_storage_access_key.name')).toBe(keyNames[2]);
    expect(valueOf(lines, 'object_storage_access_key.id')).toBe(ids[2]);
    expect(noteOf(lines)).toBe(wrapNote);
  });

  it('at 40 columns, a record a row, separated by a blank line; a terminal that gives no width counts as 80', async () => {
    const { code, lines } = await inTerminal(['katapult', 'list-access-keys', '--org', 'acme'], 40);
    expect(code).toBe(0);
    expect(lines.filter((line) => width(line) > 40)).toEqual([]);
    expect(lines.filter((line) => /^-+ /.test(line))).toEqual([]);
    // The note, wrapped to the width too, comes after the records.
    expect(noteOf(lines)).toBe(wrapNote);
    const blocks = lines.slice(0, lines.findIndex((line) => line.startsWith('note: '))).join('\n').split('\n\n');
    expect(blocks).toHaveLength(ids.length);
    for (const [n, block] of blocks.entries()) {
      const rows = block.split('\n');
      expect(rows[0]).toMatch(/^id +\S/);
      expect(valueOf(rows, 'id')).toBe(ids[n]);
      expect(valueOf(rows, 'name')).toBe(keyNames[n]);
    }
    const unknown = await inTerminal(['katapult', 'list-access-keys', '--org', 'acme'], 0);
    expect(unknown.lines.filter((line) => width(line) > 80)).toEqual([]);
    expect(unknown.lines).toContain(`id                    ${ids[0]}`);
  });
});

describe('tables piped', () => {
  it('a header, a rule and a row a key, every value whole on its line, however long the rows', async () => {
    const { code, stdout, stderr } = await piped(['katapult', 'list-access-keys', '--org', 'acme']);
    expect(code).toBe(0);
    expect(stdout).not.toContain('…');
    expect(stderr).toBe('');
    const rows = stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(2 + ids.length);
    expect(rows[0]!.split(/ +/)).toEqual(['id', 'name', 'created_at', 'region', 'state', 'all_buckets_read', 'all_objects_read', 'all_objects_write', 'read_buckets', 'write_buckets', 'server_url', 's3_access_key_id', 's3_secret_access_key']);
    expect(rows[1]).toMatch(/^-+( +-+){12}$/);
    const json = JSON.parse((await piped(['--json', 'katapult', 'list-access-keys', '--org', 'acme'])).stdout) as { object_storage_access_keys: { id: string; name: string; s3_access_key_id: string }[] };
    for (const [n, key] of json.object_storage_access_keys.entries()) {
      const cells = rows[2 + n]!.split(/ +/);
      expect([cells[0], cells[1], cells[11]]).toEqual([key.id, key.name, key.s3_access_key_id]);
      expect(rows[2 + n]!.length).toBeGreaterThan(200);
    }
    // One record: its field and whole value on one line.
    const record = await piped(['katapult', 'get-access-key', '--access-key', ids[2]!]);
    expect(record.stdout).toMatch(new RegExp(`^object_storage_access_key\\.name +${keyNames[2]}$`, 'm'));
  });
});
