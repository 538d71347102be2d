// The README is for users first: it opens with the install, and every TypeScript block
// in it compiles on its own against the built package, under strict settings.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binOf, root, runNode } from './support/exec.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, code]) => ({ lang, code: code! }));
// Inside the package, so `object-storage-openapi` resolves to itself through its exports.
const dir = join(root, '.readme-check');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README', () => {
  it('opens with npm install', () => {
    expect(readme.split('\n')[0]).toBe('# object-storage-openapi');
    expect(blocks[0]).toEqual({ lang: 'sh', code: 'npm install object-storage-openapi\n' });
  });

  it('every TypeScript block compiles on its own', async () => {
    const typescript = blocks.filter(({ lang }) => lang === 'ts');
    expect(typescript.length).toBeGreaterThanOrEqual(10);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    const files = typescript.map(({ code }, n) => {
      const file = `block-${n + 1}.ts`;
      writeFileSync(join(dir, file), code.includes('import') ? code : `export {};\n${code}`);
      return file;
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          target: 'ES2022',
          lib: ['ES2023', 'DOM'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          types: ['node'],
          typeRoots: [join(root, 'node_modules/@types')],
          skipLibCheck: true,
          noEmit: true,
        },
        files,
      }),
    );
    const ran = await runNode(binOf('typescript', 'tsc'), ['-p', join(dir, 'tsconfig.json')], { cwd: dir });
    expect(ran.stdout + ran.stderr).toBe('');
    expect(ran.code).toBe(0);
  }, 60_000);
});

// The README's counts and lists, against what they count.
describe('README figures', () => {
  it('counts the Katapult operations and the kinds of people right', () => {
    const katapult = (JSON.parse(readFileSync(join(root, 'generated/katapult.json'), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> }).paths;
    const operations = Object.values(katapult).flatMap((item) => Object.values(item).filter((operation) => typeof operation === 'object' && operation?.operationId));
    expect(readme).toContain(`all ${operations.length} object-storage operations`);
    const [, said, list] = /It serves (\w+) kinds of people:\n\n((?:- .*\n(?: {2}.*\n)*)+)/.exec(readme) ?? [];
    const words = ['one', 'two', 'three', 'four', 'five', 'six'];
    expect(words.indexOf(said ?? '') + 1).toBe(list?.split('\n').filter((line) => line.startsWith('- ')).length);
    // Each way in that the package ships has its people in the list: the CLI's operators,
    // the MCP server's agents (its entry point is in the table, its command in the CLI).
    expect(readme).toMatch(/^\| `object-storage mcp` \| .*agents/m);
    expect(readFileSync(join(root, 'src/cli/program.ts'), 'utf8')).toContain('root.addCommand(mcpCommand());');
    for (const people of ['Application developers', 'Teams that consume the specs', 'Readers', 'Operators', 'Agents']) expect(list).toContain(`- **${people}**`);
    expect(list).toMatch(/\*\*Agents\*\*.*`object-storage mcp`/);
  });

  it('shows npm run demo first in the quick start, and names every variable the CLI reads', async () => {
    const start = readme.indexOf('\n## Quick start\n');
    const quickStart = readme.slice(start, readme.indexOf('\n## ', start + 1));
    expect(start).toBeGreaterThan(0);
    // The demo is the first thing it shows: before any client code.
    expect(quickStart.indexOf('npm run demo')).toBeGreaterThan(0);
    expect(quickStart.indexOf('npm run demo')).toBeLessThan(quickStart.indexOf('```ts'));
    expect(quickStart).toMatch(/^### Katapult$/m);
    expect(quickStart).toMatch(/^### Captain$/m);
    const cli = readme.slice(readme.indexOf('## The CLI'), readme.indexOf('\n## ', readme.indexOf('## The CLI') + 1));
    const { katapultVariables, captainVariables } = await import('../src/cli/environment.js');
    for (const variable of [...katapultVariables, ...captainVariables]) expect(cli).toContain(`| \`${variable}\` |`);
    const { exitCodes } = await import('../src/cli/exit.js');
    for (const code of Object.values(exitCodes)) expect(cli).toMatch(new RegExp(`^\\| ${code} \\| `, 'm'));
  });

  it('quotes the refusals of "What is checked before sending" as the clients word them', async () => {
    const { createKatapultClient, createCaptainClient } = await import('../src/index.js');
    const send = () => Promise.reject(new Error('a refused call must not be sent'));
    const katapult = createKatapultClient({ token: 'unused', fetch: send });
    const captain = createCaptainClient({ baseUrl: 'https://storage.example.net', auth: { apiKey: 'unused' }, fetch: send });
    const refused = [
      await captain.listObjectVersions({ projectId: 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6', bucket: 'ab', key: 'x' }),
      await katapult.getAccount({ organization: { id: 'org_1', sub_domain: 'acme' }, object_storage_cluster: { region: 'uk-lon-1' } }),
    ].map((result) => (result.ok ? 'sent' : result.error.message));
    const section = readme.slice(readme.indexOf('\n## What is checked before sending\n'), readme.indexOf('\n## Retries'));
    expect(section).toContain(`\`\`\`text\n${refused.join('\n')}\n\`\`\``);
  });
});
