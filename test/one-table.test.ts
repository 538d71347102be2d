// The table of operations drives every surface, so the surfaces agree by construction:
// here the CLI and the MCP server, operation by operation. Every operation a person must
// confirm is one the CLI refuses without --yes when it cannot ask (no terminal), and one
// the MCP server makes two-step; every other one acts at once on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captainTable } from '../generated/captain/table.js';
import { katapultTable } from '../generated/katapult/table.js';
import { allTools } from '../src/mcp/catalogue.js';
import { runAgainstFake } from './support/in-process-cli.js';
import { createFake, demoCredentials, seedDemo, type Fake } from '../src/testing/index.js';

let fake: Fake;
let server: { url: string; close(): Promise<void> };
beforeAll(async () => {
  fake = createFake(demoCredentials);
  seedDemo(fake);
  server = await fake.listen();
});
afterAll(() => server?.close());

/** The words of an example line, as a shell splits them (double quotes only). */
const words = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!);

/** Runs the CLI in this process, with no terminal on stdin, and counts what reached the fake. */
const cli = (args: readonly string[]) => runAgainstFake(fake, args);

const tools = new Map(allTools().map((tool) => [tool.name, tool]));
const rows = [katapultTable, captainTable].flatMap((table) => table.rows.map((row) => ({ api: table.api, row })));

describe('the CLI asks where the MCP server plans, and nowhere else', () => {
  it.each(rows.map(({ api, row }) => [`${api} ${row.command}`, api, row] as const))('%s', async (_, api, row) => {
    const tool = tools.get(row.tool);
    expect(tool, row.tool).toBeDefined();
    const twoStep = tool!.plan !== undefined;
    expect(twoStep, 'the MCP server plans what the table says a person confirms').toBe(row.confirm);
    // The table's own example, without the flag that says yes.
    const args = [api, row.command, ...words(row.example).filter((word) => word !== '--yes' && word !== '--json')];
    const ran = await cli(args);
    if (twoStep) {
      expect(ran, args.join(' ')).toMatchObject({ code: 2, sent: 0 });
      expect(ran.stderr).toMatch(/Refusing without --yes: there is no terminal to ask on/);
    } else {
      expect(ran.stderr, args.join(' ')).not.toMatch(/Refusing without --yes/);
      expect(ran.sent, args.join(' ')).toBeGreaterThan(0);
    }
  });

  it('walks both ways: some operations ask and some do not', () => {
    expect(rows.filter(({ row }) => row.confirm).length).toBeGreaterThan(0);
    expect(rows.filter(({ row }) => !row.confirm).length).toBeGreaterThan(0);
  });
});
