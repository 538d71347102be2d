// The layers of src/, held apart: what a layer may import, no import cycle, no surface
// that reads structured facts out of another's message text, and no surface that names an
// operation the table of operations already holds.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captainTable } from '../generated/captain/table.js';
import { katapultTable } from '../generated/katapult/table.js';
import { root } from '../scripts/codegen/paths.js';

const src = join(root, 'src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
const modules = files(src).map((file) => relative(src, file));
const text = (module: string) => readFileSync(join(src, module), 'utf8');
/** The code of a module without its comments, so that words in them do not count. */
const code = (module: string) => text(module).replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** The modules of src/ a module imports, statically or with `import()`, types included. */
function imports(module: string): string[] {
  const found = [...code(module).matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.[^']+)'/g)].map((match) => match[1]!);
  return found
    .map((specifier) => relative(src, resolve(dirname(join(src, module)), specifier)).replace(/\.js$/, '.ts'))
    .filter((target) => !target.startsWith('..'));
}

const layer = (module: string) => module.split('/')[0]!.replace(/\.ts$/, '');

describe('layers', () => {
  it('src/mcp imports nothing from src/cli, and src/core nothing above it', () => {
    const crossings = modules.flatMap((module) =>
      imports(module)
        .filter((target) => (layer(module) === 'mcp' && layer(target) === 'cli') || (layer(module) === 'core' && layer(target) !== 'core'))
        .map((target) => `${module} → ${target}`),
    );
    expect(crossings).toEqual([]);
    // The rule can see an import: src/cli does import src/mcp (the mcp command starts the server).
    expect(modules.some((module) => layer(module) === 'cli' && imports(module).some((target) => layer(target) === 'mcp'))).toBe(true);
  });

  it('no import cycle among the modules of src/', () => {
    const graph = new Map(modules.map((module) => [module, imports(module)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (module: string, path: readonly string[]) => {
      if (state.get(module) === 'done') return;
      if (state.get(module) === 'open') return void cycles.push([...path.slice(path.indexOf(module)), module].join(' → '));
      state.set(module, 'open');
      for (const target of graph.get(module) ?? []) visit(target, [...path, module]);
      state.set(module, 'done');
    };
    for (const module of modules) visit(module, []);
    expect(cycles).toEqual([]);
  });

  it('nothing in src/ applies a regex to error text', () => {
    // A message read for a fact: `.message` matched, replaced, split, or tested by a pattern.
    const reads = /\.message\s*\.\s*(replace|replaceAll|match|matchAll|split|search)\s*\(|\.(exec|test)\(\s*[\w.]*message\b/;
    const found = modules.flatMap((module) => code(module).split('\n').filter((line) => reads.test(line)).map((line) => `${module}: ${line.trim()}`));
    expect(found).toEqual([]);
    // The pattern sees such a read.
    expect(reads.test("const named = /^(\\w+) (.*)$/.exec(thrown.message);")).toBe(true);
    expect(reads.test("message: thrown.message.replace(/ \\(or pass [^)]*\\)/, '')")).toBe(true);
  });
});

describe('one source per operation', () => {
  it('the CLI and the MCP server, jobs aside, name at most five operations between their files', () => {
    const ids = [...katapultTable.rows, ...captainTable.rows].map((row) => row.operation.id);
    const surfaces = modules.filter((module) => ['cli', 'mcp'].includes(layer(module)) && !/(^|\/)jobs(\/|\.ts$)/.test(module));
    const pairs = surfaces.flatMap((module) => ids.filter((id) => new RegExp(`\\b${id}\\b`).test(code(module))).map((id) => `${module}: ${id}`));
    expect(pairs.length, pairs.join('\n')).toBeLessThanOrEqual(5);
    // Each of the surfaces' own files is looked at, and a name in code would be found.
    expect(surfaces).toEqual(expect.arrayContaining(['cli/operations.ts', 'mcp/operations.ts', 'mcp/clients.ts']));
  });
});

describe('test projects', () => {
  it('every test file is in exactly one vitest project, so none is silently left out of `npm test`', async () => {
    const { default: config } = (await import('../vitest.config.js')) as { default: { test: { projects: { test: { name: string; include: string[] } }[] } } };
    const listed = config.test.projects.flatMap((project) => project.test.include);
    const present = readdirSync(join(root, 'test'))
      .filter((name) => name.endsWith('.test.ts'))
      .map((name) => `test/${name}`);
    expect(listed.filter((file, index) => listed.indexOf(file) !== index)).toEqual([]);
    expect(present.filter((file) => !listed.includes(file))).toEqual([]);
    expect(listed.filter((file) => !present.includes(file))).toEqual([]);
  });
});
