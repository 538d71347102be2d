// `object-storage mcp` end to end: the compiled CLI (npm run compile) spawned by the MCP
// SDK's own client over stdio, against the fake served on loopback. The tools list no
// output schema (it would cost every session's list and no client shows it to the model),
// so the test checks every structured result as it arrives: the members the server adds,
// and the data against the spec's schema of it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captainTable } from '../generated/captain/table.js';
import { katapultTable } from '../generated/katapult/table.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createServer } from 'node:http';
import { allTools } from '../src/mcp/catalogue.js';
import { bound, visibleJson } from '../src/mcp/results.js';
import { createMcpServer } from '../src/mcp/server.js';
import { createFake, type Fake } from '../src/testing/index.js';
import { root } from './support/exec.js';

const cli = join(root, 'dist/src/cli/main.js');
const token = 'mcp-secret-token-5d1e8b77';
const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
const region = { region: 'uk-lon-1' };

let fake: Fake;
let served: { url: string; close(): Promise<void> };
let accessKeyId: string;
/** Every text a session showed: results, errors and its log lines. */
const seen: string[] = [];
const sessions: Session[] = [];

interface Session {
  readonly client: Client;
  readonly tools: Tool[];
  readonly log: () => string;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult & { structuredContent: Record<string, any> }>;
}

/** What every structured result holds: data, an error or a plan, and the members the
 * server adds around data. */
const envelope = {
  type: 'object',
  properties: {
    data: true,
    error: { type: 'object', properties: { kind: { type: 'string' }, message: { type: 'string' } }, required: ['kind', 'message'] },
    plan: { type: 'object', required: ['tool', 'action', 'counts', 'sample', 'plan_token', 'expires_at', 'next_step'] },
    next_cursor: { type: 'string' },
    cut: { type: 'object', properties: { shown: { type: 'integer' }, of: { type: 'integer' }, note: { type: 'string' } }, required: ['shown', 'of', 'note'] },
    withheld: { type: 'array', items: { type: 'string' } },
  },
  oneOf: [{ required: ['data'] }, { required: ['error'] }, { required: ['plan'] }],
  additionalProperties: false,
};
const checker = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
const fitsEnvelope = checker.compile(envelope);
const dataFits = new Map(allTools().map((tool) => [tool.name, checker.compile(tool.dataSchema)]));

/** A result as the server must give it: its data as the spec says, an error only with isError, a plan only from a two-step tool. */
function checkResult(name: string, result: CallToolResult & { structuredContent: Record<string, any> }) {
  const structured = result.structuredContent;
  expect(fitsEnvelope(structured), `${name}: ${JSON.stringify(fitsEnvelope.errors)}`).toBe(true);
  expect('error' in structured, name).toBe(result.isError === true);
  if ('plan' in structured) expect(allTools().find((tool) => tool.name === name)?.plan, name).toBeDefined();
  const fits = dataFits.get(name);
  if ('data' in structured && fits) expect(fits(structured.data), `${name}: ${JSON.stringify(fits.errors)}`).toBe(true);
}

function env(base: Fake) {
  return { PATH: process.env.PATH ?? '', KATAPULT_BASE_URL: base.katapultBaseUrl, KATAPULT_API_TOKEN: token, CAPTAIN_BASE_URL: base.captainBaseUrl, CAPTAIN_API_KEY: token };
}

async function start(args: readonly string[] = [], { base = fake, client = new Client({ name: 'mcp-test', version: '1.0.0' }) } = {}): Promise<Session> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [cli, 'mcp', ...args], env: env(base), stderr: 'pipe', cwd: root });
  let log = '';
  transport.stderr?.on('data', (chunk) => (log += String(chunk)));
  await client.connect(transport);
  const { tools } = await client.listTools();
  const session: Session = {
    client,
    tools,
    log: () => log,
    async call(name, args = {}) {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult & { structuredContent: Record<string, any> };
      checkResult(name, result);
      const text = (result.content as { type: string; text: string }[]).map((part) => part.text).join('\n');
      seen.push(text, JSON.stringify(result.structuredContent));
      // The text is the structured content, as JSON a parser reads the same.
      expect(JSON.parse(text)).toEqual(result.structuredContent);
      return result;
    },
  };
  sessions.push(session);
  return session;
}

/** The server in this process, over the SDK's in-memory transport: for cases about what
 * the server does, not the CLI around it (cheaper than a child process). */
async function inProcess(base: { katapultBaseUrl: string; captainBaseUrl: string }, options: { maxResultChars?: number; maxWaitSeconds?: number; allowSecrets?: boolean } = {}): Promise<Session> {
  const lines: string[] = [];
  const { server } = await createMcpServer({ ...options, env: env(base as Fake), log: (line) => lines.push(line) });
  const [mine, theirs] = InMemoryTransport.createLinkedPair();
  await server.connect(theirs);
  const client = new Client({ name: 'mcp-test-in-process', version: '1.0.0' });
  await client.connect(mine);
  const { tools } = await client.listTools();
  const session: Session = {
    client,
    tools,
    log: () => lines.join('\n'),
    async call(name, args = {}) {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult & { structuredContent: Record<string, any> };
      checkResult(name, result);
      seen.push(JSON.stringify(result.structuredContent));
      return result;
    },
  };
  sessions.push(session);
  return session;
}

const jobs = ['revoke_presigned_urls_across_buckets', 'rotate_access_key_credentials', 'restore_object_to_instant', 'undelete_object', 'prune_versions'];
const allNames = [...katapultTable.rows.map((row) => row.tool), ...captainTable.rows.map((row) => row.tool), ...jobs];

beforeAll(async () => {
  fake = createFake();
  const org = fake.katapult.addOrganization('acme');
  fake.katapult.addBucket('backups', { objects: { 'db/latest.sql.gz': 2048 } });
  for (const name of ['logs', 'media', 'old-logs']) fake.katapult.addBucket(name);
  accessKeyId = fake.katapult.addAccessKey(org, 'backup-writer').id;
  fake.captain.addBucket(projectId, 'app-logs');
  for (let n = 1; n <= 8; n++) fake.captain.putVersion(projectId, 'app-logs', '2026/api.log', { size: n, at: new Date(Date.UTC(2026, 10, n)) });
  fake.captain.addBucket(projectId, 'photos');
  for (let n = 1; n <= 120; n++) fake.captain.putVersion(projectId, 'photos', `img/${String(n).padStart(3, '0')}.jpg`, { size: n });
  fake.captain.putVersion(projectId, 'photos', 'notes/read\u202Eme\u200B.txt', { size: 1 });
  served = await fake.listen();
});

afterAll(async () => {
  await Promise.all(sessions.map((session) => session.client.close()));
  await served?.close();
  // No credential in any result, error or log line of any session.
  for (const session of sessions) seen.push(session.log());
  expect(seen.length).toBeGreaterThan(20);
  for (const text of seen) expect(text).not.toContain(token);
});

describe('the tool list', () => {
  let all: Session;
  beforeAll(async () => {
    all = await start();
  });

  it('offers a tool for every operation of both APIs and for every job, in its toolset', () => {
    expect(all.tools.map((tool) => tool.name).sort()).toEqual([...allNames].sort());
    for (const tool of all.tools) {
      const toolset = tool._meta?.['object-storage/toolset'];
      expect(toolset, tool.name).toBe(jobs.includes(tool.name) ? 'jobs' : tool.name.split('_')[0]);
    }
  });

  it("gives every tool an input schema that is valid JSON Schema, from the spec, with the spec's words said once; and no output schema", () => {
    const ajv = new Ajv2020({ strict: true, strictTypes: false, validateFormats: false });
    const words = (schema: unknown): string[] =>
      typeof schema !== 'object' || schema === null ? [] : Object.entries(schema).flatMap(([key, value]) => (key === 'description' && typeof value === 'string' ? [value] : words(value)));
    for (const tool of all.tools) {
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(() => ajv.compile(tool.inputSchema), tool.name).not.toThrow();
      expect(tool.outputSchema, tool.name).toBeUndefined();
      // No title keyword (the generated types' names), and each description one paragraph on one line.
      expect(JSON.stringify(tool.inputSchema), tool.name).not.toMatch(/"title":/);
      for (const text of words(tool.inputSchema)) expect(text, tool.name).not.toMatch(/\n/);
    }
    // The spec's words and rules, not a copy: the bucket lookup's rule and description.
    const getBucket = all.tools.find((tool) => tool.name === 'katapult_get_bucket')!;
    const bucket = (getBucket.inputSchema.properties as Record<string, any>).bucket;
    expect(bucket.properties.name.minLength).toBe(1);
    expect(getBucket.description).toContain(katapultTable.rows.find((row) => row.operation.id === 'getBucket')!.summary);
    const listObjects = all.tools.find((tool) => tool.name === 'captain_list_objects')!;
    expect(Object.keys(listObjects.inputSchema.properties!)).toEqual(expect.arrayContaining(['projectId', 'bucket', 'key', 'maxKeys', 'continuationToken', 'cursor']));
    // A lookup says what it finds by once: a choice of keys at its top, one key in the key.
    const getAccount = all.tools.find((tool) => tool.name === 'katapult_get_account')!.inputSchema.properties as Record<string, any>;
    expect(words(getAccount.organization)).toEqual([expect.stringContaining('exactly one of `id` or `sub_domain`')]);
    expect(words(getAccount.object_storage_cluster)).toEqual([expect.stringContaining('uk-lon-1')]);
    expect(getAccount.organization.anyOf).toHaveLength(2);
  });

  it('says in the description how a two-step tool acts and which secrets its results withhold, and once, in the instructions, what every result holds', async () => {
    const byName = new Map(allTools().map((tool) => [tool.name, tool]));
    for (const tool of all.tools) {
      const { plan, secrets } = byName.get(tool.name)!;
      expect(tool.description?.includes('Two steps: a call without plan_token only plans'), tool.name).toBe(plan !== undefined);
      if (secrets.length > 0) expect(tool.description, tool.name).toContain(`Withheld unless the server runs with --allow-secrets: ${secrets.join(', ')}.`);
      else expect(tool.description, tool.name).not.toContain('Withheld');
    }
    expect(all.tools.filter((tool) => tool.description?.includes('Withheld')).length).toBeGreaterThan(2);
    const instructions = all.client.getInstructions() ?? '';
    for (const word of ['structuredContent', 'isError', 'plan_token', 'next_cursor', 'cut', 'withheld', '--allow-secrets']) expect(instructions, word).toContain(word);
    // With --allow-secrets, nothing is withheld and no description says so.
    const allowed = await inProcess(fake, { allowSecrets: true });
    expect(allowed.tools.filter((tool) => tool.description?.includes('Withheld'))).toEqual([]);
  });

  it('names another tool by its name, where the spec names its operationId', () => {
    const rows = [...katapultTable.rows, ...captainTable.rows];
    for (const tool of all.tools) for (const row of rows) expect(tool.description, tool.name).not.toContain(`\`${row.operation.id}\``);
    expect(all.tools.find((tool) => tool.name === 'katapult_create_access_key')!.description).toContain('`katapult_generate_access_key_credentials`');
  });

  it('sets all four annotations on every tool; every destructive tool and every job works in two steps', () => {
    for (const tool of all.tools) {
      const { readOnlyHint, destructiveHint, idempotentHint, openWorldHint } = tool.annotations ?? {};
      for (const hint of [readOnlyHint, destructiveHint, idempotentHint, openWorldHint]) expect(typeof hint, tool.name).toBe('boolean');
      if (readOnlyHint) expect(destructiveHint, tool.name).toBe(false);
      const twoStep = tool._meta?.['object-storage/two-step'] === true;
      expect(twoStep, tool.name).toBe(destructiveHint === true || jobs.includes(tool.name));
      expect('plan_token' in tool.inputSchema.properties!, tool.name).toBe(twoStep);
    }
  });

  it("gives each operation's tool the annotations of its method, unless its row of the table says why not", () => {
    // What each method does to the server's state: a read, a create, an overwrite, a delete.
    const byMethod: Record<string, [readOnly: boolean, destructive: boolean, idempotent: boolean]> = {
      GET: [true, false, true],
      POST: [false, false, false],
      PATCH: [false, true, true],
      PUT: [false, true, true],
      DELETE: [false, true, true],
    };
    const rows = [...katapultTable.rows, ...captainTable.rows];
    const exceptions: string[] = [];
    for (const row of rows) {
      const { annotations } = all.tools.find((tool) => tool.name === row.tool)!;
      const { effect, idempotent, method } = row.operation;
      const hints = [annotations!.readOnlyHint, annotations!.destructiveHint, annotations!.idempotentHint];
      // The rule: a read changes nothing; an overwrite or a delete destroys; as the table says.
      expect(hints, row.tool).toEqual([effect === 'read', effect === 'overwrite' || effect === 'delete', idempotent]);
      if (JSON.stringify(hints) === JSON.stringify(byMethod[method])) continue;
      // Where that is not what the method says, the row says why.
      expect(row.because, `${row.tool}: ${method}, but ${JSON.stringify(hints)}`).toMatch(/\w/);
      exceptions.push(row.tool);
    }
    // The method misleads for a few operations only: a read sent as a POST, POSTs that take away or replace.
    expect(exceptions.length).toBeGreaterThan(0);
    expect(exceptions.length).toBeLessThan(rows.length / 2);
    for (const name of jobs) expect(all.tools.find((tool) => tool.name === name)!.annotations, name).toMatchObject({ readOnlyHint: false, destructiveHint: true, openWorldHint: true });
  });

  it('--read-only offers only the read tools, and overrides --tools and --toolsets', async () => {
    const readOnly = await start(['--read-only', '--toolsets', 'katapult,jobs', '--tools', 'katapult_delete_bucket,captain_list_buckets']);
    const names = readOnly.tools.map((tool) => tool.name);
    expect(readOnly.tools.every((tool) => tool.annotations?.readOnlyHint === true)).toBe(true);
    expect(names).toContain('katapult_get_bucket');
    expect(names).toContain('captain_list_buckets');
    expect(names).not.toContain('katapult_delete_bucket');
    expect(names.filter((name) => jobs.includes(name))).toEqual([]);
    expect(readOnly.log()).toMatch(/read-only/);
  });

  it('--tools offers just those, --toolsets whole sets, and --exclude-tools wins over both', async () => {
    const chosen = await start(['--tools', 'katapult_get_bucket,prune_versions']);
    expect(chosen.tools.map((tool) => tool.name).sort()).toEqual(['katapult_get_bucket', 'prune_versions']);
    const excluded = await start(['--toolsets', 'jobs', '--tools', 'captain_list_buckets', '--exclude-tools', 'prune_versions,captain_list_buckets']);
    expect(excluded.tools.map((tool) => tool.name).sort()).toEqual(jobs.filter((name) => name !== 'prune_versions').sort());
    // A tool not offered cannot be called.
    await expect(excluded.client.callTool({ name: 'prune_versions', arguments: {} })).rejects.toThrow(/Unknown tool/);
  });

  it('--list-tools prints the table without the MCP SDK installed', async () => {
    // A resolve hook makes the SDK missing, as it is where the optional peer was not installed.
    const hook = `export async function resolve(specifier, context, next) { if (specifier.startsWith('@modelcontextprotocol/sdk')) throw Object.assign(new Error('not installed'), { code: 'ERR_MODULE_NOT_FOUND' }); return next(specifier, context); }`;
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
    const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, cli, 'mcp', '--list-tools', '--toolsets', 'jobs'], { env: env(fake), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    const table = JSON.parse(stdout) as { name: string; toolset: string; twoStep: boolean }[];
    expect(table.map((row) => row.name).sort()).toEqual([...jobs].sort());
    expect(table.every((row) => row.toolset === 'jobs' && row.twoStep)).toBe(true);
  });

  it('refuses an unknown tool name in a flag, naming the flag', async () => {
    const child = spawn(process.execPath, [cli, 'mcp', '--tools', 'katapult_get_bucket,katapult_drop_everything'], { env: env(fake), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--tools: "katapult_drop_everything" is not a tool/);
  });
});

describe('calls', () => {
  let mcp: Session;
  beforeAll(async () => {
    mcp = await start();
  });

  it('a read: the data in structuredContent, as the spec shapes it', async () => {
    const result = await mcp.call('katapult_get_bucket', { object_storage_cluster: region, bucket: { name: 'backups' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.data.object_storage_bucket.name).toBe('backups');
  });

  it('a documented API error is a tool result with isError: kind, code, message and request ID', async () => {
    const result = await mcp.call('katapult_get_bucket', { object_storage_cluster: region, bucket: { name: 'missing' } });
    expect(result.isError).toBe(true);
    const { error } = result.structuredContent;
    expect(error).toMatchObject({ kind: 'api', code: 'object_storage_bucket_not_found', status: 404 });
    expect(error.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toContain(error.request_id);
  });

  it('refused input is a tool result naming the parameter and the rule, and nothing is sent', async () => {
    const before = { katapult: fake.stats.katapult.requests, captain: fake.stats.captain.requests };
    const result = await mcp.call('katapult_get_bucket', { object_storage_cluster: region, bucket: { name: '' } });
    expect(result.isError).toBe(true);
    expect(result.structuredContent.error).toMatchObject({ kind: 'invalid_input', parameter: 'bucket.name', rule: 'must not be empty' });
    // A job checks its arguments against the schema it advertises, every rule of it.
    const refusals: [string, Record<string, unknown>, string, string][] = [
      ['prune_versions', { projectId, bucket: 'app-logs', key: '2026/api.log', keepLatest: 0 }, 'keepLatest', 'must be >= 1'],
      ['prune_versions', { projectId, bucket: 'b', key: '2026/api.log', keepLatest: 1 }, 'bucket', 'must be at least 3 characters long'],
      ['prune_versions', { projectId, bucket: 'app-logs', key: 'k', keepLatest: 1, olderThan: 'last week' }, 'olderThan', 'must be a date-time such as 2026-11-20T09:00:00Z'],
      ['revoke_presigned_urls_across_buckets', { region: 'uk-lon-1', buckets: ['logs', ''] }, 'buckets[1]', 'must not be empty'],
      ['revoke_presigned_urls_across_buckets', { region: 'uk-lon-1', buckets: [] }, 'buckets', 'must hold at least 1 items'],
      ['rotate_access_key_credentials', { access_key: {} }, 'access_key.id', 'is required'],
      ['undelete_object', { projectId, bucket: 'app-logs', key: 'k', prefix: 'k' }, 'prefix', 'is not a parameter of this tool'],
    ];
    for (const [name, args, parameter, rule] of refusals) {
      const job = await mcp.call(name, args);
      expect(job.isError, name).toBe(true);
      expect(job.structuredContent.error, JSON.stringify(args)).toMatchObject({ kind: 'invalid_input', parameter, rule });
    }
    // The checks write nothing of their own to the server's log (ajv warns of formats it does not know).
    expect(mcp.log()).not.toMatch(/format/);
    const stray = await mcp.call('captain_list_objects', { projectId, bucket: 'photos', maxkeys: 5 });
    expect(stray.structuredContent.error).toMatchObject({ kind: 'invalid_input', parameter: 'maxkeys', rule: 'is not a parameter of this tool' });
    // The checks name no host: the one configured or any other.
    const version = await mcp.call('captain_delete_object_version', { projectId, bucket: 'app-logs', key: '', versionId: 'v' });
    expect(version.structuredContent.error).toMatchObject({ kind: 'invalid_input', parameter: 'key' });
    expect(version.structuredContent.error.message).not.toMatch(/https?:/);
    expect({ katapult: fake.stats.katapult.requests, captain: fake.stats.captain.requests }).toEqual(before);
  });

  it('a paged listing: each result carries the cursor of the next page, until the last', async () => {
    const keys: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const result = await mcp.call('captain_list_objects', { projectId, bucket: 'photos', key: 'img/', maxKeys: 50, ...(cursor ? { cursor } : {}) });
      keys.push(...result.structuredContent.data.result.objectListModel.map((object: { key: string }) => object.key));
      cursor = result.structuredContent.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(keys).toHaveLength(120);
    expect(new Set(keys).size).toBe(120);
  });

  it("a cursor from another tool is refused", async () => {
    const listing = await mcp.call('captain_list_objects', { projectId, bucket: 'photos', key: 'img/', maxKeys: 10 });
    const result = await mcp.call('captain_list_object_versions', { projectId, bucket: 'photos', key: 'img/001.jpg', cursor: listing.structuredContent.next_cursor });
    expect(result.structuredContent.error).toMatchObject({ kind: 'invalid_input', parameter: 'cursor' });
  });

  it('data is data: object keys stay exact in structuredContent, and invisible characters are escapes in the text', async () => {
    const result = await mcp.call('captain_list_objects', { projectId, bucket: 'photos', key: 'notes/' });
    const [object] = result.structuredContent.data.result.objectListModel;
    expect(object.key).toBe('notes/read\u202Eme\u200B.txt');
    const text = (result.content as { text: string }[])[0]!.text;
    expect(text).not.toMatch(/[\u202E\u200B]/);
    expect(text).toContain('read\\u202eme\\u200b.txt');
    // Each kind the text escapes, as code points: and what it leaves alone.
    const hidden = [0x7f, 0x9f, 0xad, 0x34f, 0x61c, 0x115f, 0x1160, 0x180e, 0x200b, 0x200f, 0x2028, 0x202e, 0x2060, 0x206f, 0x3164, 0xfe00, 0xfe0f, 0xfeff, 0xffa0, 0xfff9, 0xfffb, 0x1d173, 0x1d17a, 0xe0001, 0xe007f, 0xe0100, 0xe01ef];
    for (const point of hidden) expect(visibleJson(`a${String.fromCodePoint(point)}b`), point.toString(16)).toMatch(/^"a(\\u[0-9a-f]{4}){1,2}b"$/);
    expect(visibleJson('é ü 日本 😀 ‐')).toBe('"é ü 日本 😀 ‐"');
  });

  it('a secret the API returns is withheld, and the result says so', async () => {
    const result = await mcp.call('katapult_create_presigned_url', { object_storage_cluster: region, bucket: { name: 'backups' }, path: 'db/latest.sql.gz', properties: { expiry_seconds: 600 } });
    expect(result.isError, JSON.stringify(result.structuredContent)).toBeFalsy();
    expect(result.structuredContent.withheld).toEqual(['url']);
    expect(JSON.stringify(result.structuredContent)).not.toMatch(/https?:\/\/[^"]*latest\.sql/);
  });
});

describe('two steps', () => {
  let mcp: Session;
  beforeAll(async () => {
    mcp = await start();
  });

  const prune = { projectId, bucket: 'app-logs', key: '2026/api.log', keepLatest: 3 };

  it('the first call plans and changes nothing; the second, with the token, acts; the token works once', async () => {
    const writes = fake.stats.katapult.writes;
    const planned = await mcp.call('katapult_delete_bucket', { object_storage_cluster: region, bucket: { name: 'old-logs' } });
    const { plan } = planned.structuredContent;
    expect(plan).toMatchObject({ tool: 'katapult_delete_bucket', action: 'delete the bucket', counts: { requests: 1 } });
    expect(plan.sample[0].object_storage_bucket.name).toBe('old-logs');
    expect(plan.plan_token).toMatch(/^plan_/);
    expect(fake.stats.katapult.writes).toBe(writes);
    expect(fake.katapult.buckets.has('uk-lon-1/old-logs')).toBe(true);

    const args = { object_storage_cluster: region, bucket: { name: 'old-logs' }, plan_token: plan.plan_token };
    const applied = await mcp.call('katapult_delete_bucket', args);
    expect(applied.isError).toBeFalsy();
    expect(fake.katapult.buckets.has('uk-lon-1/old-logs')).toBe(false);

    const again = await mcp.call('katapult_delete_bucket', args);
    expect(again.structuredContent.error).toMatchObject({ kind: 'plan_refused', code: 'used' });
  });

  it('a job plans from its dry run, and applies what it planned', async () => {
    const planned = await mcp.call('prune_versions', prune);
    const { plan } = planned.structuredContent;
    expect(plan.counts).toEqual({ would_do: 5, skipped: 0, failed: 0, not_done: 0 });
    expect(fake.captain.versions(projectId, 'app-logs', '2026/api.log')).toHaveLength(8);
    const applied = await mcp.call('prune_versions', { ...prune, plan_token: plan.plan_token });
    expect(applied.structuredContent.data).toMatchObject({ dryRun: false, failed: [] });
    const byVersion = (a: { versionId: string }, b: { versionId: string }) => a.versionId.localeCompare(b.versionId);
    expect([...applied.structuredContent.data.done].sort(byVersion)).toEqual([...plan.sample].sort(byVersion));
    expect(fake.captain.versions(projectId, 'app-logs', '2026/api.log')).toHaveLength(3);
  });

  it('refuses to apply when the state changed since the plan', async () => {
    const planned = await mcp.call('prune_versions', { ...prune, keepLatest: 1 });
    fake.captain.putVersion(projectId, 'app-logs', '2026/api.log', { size: 99 });
    const applied = await mcp.call('prune_versions', { ...prune, keepLatest: 1, plan_token: planned.structuredContent.plan.plan_token });
    expect(applied.isError).toBe(true);
    expect(applied.structuredContent.error).toMatchObject({ kind: 'plan_refused', code: 'state_changed' });
    expect(fake.captain.versions(projectId, 'app-logs', '2026/api.log')).toHaveLength(4);

    // An operation's plan too: Katapult's from the bucket read again, Captain's from the
    // object's versions listed again.
    const bucket = fake.katapult.addBucket('relabelled');
    const lookup = { object_storage_cluster: region, bucket: { name: 'relabelled' } };
    const deleting = await mcp.call('katapult_delete_bucket', lookup);
    bucket.label = 'changed since the plan';
    const deleted = await mcp.call('katapult_delete_bucket', { ...lookup, plan_token: deleting.structuredContent.plan.plan_token });
    expect(deleted.structuredContent.error).toMatchObject({ kind: 'plan_refused', code: 'state_changed' });
    expect(fake.katapult.buckets.has('uk-lon-1/relabelled')).toBe(true);

    const [oldest] = fake.captain.versions(projectId, 'app-logs', '2026/api.log').slice(-1) as { versionId: string }[];
    const version = { projectId, bucket: 'app-logs', key: '2026/api.log', versionId: oldest!.versionId };
    const removing = await mcp.call('captain_delete_object_version', version);
    fake.captain.putVersion(projectId, 'app-logs', '2026/api.log', { size: 100 });
    const removed = await mcp.call('captain_delete_object_version', { ...version, plan_token: removing.structuredContent.plan.plan_token });
    expect(removed.structuredContent.error).toMatchObject({ kind: 'plan_refused', code: 'state_changed' });
    expect(fake.captain.versions(projectId, 'app-logs', '2026/api.log')).toHaveLength(5);
  });

  it('refuses a token made for other arguments, and the token is spent', async () => {
    const planned = await mcp.call('revoke_presigned_urls_across_buckets', { region: 'uk-lon-1', buckets: ['logs'] });
    const planToken = planned.structuredContent.plan.plan_token;
    const other = await mcp.call('revoke_presigned_urls_across_buckets', { region: 'uk-lon-1', buckets: ['media'], plan_token: planToken });
    expect(other.structuredContent.error).toMatchObject({ kind: 'plan_refused', code: 'other_arguments' });
    const same = await mcp.call('revoke_presigned_urls_across_buckets', { region: 'uk-lon-1', buckets: ['logs'], plan_token: planToken });
    expect(same.structuredContent.error).toMatchObject({ kind: 'plan_refused', code: 'used' });
    const otherTool = await mcp.call('katapult_revoke_presigned_urls', { object_storage_cluster: region, bucket: { name: 'logs' }, plan_token: 'plan_made-up' });
    expect(otherTool.structuredContent.error).toMatchObject({ kind: 'plan_refused', code: 'unknown' });
    expect(fake.katapult.buckets.get('uk-lon-1/logs')!.revocations).toBe(0);
    expect(fake.katapult.buckets.get('uk-lon-1/media')!.revocations).toBe(0);
  });

  it('refuses an expired token', async () => {
    const short = await start(['--plan-ttl', '1', '--toolsets', 'katapult']);
    const args = { object_storage_cluster: region, bucket: { name: 'media' } };
    const planned = await short.call('katapult_revoke_presigned_urls', args);
    await sleep(1_100);
    const applied = await short.call('katapult_revoke_presigned_urls', { ...args, plan_token: planned.structuredContent.plan.plan_token });
    expect(applied.structuredContent.error).toMatchObject({ kind: 'plan_refused', code: 'expired' });
    expect(fake.katapult.buckets.get('uk-lon-1/media')!.revocations).toBe(0);
  });

  it('asks the person where the client can, and a decline does nothing', async () => {
    const answers: string[] = ['decline', 'accept'];
    const client = new Client({ name: 'mcp-test-elicitation', version: '1.0.0' }, { capabilities: { elicitation: {} } });
    client.setRequestHandler(ElicitRequestSchema, () => {
      const action = answers.shift()!;
      return action === 'accept' ? { action: 'accept', content: { apply: true } } : { action: 'decline' };
    });
    const asking = await start(['--toolsets', 'katapult'], { client });
    const args = { object_storage_cluster: region, bucket: { name: 'media' } };
    const first = await asking.call('katapult_revoke_presigned_urls', args);
    const declined = await asking.call('katapult_revoke_presigned_urls', { ...args, plan_token: first.structuredContent.plan.plan_token });
    expect(declined.structuredContent.error).toMatchObject({ kind: 'plan_refused', code: 'declined' });
    expect(fake.katapult.buckets.get('uk-lon-1/media')!.revocations).toBe(0);
    const second = await asking.call('katapult_revoke_presigned_urls', args);
    const accepted = await asking.call('katapult_revoke_presigned_urls', { ...args, plan_token: second.structuredContent.plan.plan_token });
    expect(accepted.isError).toBeFalsy();
    expect(fake.katapult.buckets.get('uk-lon-1/media')!.revocations).toBe(1);
  });

  it('withholds new S3 credentials unless --allow-secrets', async () => {
    const args = { access_key: { id: accessKeyId } };
    const planned = await mcp.call('katapult_generate_access_key_credentials', args);
    const applied = await mcp.call('katapult_generate_access_key_credentials', { ...args, plan_token: planned.structuredContent.plan.plan_token });
    expect(applied.structuredContent.withheld).toEqual(['s3_secret_access_key']);
    expect(applied.structuredContent.data.object_storage_access_key.s3_secret_access_key).toMatch(/^\[withheld/);

    const allowed = await start(['--allow-secrets', '--toolsets', 'katapult']);
    const again = await allowed.call('katapult_generate_access_key_credentials', args);
    const shown = await allowed.call('katapult_generate_access_key_credentials', { ...args, plan_token: again.structuredContent.plan.plan_token });
    const secret = shown.structuredContent.data.object_storage_access_key.s3_secret_access_key as string;
    expect(secret).toMatch(/^[A-Za-z0-9/+]{20,}$/);
    expect(shown.structuredContent.withheld).toBeUndefined();
    expect(seen.filter((text) => text.includes(secret))).toHaveLength(2);
  });
});

describe('bounds', () => {
  it('cuts a result that would be too large, says how to narrow it, and continues from the cut', async () => {
    const small = await start(['--max-result-chars', '4000', '--toolsets', 'captain']);
    const first = await small.call('captain_list_objects', { projectId, bucket: 'photos', key: 'img/', maxKeys: 100 });
    const { cut, next_cursor: cursor } = first.structuredContent;
    expect(cut.of).toBe(100);
    expect(cut.shown).toBeGreaterThan(0);
    expect(cut.shown).toBeLessThan(100);
    expect(cut.note).toMatch(/maxKeys/);
    expect((first.content as { text: string }[])[0]!.text.length).toBeLessThanOrEqual(4000);
    const keys = first.structuredContent.data.result.objectListModel.map((object: { key: string }) => object.key);
    let next: string | undefined = cursor;
    while (next) {
      const page = await small.call('captain_list_objects', { projectId, bucket: 'photos', key: 'img/', maxKeys: 100, cursor: next });
      keys.push(...page.structuredContent.data.result.objectListModel.map((object: { key: string }) => object.key));
      next = page.structuredContent.next_cursor;
    }
    expect(keys).toEqual(Array.from({ length: 120 }, (_, n) => `img/${String(n + 1).padStart(3, '0')}.jpg`));
  });

  it('a rate limit that outlasts --max-wait comes back as an error result saying when to try again', async () => {
    const limited = createFake({ rateLimit: { perSecond: 0.02, burst: 1 } });
    limited.katapult.addBucket('backups');
    const server = await limited.listen();
    try {
      const session = await inProcess(limited, { maxWaitSeconds: 1 });
      const args = { object_storage_cluster: region, bucket: { name: 'backups' } };
      expect((await session.call('katapult_get_bucket', args)).isError).toBeFalsy();
      const second = await session.call('katapult_get_bucket', args);
      expect(second.isError).toBe(true);
      expect(second.structuredContent.error).toMatchObject({ kind: 'rate_limited', status: 429, code: 'rate_limit_reached' });
      expect(second.structuredContent.error.retry_after_seconds).toBeGreaterThanOrEqual(30);
      expect(limited.stats.katapult.requests).toBe(1);
    } finally {
      await server.close();
    }
  });

  it("a job's apply result that is too long keeps its counts and every failure, cuts only done, and says how to narrow the job", async () => {
    for (let n = 1; n <= 25; n++) fake.captain.putVersion(projectId, 'photos', 'many/k', { size: n });
    const small = await inProcess(fake, { maxResultChars: 1000 });
    const args = { projectId, bucket: 'photos', key: 'many/k', keepLatest: 1 };
    const planned = await small.call('prune_versions', args);
    const applied = await small.call('prune_versions', { ...args, plan_token: planned.structuredContent.plan.plan_token });
    const { data, cut } = applied.structuredContent;
    expect(fake.captain.versions(projectId, 'photos', 'many/k')).toHaveLength(1);
    expect(data.counts).toEqual({ done: 24, skipped: 0, failed: 0, uncertain: 0, remaining: 0 });
    expect(cut).toMatchObject({ of: 24, shown: data.done.length });
    expect(cut.shown).toBeGreaterThan(0);
    expect(cut.shown).toBeLessThan(24);
    expect(data).toMatchObject({ failed: [], uncertain: [], remaining: [] });
    expect(cut.note).toMatch(/done items shown/);
    expect(cut.note).toMatch(/The counts hold every total, and every failed, uncertain and remaining item is shown\./);
    expect(cut.note).toMatch(/deeper prefix/);
    expect(applied.structuredContent.next_cursor).toBeUndefined();
  });

  it('cuts the longest list of a result that is neither a listing nor a job report', () => {
    const structured = { data: { bucket: { name: 'b', origins: Array.from({ length: 100 }, (_, n) => `https://site-${n}.example`) }, tags: ['a', 'b'] } };
    const cut = bound(structured, 1000, undefined, 0, { of: 'items of its longest list', narrow: 'narrow the arguments', cursor: false }, 100);
    expect(cut).toMatchObject({ of: 100 });
    expect(structured.data.bucket.origins).toHaveLength(cut!.shown);
    expect(structured.data.tags).toEqual(['a', 'b']);
    expect(JSON.stringify(structured).length).toBeLessThanOrEqual(900);
    expect(cut!.note).toMatch(/^Cut: \d+ of 100 items of its longest list shown, to keep the result under 1000 characters\. To see fewer at once, narrow the arguments\.$/);
  });
});

describe('jobs and the rate limit', () => {
  it('a job runs on the pacer its credential shares: no longer held than --max-wait, and what was held back is in the plan', async () => {
    const limited = createFake({ rateLimit: { kind: 'fixed-window', limit: 3, windowMs: 40_000 } });
    const names = ['aaa1', 'aaa2', 'aaa3', 'aaa4', 'aaa5'];
    for (const name of names) limited.katapult.addBucket(name);
    const server = await limited.listen();
    try {
      const mcp = await inProcess(limited, { maxWaitSeconds: 2 });
      const started = Date.now();
      const planned = await mcp.call('revoke_presigned_urls_across_buckets', { region: 'uk-lon-1', buckets: names });
      expect(Date.now() - started).toBeLessThan(8_000);
      expect(limited.stats.katapult.requests).toBe(3);
      const { plan } = planned.structuredContent;
      // Held back past --max-wait, nothing sent for them: not done, with when to come back.
      expect(plan.counts).toEqual({ would_do: 3, skipped: 0, failed: 0, not_done: 2 });
      expect(plan.failed).toBeUndefined();
      expect([...plan.sample, ...plan.not_done.items].sort()).toEqual(names);
      // Held back means the limit would hold them longer than --max-wait (2 s).
      expect(plan.not_done.retry_after_seconds).toBeGreaterThan(2);
      expect(plan.next_step).toMatch(/plan them again in about \d+ s/);
    } finally {
      await server.close();
    }
  });

  it('a job under 503s tries as often as one call does, and a plan with nothing to do and a failure is an error result', async () => {
    let requests = 0;
    const unavailable = createServer((_request, response) => {
      requests += 1;
      response.writeHead(503, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => unavailable.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(unavailable.address() as { port: number }).port}`;
      const mcp = await inProcess({ katapultBaseUrl: `${url}/core/v1`, captainBaseUrl: url });
      const planned = await mcp.call('revoke_presigned_urls_across_buckets', { region: 'uk-lon-1', buckets: ['backups'] });
      expect(requests).toBe(3);
      expect(planned.isError).toBe(true);
      expect(planned.structuredContent.error).toMatchObject({ status: 503 });
      expect(planned.structuredContent.plan).toBeUndefined();
    } finally {
      unavailable.close();
    }
  });

  it("a 429 that outlasts --max-wait says when to try again: the server's Retry-After, then the pacer's wait, never a guess from the rate", async () => {
    const limited = createFake({ rateLimit: { kind: 'fixed-window', limit: 2, windowMs: 60_000, retryAfter: true } });
    limited.katapult.addBucket('backups');
    const server = await limited.listen();
    try {
      // Another process sharing the token spends the window.
      for (let n = 0; n < 2; n++) await (await fetch(`${limited.katapultBaseUrl}/object_storage/object_storage_cluster/buckets/bucket`)).arrayBuffer();
      const mcp = await inProcess(limited, { maxWaitSeconds: 1 });
      const args = { object_storage_cluster: region, bucket: { name: 'backups' } };
      const refused = await mcp.call('katapult_get_bucket', args);
      expect(refused.structuredContent.error).toMatchObject({ status: 429, code: 'rate_limit_reached' });
      expect(refused.structuredContent.error.retry_after_seconds).toBeGreaterThanOrEqual(55);
      const held = await mcp.call('katapult_get_bucket', args);
      expect(held.structuredContent.error).toMatchObject({ kind: 'rate_limited', status: 429 });
      // 60 / 2 permitted would say 30.
      expect(held.structuredContent.error.retry_after_seconds).toBeGreaterThanOrEqual(55);
      expect(held.structuredContent.error.message).toMatch(/Try again in about (5\d|60) s/);
      expect(limited.stats.katapult.requests).toBe(3);
    } finally {
      await server.close();
    }
  });
});
