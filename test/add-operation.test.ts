// Adding an operation takes the spec's path file and its row in the table (and then the
// fake's behaviour and a test): here a made-up operation is added to a copy of the spec,
// with no other edit, and the client has its method (and standalone function), the CLI
// its command, which asks first, the MCP server its tool with the annotations and plan the
// table implies, and the mock answers it.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Front } from '../scripts/mock-front.js';
import { startMock, type Mock } from '../scripts/prism.js';
import { runInProcess } from './support/in-process-cli.js';
import { madeUp, madeUpKatapult, type MadeUp } from './support/made-up.js';

let copy: MadeUp;
let prism: Mock;
let front: Front;
beforeAll(async () => {
  copy = await madeUpKatapult();
  prism = await startMock('katapult', { spec: copy.bundle, quiet: true });
  // The package as a build of the copy would be: its generated modules in place of ours.
  vi.resetModules();
  vi.doMock('../generated/katapult/index.js', () => import(copy.modules.index));
  vi.doMock('../generated/katapult/table.js', () => import(copy.modules.table));
  front = await (await import('../scripts/mock-front.js')).startKatapultFront({ target: prism.url });
}, 60_000);
afterAll(async () => {
  await Promise.all([front?.stop(), prism?.stop()]);
  copy?.remove();
  vi.doUnmock('../generated/katapult/index.js');
  vi.doUnmock('../generated/katapult/table.js');
});

const input = { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' }, properties: { storage_class: 'archive' } };

describe('a made-up operation, added to a copy of the spec and its table', () => {
  it('is a method of the client, and a standalone function, that send it and read the answer; its input rules hold', async () => {
    const { createKatapultClient } = await import('../src/katapult/client.js');
    const client = createKatapultClient({ token: 'fake-token', baseUrl: front.url, retry: false }) as unknown as Record<string, (input: unknown) => Promise<any>>;
    const result = await client[madeUp.id]!(input);
    expect(result).toMatchObject({ ok: true, status: 200, data: { object_storage_bucket: { name: expect.any(String) } } });
    const refused = await client[madeUp.id]!({ ...input, properties: { storage_class: 'glacier' } });
    expect(refused.error).toMatchObject({ kind: 'invalid_input', operationId: madeUp.id, parameter: 'body.properties.storage_class', rule: 'must be "standard" or "archive"' });

    const operations = await import('../src/katapult/operations.js');
    const standalone = (operations as unknown as Record<string, (base: unknown, input: unknown) => Promise<any>>)[madeUp.id]!;
    expect(await standalone(operations.createKatapultBase({ token: 'fake-token', baseUrl: front.url }), input)).toMatchObject({ ok: true, status: 200 });
  });

  it('is a CLI command with its help and example, which asks before it overwrites', async () => {
    const run = async (args: readonly string[]) => {
      const { code, stdout: out, stderr: err } = await runInProcess(args, { environment: { KATAPULT_BASE_URL: front.url, KATAPULT_API_TOKEN: 'fake-token' }, secrets: ['fake-token'] });
      return { code, out, err };
    };
    const help = await run(['katapult', 'set-bucket-storage-class', '--help']);
    // (commander wraps the description to the terminal's width)
    expect(help.out.replace(/\s+/g, ' ')).toContain(`Set a bucket's storage class (POST ${madeUp.path})`);
    expect(help.out).toMatch(/^ {2}--properties <json> /m);
    expect(help.out).toContain('$ object-storage katapult set-bucket-storage-class --bucket backups --properties {"storage_class":"archive"} --yes');
    const flags = ['katapult', 'set-bucket-storage-class', '--bucket', 'backups', '--properties', '{"storage_class":"archive"}'];
    const asked = await run(flags);
    expect(asked.code).toBe(2);
    expect(asked.err).toMatch(/^error: Change the bucket's storage class \(--region uk-lon-1 --bucket backups --properties .*\)\? Refusing without --yes/m);
    const done = await run([...flags, '--yes', '--json']);
    expect(done.code, done.err).toBe(0);
    expect(JSON.parse(done.out)).toMatchObject({ object_storage_bucket: { name: expect.any(String) } });
  });

  it('is an MCP tool: destructive, idempotent, two-step, its plan reading the bucket first', async () => {
    const { createMcpServer } = await import('../src/mcp/server.js');
    const { server } = await createMcpServer({ env: { KATAPULT_BASE_URL: front.url, KATAPULT_API_TOKEN: 'fake-token' }, log: () => {} });
    const [mine, theirs] = InMemoryTransport.createLinkedPair();
    await server.connect(theirs);
    const client = new Client({ name: 'add-operation-test', version: '1.0.0' });
    await client.connect(mine);
    try {
      const tool = (await client.listTools()).tools.find((each) => each.name === 'katapult_set_bucket_storage_class');
      expect(tool?.annotations).toEqual({ title: "Set a bucket's storage class", readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true });
      expect(tool?._meta).toMatchObject({ 'object-storage/two-step': true });
      const planned = (await client.callTool({ name: tool!.name, arguments: input })).structuredContent as any;
      expect(planned.plan).toMatchObject({ action: "change the bucket's storage class", counts: { requests: 1 }, sample: [{ object_storage_bucket: expect.any(Object) }] });
      const applied = (await client.callTool({ name: tool!.name, arguments: { ...input, plan_token: planned.plan.plan_token } })).structuredContent as any;
      expect(applied).toMatchObject({ data: { object_storage_bucket: expect.any(Object) } });
    } finally {
      await client.close();
    }
  });
});
