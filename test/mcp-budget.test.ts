// What the tool list costs a model, held to a budget in characters of JSON (the bench,
// bench/mcp-tokens.ts, counts tokens too): the full list, and the list a server with
// --dynamic-toolsets starts with. Measured as the SDK's own client receives tools/list.
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { describe, expect, it } from 'vitest';
import { tokenPage } from '../bench/mcp-tokens.js';
import { captainTable } from '../generated/captain/table.js';
import { katapultTable } from '../generated/katapult/table.js';
import { allTools } from '../src/mcp/catalogue.js';
import { createMcpServer, type ServerOptions } from '../src/mcp/server.js';

/** The tools/list result as JSON, and its tools' names. */
async function listed(options: Omit<ServerOptions, 'env' | 'log'>): Promise<{ json: string; names: string[] }> {
  const { server } = await createMcpServer({ ...options, env: {}, log: () => {} });
  const [mine, theirs] = InMemoryTransport.createLinkedPair();
  await server.connect(theirs);
  const client = new Client({ name: 'mcp-budget-test', version: '1.0.0' });
  await client.connect(mine);
  try {
    const result = await client.listTools();
    return { json: JSON.stringify(result), names: result.tools.map((tool) => tool.name) };
  } finally {
    await client.close();
  }
}

describe('the tool list, in characters of JSON', () => {
  it('the full list holds every tool in at most 40,000', async () => {
    const { json, names } = await listed({});
    // Every operation of both tables, and the jobs.
    expect(names).toEqual(allTools().map((tool) => tool.name));
    expect(names.filter((name) => name.startsWith('katapult_'))).toHaveLength(katapultTable.rows.length);
    expect(names.filter((name) => name.startsWith('captain_'))).toHaveLength(captainTable.rows.length);
    expect(json.length).toBeLessThanOrEqual(40_000);
  });

  it('the list a --dynamic-toolsets server starts with is at most 6,000', async () => {
    const { json, names } = await listed({ dynamicToolsets: true });
    expect(names).toEqual(['list_available_toolsets', 'get_toolset_tools', 'enable_toolset']);
    expect(json.length).toBeLessThanOrEqual(6_000);
  });
});

describe('docs/mcp-tokens.md', () => {
  it('holds what the bench measures now (npm run bench:mcp-tokens rewrites it)', async () => {
    expect(readFileSync(new URL('../docs/mcp-tokens.md', import.meta.url), 'utf8'), 'docs/mcp-tokens.md is stale: run npm run bench:mcp-tokens').toBe(await tokenPage());
  });
});
