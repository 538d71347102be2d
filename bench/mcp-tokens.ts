// What the MCP server's tool list costs a model: characters of JSON and o200k_base tokens
// of `tools/list` for the full list, each toolset, --read-only, and --dynamic-toolsets (at
// start, and after enabling each toolset), and of the server's instructions.
// test/mcp-budget.test.ts holds the budgets.
//
//   npm run bench:mcp-tokens    writes docs/mcp-tokens.md
//
// Tokens are counted with gpt-tokenizer (a devDependency, pinned), o200k_base.
// test/mcp-budget.test.ts checks that the page holds what this measures.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { createMcpServer, type ServerOptions } from '../src/mcp/server.js';
import { toolsets } from '../src/mcp/tool.js';

const tokenizerVersion = (JSON.parse(readFileSync(new URL('../node_modules/gpt-tokenizer/package.json', import.meta.url), 'utf8')) as { version: string }).version;

interface Session {
  readonly client: Client;
  /** The tools/list result, as JSON. */
  list(): Promise<string>;
  close(): Promise<void>;
}

async function session(options: Omit<ServerOptions, 'env' | 'log'>): Promise<Session> {
  const { server } = await createMcpServer({ ...options, env: {}, log: () => {} });
  const [mine, theirs] = InMemoryTransport.createLinkedPair();
  await server.connect(theirs);
  const client = new Client({ name: 'mcp-tokens', version: '1.0.0' });
  await client.connect(mine);
  return { client, list: async () => JSON.stringify(await client.listTools()), close: () => client.close() };
}

interface Row {
  readonly what: string;
  readonly tools: number | string;
  readonly text: string;
}

async function rows(): Promise<Row[]> {
  const out: Row[] = [];
  const measure = async (what: string, options: Omit<ServerOptions, 'env' | 'log'>) => {
    const one = await session(options);
    const text = await one.list();
    out.push({ what, tools: (JSON.parse(text) as { tools: unknown[] }).tools.length, text });
    return one;
  };
  const full = await measure('full list (no flags)', {});
  out.push({ what: "the server's instructions (initialize)", tools: '–', text: full.client.getInstructions() ?? '' });
  await full.close();
  for (const set of toolsets) await (await measure(`--toolsets ${set}`, { toolsets: [set] })).close();
  await (await measure('--read-only', { readOnly: true })).close();
  for (const readOnly of [false, true]) {
    const flags = readOnly ? '--dynamic-toolsets --read-only' : '--dynamic-toolsets';
    const start = await measure(`${flags}: at start`, { dynamicToolsets: true, readOnly });
    const names = (JSON.parse(await start.list()) as { tools: { name: string }[] }).tools.map((tool) => tool.name);
    await start.close();
    // A server without the flag (an older one, measured for comparison) has no more rows.
    if (!names.includes('enable_toolset')) continue;
    const enable = async (one: Session, set: string) => !((await one.client.callTool({ name: 'enable_toolset', arguments: { toolset: set } })) as { isError?: boolean }).isError;
    const row = async (one: Session, what: string) => {
      const text = await one.list();
      out.push({ what: `${flags}: after enabling ${what}`, tools: (JSON.parse(text) as { tools: unknown[] }).tools.length, text });
    };
    // Under --read-only, jobs has nothing to offer: it is no toolset to enable.
    for (const set of toolsets) {
      const one = await session({ dynamicToolsets: true, readOnly });
      if (await enable(one, set)) await row(one, set);
      await one.close();
    }
    const every = await session({ dynamicToolsets: true, readOnly });
    const enabled = [];
    for (const set of toolsets) if (await enable(every, set)) enabled.push(set);
    await row(every, enabled.join(', '));
    await every.close();
  }
  return out;
}

const number = (value: number) => value.toLocaleString('en-US');

function table(measured: readonly Row[]): string {
  const lines = ['| what is listed | tools | characters of JSON | o200k_base tokens |', '|---|---:|---:|---:|'];
  for (const row of measured) lines.push(`| ${row.what} | ${row.tools} | ${number(row.text.length)} | ${number(countTokens(row.text))} |`);
  return lines.join('\n');
}

/** docs/mcp-tokens.md as the measurements make it. */
export async function tokenPage(): Promise<string> {
  return [
    '# What the MCP tool list costs',
    '',
    `Characters of JSON and o200k_base tokens (gpt-tokenizer ${tokenizerVersion}) of the \`tools/list\` result`,
    'as an MCP client receives it, for each way of starting `object-storage mcp`; the',
    "server's instructions are sent once, in the answer to `initialize`. The [MCP guide](mcp.md#what-the-tool-list-holds)",
    'says what the list holds. Made by the bench, and checked by the tests:',
    '',
    '```sh',
    'npm run bench:mcp-tokens',
    '```',
    '',
    table(await rows()),
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const page = await tokenPage();
  writeFileSync(new URL('../docs/mcp-tokens.md', import.meta.url), page);
  process.stdout.write(page);
}
