// `object-storage mcp --dynamic-toolsets` end to end: the compiled CLI spawned by the MCP
// SDK's own client over stdio, against the fake. The server starts with three tools;
// enabling a toolset adds its tools and sends notifications/tools/list_changed; every
// safety rule holds for a tool added that way.
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ToolListChangedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captainTable } from '../generated/captain/table.js';
import { katapultTable } from '../generated/katapult/table.js';
import { createFake, type Fake } from '../src/testing/index.js';
import { root, run } from './support/exec.js';

const cli = join(root, 'dist/src/cli/main.js');
const token = 'mcp-dynamic-token-1f2e3d4c';
const region = { region: 'uk-lon-1' };
const meta = ['list_available_toolsets', 'get_toolset_tools', 'enable_toolset'];
const jobs = ['revoke_presigned_urls_across_buckets', 'rotate_access_key_credentials', 'restore_object_to_instant', 'undelete_object', 'prune_versions'];
const katapult = katapultTable.rows.map((row) => row.tool);
const captain = captainTable.rows.map((row) => row.tool);
const reads = new Set([...katapultTable.rows, ...captainTable.rows].filter((row) => row.operation.effect === 'read').map((row) => row.tool));

let fake: Fake;
let served: { close(): Promise<void> };
const clients: Client[] = [];

const env = () => ({ PATH: process.env.PATH ?? '', KATAPULT_BASE_URL: fake.katapultBaseUrl, KATAPULT_API_TOKEN: token, CAPTAIN_BASE_URL: fake.captainBaseUrl, CAPTAIN_API_KEY: token });

interface Session {
  readonly client: Client;
  /** How many notifications/tools/list_changed arrived, and a promise of the next one. */
  readonly changes: () => number;
  readonly nextChange: () => Promise<void>;
  names(): Promise<string[]>;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult & { structuredContent: Record<string, any> }>;
}

async function start(args: readonly string[]): Promise<Session> {
  const client = new Client({ name: 'mcp-dynamic-test', version: '1.0.0' });
  let count = 0;
  let waiting: (() => void)[] = [];
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    count += 1;
    for (const resolve of waiting) resolve();
    waiting = [];
  });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [cli, 'mcp', ...args], env: env(), stderr: 'pipe', cwd: root }));
  clients.push(client);
  return {
    client,
    changes: () => count,
    nextChange: () => new Promise<void>((resolve) => waiting.push(resolve)),
    names: async () => (await client.listTools()).tools.map((tool) => tool.name),
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult & { structuredContent: Record<string, any> },
  };
}

beforeAll(async () => {
  fake = createFake();
  fake.katapult.addOrganization('acme');
  for (const name of ['backups', 'dyn-old', 'dyn-keep']) fake.katapult.addBucket(name, { objects: { 'db/latest.sql.gz': 2048 } });
  served = await fake.listen();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await served?.close();
});

describe('--dynamic-toolsets', () => {
  it('starts with the three toolset tools, which change no data and reach no service, and says its list can change', async () => {
    const dynamic = await start(['--dynamic-toolsets']);
    const { tools } = await dynamic.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(meta);
    for (const tool of tools) {
      expect(tool.annotations, tool.name).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
      expect(tool.description, tool.name).toMatch(/toolset/);
    }
    expect(dynamic.client.getServerCapabilities()?.tools?.listChanged).toBe(true);
    // A server started without the flag keeps its list: it says so.
    const fixed = await start(['--toolsets', 'jobs']);
    expect(fixed.client.getServerCapabilities()?.tools?.listChanged).toBe(false);
    expect(await fixed.names()).toEqual(jobs);
  });

  it('lists the toolsets and their tools, and a tool not enabled yet cannot be called', async () => {
    const dynamic = await start(['--dynamic-toolsets']);
    const listed = await dynamic.call('list_available_toolsets');
    expect(listed.structuredContent.data.toolsets).toEqual([
      { name: 'katapult', description: expect.stringContaining('Katapult'), tools: katapult.length, enabled: false },
      { name: 'captain', description: expect.stringContaining('Captain'), tools: captain.length, enabled: false },
      { name: 'jobs', description: expect.stringContaining('prune'), tools: jobs.length, enabled: false },
    ]);
    const shown = await dynamic.call('get_toolset_tools', { toolset: 'captain' });
    expect(shown.structuredContent.data.tools.map((tool: { name: string }) => tool.name)).toEqual(captain);
    for (const tool of shown.structuredContent.data.tools) expect(tool.read_only, tool.name).toBe(reads.has(tool.name));
    const unknown = await dynamic.call('get_toolset_tools', { toolset: 'everything' });
    expect(unknown.isError).toBe(true);
    expect(unknown.structuredContent.error).toMatchObject({ kind: 'invalid_input', parameter: 'toolset', rule: 'must be one of: katapult, captain, jobs' });
    await expect(dynamic.client.callTool({ name: 'katapult_get_bucket', arguments: { object_storage_cluster: region, bucket: { name: 'backups' } } })).rejects.toThrow(/Unknown tool/);
    expect(dynamic.changes()).toBe(0);
  });

  it('enabling a toolset adds its tools and sends tools/list_changed; its tools work, a destructive one plans first, secrets stay withheld', async () => {
    const dynamic = await start(['--dynamic-toolsets']);
    const changed = dynamic.nextChange();
    const enabled = await dynamic.call('enable_toolset', { toolset: 'katapult' });
    expect(enabled.structuredContent.data).toEqual({ toolset: 'katapult', added: katapult });
    await changed;
    expect(dynamic.changes()).toBe(1);
    expect(await dynamic.names()).toEqual([...meta, ...katapult]);

    const read = await dynamic.call('katapult_get_bucket', { object_storage_cluster: region, bucket: { name: 'backups' } });
    expect(read.structuredContent.data.object_storage_bucket.name).toBe('backups');

    // Two steps, as for a tool listed from the start.
    const lookup = { object_storage_cluster: region, bucket: { name: 'dyn-old' } };
    const planned = await dynamic.call('katapult_delete_bucket', lookup);
    expect(planned.structuredContent.plan).toMatchObject({ tool: 'katapult_delete_bucket', action: 'delete the bucket' });
    expect(fake.katapult.buckets.has('uk-lon-1/dyn-old')).toBe(true);
    const applied = await dynamic.call('katapult_delete_bucket', { ...lookup, plan_token: planned.structuredContent.plan.plan_token });
    expect(applied.isError).toBeFalsy();
    expect(fake.katapult.buckets.has('uk-lon-1/dyn-old')).toBe(false);

    const presigned = await dynamic.call('katapult_create_presigned_url', { object_storage_cluster: region, bucket: { name: 'backups' }, path: 'db/latest.sql.gz', properties: { expiry_seconds: 600 } });
    expect(presigned.structuredContent.withheld).toEqual(['url']);

    // Enabled already: nothing added, and no notification (it would have come before the answer).
    const again = await dynamic.call('enable_toolset', { toolset: 'katapult' });
    expect(again.structuredContent.data).toEqual({ toolset: 'katapult', added: [] });
    expect((await dynamic.call('list_available_toolsets')).structuredContent.data.toolsets[0]).toMatchObject({ name: 'katapult', enabled: true });
    expect(dynamic.changes()).toBe(1);
  });

  it('with --read-only, enabling a toolset adds only its read tools, and a destructive tool is never offered, whatever the other flags say', async () => {
    const dynamic = await start(['--dynamic-toolsets', '--read-only', '--tools', 'katapult_delete_bucket,katapult_get_bucket', '--toolsets', 'jobs']);
    expect(await dynamic.names()).toEqual([...meta, 'katapult_get_bucket']);
    const listed = await dynamic.call('list_available_toolsets');
    expect(listed.structuredContent.data.toolsets.map((set: { name: string }) => set.name)).toEqual(['katapult', 'captain']);
    const refused = await dynamic.call('enable_toolset', { toolset: 'jobs' });
    expect(refused.structuredContent.error).toMatchObject({ kind: 'invalid_input', parameter: 'toolset', rule: 'must be one of: katapult, captain' });

    const shown = await dynamic.call('get_toolset_tools', { toolset: 'katapult' });
    expect(shown.structuredContent.data.tools.map((tool: { name: string }) => tool.name)).toEqual(katapult.filter((name) => reads.has(name)));
    const changed = dynamic.nextChange();
    const enabled = await dynamic.call('enable_toolset', { toolset: 'katapult' });
    await changed;
    expect(enabled.structuredContent.data.added).toEqual(katapult.filter((name) => reads.has(name) && name !== 'katapult_get_bucket'));
    const { tools } = await dynamic.client.listTools();
    expect(tools.every((tool) => tool.annotations?.readOnlyHint === true)).toBe(true);
    expect(tools.map((tool) => tool.name)).not.toContain('katapult_delete_bucket');
    await expect(dynamic.client.callTool({ name: 'katapult_delete_bucket', arguments: { object_storage_cluster: region, bucket: { name: 'dyn-keep' } } })).rejects.toThrow(/Unknown tool/);
    expect(fake.katapult.buckets.has('uk-lon-1/dyn-keep')).toBe(true);
  });

  it('offers --toolsets and --tools from the start, and --exclude-tools wins over enabling', async () => {
    const dynamic = await start(['--dynamic-toolsets', '--toolsets', 'captain', '--tools', 'prune_versions', '--exclude-tools', 'captain_delete_object_version,katapult_delete_bucket']);
    expect(await dynamic.names()).toEqual([...meta, ...captain.filter((name) => name !== 'captain_delete_object_version'), 'prune_versions']);
    const katapultAdded = await dynamic.call('enable_toolset', { toolset: 'katapult' });
    expect(katapultAdded.structuredContent.data.added).toEqual(katapult.filter((name) => name !== 'katapult_delete_bucket'));
    const jobsAdded = await dynamic.call('enable_toolset', { toolset: 'jobs' });
    expect(jobsAdded.structuredContent.data.added).toEqual(jobs.filter((name) => name !== 'prune_versions'));
    const captainAdded = await dynamic.call('enable_toolset', { toolset: 'captain' });
    expect(captainAdded.structuredContent.data.added).toEqual([]);
    const names = await dynamic.names();
    expect(names).not.toContain('captain_delete_object_version');
    expect(names).not.toContain('katapult_delete_bucket');
    expect(names).toHaveLength(meta.length + katapult.length + captain.length + jobs.length - 2);
    expect(dynamic.changes()).toBe(2);
  });

  it('--list-tools prints the three tools and every tool enabling can add, saying which are listed at start', async () => {
    const ran = await run(process.execPath, [cli, 'mcp', '--list-tools', '--dynamic-toolsets', '--read-only', '--tools', 'captain_list_buckets'], { env: env() });
    expect(ran.code, ran.stderr).toBe(0);
    const table = JSON.parse(ran.stdout) as { name: string; toolset: string; readOnly: boolean; destructive: boolean; initial: boolean }[];
    expect(table.filter((row) => row.initial).map((row) => row.name)).toEqual([...meta, 'captain_list_buckets']);
    expect(table.filter((row) => row.toolset === 'dynamic').map((row) => row.name)).toEqual(meta);
    expect(table.map((row) => row.name).sort()).toEqual([...meta, ...reads].sort());
    expect(table.every((row) => row.readOnly && !row.destructive)).toBe(true);
  });
});
