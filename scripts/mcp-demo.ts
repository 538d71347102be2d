// An agent-style session with `object-storage mcp`, against the fake seeded as for
// `npm run demo`: the MCP SDK's own client spawns the server over stdio and prints each
// call and what came back. Run with `npm run mcp:demo` (it compiles first).
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createFake } from '../dist/src/testing/index.js';
import { demoProjectId as projectId, seedDemo as seed } from '../dist/src/testing/index.js';
import { root } from './codegen/paths.js';

const fake = createFake();
seed(fake);
const server = await fake.listen();
const transport = new StdioClientTransport({
  command: process.execPath,
  args: [join(root, 'dist/src/cli/main.js'), 'mcp', ...process.argv.slice(2)],
  env: { PATH: process.env.PATH ?? '', KATAPULT_API_TOKEN: 'demo-token', KATAPULT_BASE_URL: fake.katapultBaseUrl, CAPTAIN_API_KEY: 'demo-key', CAPTAIN_BASE_URL: fake.captainBaseUrl },
  stderr: 'pipe',
});
let log = '';
transport.stderr?.on('data', (chunk: Buffer) => (log += chunk));
const client = new Client({ name: 'mcp-demo', version: '1.0.0' });
await client.connect(transport);

const clip = (text: string, max = Number(process.env.MCP_DEMO_CLIP ?? 700)) => (text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text);
async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult['structuredContent']> {
  console.log(`\n→ ${name} ${JSON.stringify(args)}`);
  // The server answers in the current protocol's form, content and all.
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const [first] = result.content;
  if (first?.type !== 'text') throw new Error(`${name} answered without text first: ${JSON.stringify(result.content)}`);
  console.log(`← ${result.isError ? 'isError ' : ''}${clip(first.text)}`);
  return result.structuredContent;
}

const { tools } = await client.listTools();
const sets: Record<string, number> = {};
for (const tool of tools) {
  const set = String(tool._meta?.['object-storage/toolset']);
  sets[set] = (sets[set] ?? 0) + 1;
}
console.log(`tools/list: ${tools.length} tools ${JSON.stringify(sets)}`);

await call('captain_list_buckets', { projectId });
await call('captain_list_objects', { projectId, bucket: 'app-logs', key: '2026/' });
await call('captain_list_object_versions', { projectId, bucket: 'app-logs', key: '2026/api.log', maxKeys: 2 });
const prune = { projectId, bucket: 'app-logs', prefix: '2026/', keepLatest: 3 };
const { plan } = (await call('prune_versions', prune)) as { plan: { plan_token: string } };
await call('prune_versions', { ...prune, plan_token: plan.plan_token });
await call('prune_versions', { ...prune, plan_token: plan.plan_token });
await call('katapult_get_bucket', { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'nope' } });
await call('katapult_create_presigned_url', { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' }, path: 'db/latest.sql.gz', properties: { expiry_seconds: 600 } });

await client.close();
await server.close();
console.log(`\nserver log (stderr):\n${log.trimEnd()}`);
