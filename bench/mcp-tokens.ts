// What the MCP server's tool list costs a model: characters of JSON and o200k_base tokens
// of `tools/list` for the full list, each toolset, --read-only, and --dynamic-toolsets (at
// start, and after enabling each toolset), and of the server's instructions. A bench, not
// a test: the sizes depend on the spec's words. test/mcp-budget.test.ts holds the budgets.
//
//   npx tsx bench/mcp-tokens.ts                        prints the Markdown table
//   npx tsx bench/mcp-tokens.ts --write docs/mcp-tokens.md
//
// Tokens are counted with gpt-tokenizer (pinned 4.0.0), found in node_modules or, if it is
// not a dependency, in the folder GPT_TOKENIZER_DIR names (npm install --prefix <dir>).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createMcpServer, type ServerOptions } from '../src/mcp/server.js';
import { toolsets } from '../src/mcp/tool.js';

const tokenizerVersion = '4.0.0';
type Count = (text: string) => number;

/** o200k_base's token count, or undefined (with a message) when gpt-tokenizer is missing. */
async function tokenizer(): Promise<Count | undefined> {
  const entry = 'gpt-tokenizer/encoding/o200k_base';
  const places = [undefined, process.env.GPT_TOKENIZER_DIR].filter((place, index) => index === 0 || place);
  for (const place of places) {
    try {
      const url = place === undefined ? entry : pathToFileURL(createRequire(join(place, 'noop.js')).resolve(entry)).href;
      const module = (await import(url)) as { countTokens: Count };
      return module.countTokens;
    } catch {
      // the next place
    }
  }
  process.stderr.write(
    `bench/mcp-tokens.ts: gpt-tokenizer is not installed, so tokens are not counted. Install it outside the repository and say where:\n` +
      `  npm install --prefix /tmp/tok gpt-tokenizer@${tokenizerVersion} && GPT_TOKENIZER_DIR=/tmp/tok npx tsx bench/mcp-tokens.ts\n`,
  );
  return undefined;
}

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

function table(measured: readonly Row[], count: Count | undefined): string {
  const lines = ['| what is listed | tools | characters of JSON | o200k_base tokens |', '|---|---:|---:|---:|'];
  for (const row of measured) lines.push(`| ${row.what} | ${row.tools} | ${number(row.text.length)} | ${count ? number(count(row.text)) : 'n/a'} |`);
  return lines.join('\n');
}

const write = process.argv.indexOf('--write');
const count = await tokenizer();
const markdown = table(await rows(), count);
process.stdout.write(`${markdown}\n`);
if (write !== -1) {
  const file = process.argv[write + 1];
  if (!file || !count) {
    process.stderr.write('bench/mcp-tokens.ts: --write needs a file, and gpt-tokenizer for the tokens\n');
    process.exit(2);
  }
  const command = 'GPT_TOKENIZER_DIR=/tmp/tok npx tsx bench/mcp-tokens.ts --write docs/mcp-tokens.md';
  writeFileSync(
    file,
    [
      '# What the MCP tool list costs',
      '',
      `Characters of JSON and o200k_base tokens (gpt-tokenizer ${tokenizerVersion}) of the \`tools/list\` result`,
      'as an MCP client receives it, for each way of starting `object-storage mcp`; the',
      "server's instructions are sent once, in the answer to `initialize`. Made by:",
      '',
      '```sh',
      `npm install --prefix /tmp/tok gpt-tokenizer@${tokenizerVersion}   # unless it is a devDependency`,
      command,
      '```',
      '',
      markdown,
      '',
    ].join('\n'),
  );
}
