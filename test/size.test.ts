// What the client adds to a bundle: src/index.ts bundled, minified ESM, gzipped at
// level 9, on its own (openapi-fetch external) and with openapi-fetch bundled in.
import { build } from 'esbuild';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { root } from './support/exec.js';
import { figure, readmeRow } from './support/readme.js';

/**
 * Budgets in gzipped bytes, per entry point, with openapi-fetch external. Most of each is
 * the validators compiled from the spec (generated/<api>.operations.js): every request
 * and every documented response of every operation is checked. The budgets hold what the
 * entries weigh now, with a little room, so that growth has to be a decision. (Katapult
 * went from 23 to 24 KiB when its spec moved to 3.0.0: the lookup as a union each tool
 * reads, and each operation's scopes and required inputs, which the fake and the mock read.)
 */
const budgets = {
  'src/katapult/index.ts': 24 * 1024,
  'src/captain/index.ts': 12 * 1024,
  'src/index.ts': 31 * 1024,
} as const;
type Entry = keyof typeof budgets;

interface Measured {
  readonly code: string;
  readonly minified: number;
  readonly gzipped: number;
  /** Minified bytes each input module contributes to the bundle. */
  readonly modules: Readonly<Record<string, number>>;
}

async function measure(entry: Entry, external: string[]): Promise<Measured> {
  const result = await build({
    entryPoints: [join(root, entry)],
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    external,
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  const [output] = Object.values(result.metafile.outputs);
  if (!file || !output) throw new Error('esbuild wrote no bundle');
  const modules = Object.fromEntries(Object.entries(output.inputs).map(([path, { bytesInOutput }]) => [path, bytesInOutput]));
  return { code: file.text, minified: file.contents.length, gzipped: gzipSync(file.contents, { level: 9 }).length, modules };
}

const breakdown = ({ minified, gzipped, modules }: Measured) =>
  `${gzipped} B gzipped (${minified} B minified); minified bytes by module: ${Object.entries(modules)
    .sort(([, a], [, b]) => b - a)
    .map(([path, bytes]) => `${path} ${bytes}`)
    .join(', ')}`;

const entries = Object.keys(budgets) as Entry[];
const own = {} as Record<Entry, Measured>;
let withOpenapiFetch: Measured;

beforeAll(async () => {
  for (const entry of entries) own[entry] = await measure(entry, ['openapi-fetch']);
  withOpenapiFetch = await measure('src/index.ts', []);
  console.info(entries.map((entry) => `${entry}: ${breakdown(own[entry])}`).join('\n') + `\nwith openapi-fetch: ${breakdown(withOpenapiFetch)}`);
});

/** The README's budgets table names each entry point this way. */
const readmeLabels: Record<Entry, string> = {
  'src/katapult/index.ts': '`object-storage-openapi/katapult`',
  'src/captain/index.ts': '`object-storage-openapi/captain`',
  'src/index.ts': '`object-storage-openapi` (both)',
};

describe('bundle size', () => {
  test.each(entries)('the README quotes what %s measures, and its budget', (entry) => {
    const [, measured, asserted] = readmeRow(readmeLabels[entry]);
    expect(measured, 'README.md, "Other budgets": write the size this test measured').toBe(`${figure(own[entry].gzipped)} B`);
    expect(asserted).toBe(`≤ ${figure(budgets[entry])} B`);
  });

  test('measures what it means to: every source module, openapi-fetch only when bundled in', () => {
    expect(Object.keys(own['src/index.ts'].modules)).toEqual(
      expect.arrayContaining(['src/index.ts', 'src/core/transport.ts', 'src/katapult/client.ts', 'src/captain/client.ts']),
    );
    expect(Object.keys(own['src/index.ts'].modules).some((path) => path.includes('node_modules'))).toBe(false);
    expect(own['src/index.ts'].code).toMatch(/from\s*"openapi-fetch"/);
    expect(Object.keys(withOpenapiFetch.modules).some((path) => path.includes('node_modules/openapi-fetch/'))).toBe(true);
    expect(withOpenapiFetch.code).not.toMatch(/from\s*"openapi-fetch"/);
  });

  test("each API's entry bundles its own operations and not the other's", () => {
    const katapult = Object.keys(own['src/katapult/index.ts'].modules);
    const captain = Object.keys(own['src/captain/index.ts'].modules);
    expect(katapult).toContain('generated/katapult/getBucket.ts');
    expect(katapult.filter((path) => path.includes('captain'))).toEqual([]);
    expect(captain).toContain('generated/captain/listObjectVersions.ts');
    expect(captain.filter((path) => path.includes('katapult'))).toEqual([]);
  });

  test("the library's entries import none of the CLI's dependencies", async () => {
    const all = await Promise.all(
      ['src/index.ts', 'src/katapult/index.ts', 'src/captain/index.ts', 'src/jobs/index.ts', 'src/testing/index.ts'].map(async (entry) => {
        const result = await build({ entryPoints: [join(root, entry)], absWorkingDir: root, bundle: true, format: 'esm', platform: 'node', write: false, metafile: true, logLevel: 'silent' });
        return [entry, Object.keys(result.metafile.inputs)] as const;
      }),
    );
    for (const [entry, inputs] of all) {
      expect(inputs.filter((path) => /node_modules\/(commander|cli-progress)\//.test(path)), entry).toEqual([]);
      expect(inputs.some((path) => path.startsWith('src/cli/')), entry).toBe(false);
    }
    const [, jobs] = all.find(([entry]) => entry === 'src/jobs/index.ts')!;
    expect(jobs.some((path) => path.includes('node_modules/p-queue/'))).toBe(true);
    const [, library] = all[0]!;
    expect(library.some((path) => path.includes('node_modules/p-queue/'))).toBe(false);
  });

  test("the library's entries import none of the MCP server, and the CLI loads its SDK only when `mcp` runs", async () => {
    const libraryEntries = ['src/index.ts', 'src/katapult/index.ts', 'src/captain/index.ts', 'src/jobs/index.ts', 'src/testing/index.ts'];
    for (const entry of libraryEntries) {
      const result = await build({ entryPoints: [join(root, entry)], absWorkingDir: root, bundle: true, format: 'esm', platform: 'node', write: false, metafile: true, logLevel: 'silent' });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.filter((path) => path.includes('@modelcontextprotocol/') || path.startsWith('src/mcp/')), entry).toEqual([]);
    }
    // The CLI's own graph: every import of the SDK or of src/mcp/ from outside src/mcp/ is dynamic.
    const cli = await build({ entryPoints: [join(root, 'src/cli/main.ts')], absWorkingDir: root, bundle: true, format: 'esm', platform: 'node', write: false, metafile: true, packages: 'external', logLevel: 'silent' });
    const reaching = Object.entries(cli.metafile.inputs)
      .filter(([path]) => !path.startsWith('src/mcp/'))
      .flatMap(([path, { imports }]) => imports.filter((item) => item.path.includes('@modelcontextprotocol/') || item.path.startsWith('src/mcp/')).map((item) => [path, item.path, item.kind]));
    expect(reaching.length).toBeGreaterThan(0);
    expect(reaching.filter(([, , kind]) => kind !== 'dynamic-import')).toEqual([]);
  });

  test.each(entries)('%s stays within its budget', (entry) => {
    expect(own[entry].gzipped, breakdown(own[entry])).toBeLessThanOrEqual(budgets[entry]);
  });
});
