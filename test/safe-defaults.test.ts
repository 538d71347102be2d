// Leaving a flag out never widens what a command destroys, and a credential never travels
// in cleartext by accident: what the CLI, the MCP server and the clients refuse, with
// nothing sent.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMcpServer } from '../src/mcp/server.js';
import { createCaptainClient, createKatapultClient } from '../src/index.js';
import { runAgainstFake } from './support/in-process-cli.js';
import { createFake, demoCredentials, demoProjectId, seedDemo, type Fake } from '../src/testing/index.js';

let fake: Fake;
let server: { url: string; close(): Promise<void> };
beforeAll(async () => {
  fake = createFake(demoCredentials);
  seedDemo(fake);
  server = await fake.listen();
});
afterAll(() => server?.close());

const cli = (args: readonly string[], env: Record<string, string> = {}) => runAgainstFake(fake, args, env);

describe('captain prune says what it prunes', () => {
  const prune = ['captain', 'prune', '--project', demoProjectId, '--bucket', 'app-logs'];

  it('with neither --key nor --prefix: a usage error naming both, nothing sent', async () => {
    const ran = await cli([...prune, '--keep', '1', '--yes']);
    expect(ran).toMatchObject({ code: 2, sent: 0 });
    expect(ran.stderr).toMatch(/--key .*--prefix/);
  });

  it('without --keep: a usage error naming it, nothing sent', async () => {
    const ran = await cli([...prune, '--prefix', '2026/', '--yes']);
    expect(ran).toMatchObject({ code: 2, sent: 0 });
    expect(ran.stderr).toContain("--keep <n>");
  });

  it('the whole bucket when asked for: --all, or --prefix ""', async () => {
    for (const whole of [['--all'], ['--prefix', '']]) {
      const ran = await cli([...prune, ...whole, '--keep', '12', '--dry-run']);
      expect(ran.code, ran.stderr).toBe(0);
      expect(ran.sent).toBeGreaterThan(0);
    }
  });
});

describe('no credential in cleartext by accident', () => {
  const cleartext = 'http://storage.example.invalid';
  const never = () => Promise.reject(new Error('nothing may be sent'));

  it('the clients refuse an http base URL of a host that is not loopback, naming the opt-in', () => {
    expect(() => createKatapultClient({ token: 't', baseUrl: `${cleartext}/core/v1`, fetch: never })).toThrow(/baseUrl must be https .*pass allowHttp: true/);
    expect(() => createCaptainClient({ baseUrl: cleartext, auth: { apiKey: 'k' }, fetch: never })).toThrow(/baseUrl must be https .*pass allowHttp: true/);
  });

  it('and take it when the caller opts in, or for loopback', async () => {
    const seen: string[] = [];
    const record = async (request: Request) => (seen.push(request.url), Response.json({}, { status: 404 }));
    await createKatapultClient({ token: 't', baseUrl: `${cleartext}/core/v1`, allowHttp: true, fetch: record, retry: false }).getBucket({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'b' } });
    expect(seen[0]).toMatch(/^http:\/\/storage\.example\.invalid\//);
    for (const host of ['127.0.0.1:1', 'localhost:1', '[::1]:1', 'fake.localhost']) expect(() => createKatapultClient({ token: 't', baseUrl: `http://${host}/core/v1` })).not.toThrow();
  });

  it('the CLI refuses it too, naming its variable and --allow-http, and sends nothing', async () => {
    const ran = await cli(['katapult', 'get-bucket', '--bucket', 'backups'], { KATAPULT_BASE_URL: `${cleartext}/core/v1` });
    expect(ran).toMatchObject({ code: 2, sent: 0 });
    expect(ran.stderr).toMatch(/KATAPULT_BASE_URL must be https .*pass --allow-http/);
    const captain = await cli(['captain', 'list-buckets', '--project', demoProjectId], { CAPTAIN_BASE_URL: cleartext });
    expect(captain.stderr).toMatch(/CAPTAIN_BASE_URL must be https .*pass --allow-http/);
  });
});

/** Calls one tool on an MCP server made in process with these settings. */
async function mcpCall(settings: { env: Record<string, string>; allowHttp?: boolean }, name: string, args: Record<string, unknown>) {
  const { server } = await createMcpServer({ ...settings, log: () => {} });
  const [mine, theirs] = InMemoryTransport.createLinkedPair();
  await server.connect(theirs);
  const client = new Client({ name: 'safe-defaults-test', version: '1.0.0' });
  await client.connect(mine);
  try {
    return (await client.callTool({ name, arguments: args })) as { isError?: boolean; structuredContent: { error?: { kind: string; message: string; parameter?: string } } };
  } finally {
    await client.close();
  }
}

describe('the MCP prune tool says what it prunes', () => {
  it('without keepLatest: invalid input naming it, nothing sent', async () => {
    const before = fake.stats.captain.requests;
    const result = await mcpCall({ env: { CAPTAIN_BASE_URL: fake.captainBaseUrl, CAPTAIN_API_KEY: 'fake-key' } }, 'prune_versions', { projectId: demoProjectId, bucket: 'app-logs', prefix: '2026/' });
    expect(result.isError).toBe(true);
    expect(result.structuredContent.error).toMatchObject({ kind: 'invalid_input', parameter: 'keepLatest' });
    expect(fake.stats.captain.requests).toBe(before);
  });
});

describe('the MCP server and cleartext', () => {
  const env = { KATAPULT_BASE_URL: 'http://storage.example.invalid/core/v1', KATAPULT_API_TOKEN: 'fake-token' };
  const getBucket = { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } };

  /** Calls katapult_get_bucket on a server made with these options, recording what reaches fetch. */
  async function callGetBucket(allowHttp: boolean) {
    const seen: string[] = [];
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      seen.push(input instanceof Request ? input.url : String(input));
      return Response.json({ error: { code: 'object_storage_bucket_not_found', description: 'No bucket was found matching any of the criteria provided in the arguments', detail: {} } }, { status: 404 });
    });
    try {
      return { result: await mcpCall({ env, allowHttp }, 'katapult_get_bucket', getBucket), seen };
    } finally {
      fetch.mockRestore();
    }
  }

  it('refuses an http base URL of a host that is not loopback, naming KATAPULT_BASE_URL and --allow-http, and sends nothing', async () => {
    const { result, seen } = await callGetBucket(false);
    expect(result.isError).toBe(true);
    expect(result.structuredContent.error).toMatchObject({ kind: 'usage' });
    expect(result.structuredContent.error?.message).toMatch(/KATAPULT_BASE_URL must be https .*pass --allow-http/);
    expect(seen).toEqual([]);
  });

  it('sends to it when started with --allow-http', async () => {
    const { result, seen } = await callGetBucket(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^http:\/\/storage\.example\.invalid\/core\/v1\//);
    expect(result.structuredContent.error).toMatchObject({ kind: 'api' });
  });
});
