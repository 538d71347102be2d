// What the client costs a program's bundle: minified ESM for the browser, everything it
// imports bundled (openapi-fetch included), gzipped at level 9. A program that calls one
// operation through `object-storage-openapi/<api>/operations` pays for that operation only,
// with every documented response still checked.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { root } from './support/exec.js';
import { budgetRow, figure } from './support/budgets.js';

/** What is measured: the issue's two snippets (one call, through the package as installed),
 * and each client's entry whole. */
const subjects = {
  'getBucket, standalone': `import { createKatapultBase, getBucket } from 'object-storage-openapi/katapult/operations';
const katapult = createKatapultBase({ token: 't' });
console.log(await getBucket(katapult, { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'x' } }));`,
  'listObjectVersions, standalone': `import { createCaptainBase, listObjectVersions } from 'object-storage-openapi/captain/operations';
const captain = createCaptainBase({ baseUrl: 'https://storage.example.net', auth: { apiKey: 'k' } });
console.log(await listObjectVersions(captain, { projectId: 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6', bucket: 'photos', key: 'a.jpg' }));`,
  'the Katapult client': `export * from 'object-storage-openapi/katapult';`,
  'the Captain client': `export * from 'object-storage-openapi/captain';`,
  'both clients': `export * from 'object-storage-openapi';`,
} as const;
type Subject = keyof typeof subjects;

/** Budgets in gzipped bytes: one operation at most 8 KiB with every response validated,
 * the Katapult client 18 KiB, both 24 KiB; Captain's client is held near what it weighs. */
const budgets: Record<Subject, number> = {
  'getBucket, standalone': 8 * 1024,
  'listObjectVersions, standalone': 8 * 1024,
  'the Katapult client': 18 * 1024,
  'the Captain client': 12 * 1024,
  'both clients': 24 * 1024,
};

interface Measured {
  readonly code: string;
  readonly minified: number;
  readonly gzipped: number;
  /** Minified bytes each input module contributes to the bundle. */
  readonly modules: Readonly<Record<string, number>>;
}

async function measure(contents: string): Promise<Measured> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'snippet.ts' },
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    legalComments: 'none',
    write: false,
    metafile: true,
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

const measured = {} as Record<Subject, Measured>;

beforeAll(async () => {
  for (const [subject, code] of Object.entries(subjects) as [Subject, string][]) measured[subject] = await measure(code);
  console.info(Object.entries(measured).map(([subject, size]) => `${subject}: ${breakdown(size)}`).join('\n'));
});

describe('bundle size', () => {
  test.each(Object.keys(subjects))('docs/performance.md quotes what %s measures, and its budget', (subject) => {
    const [, quoted, asserted] = budgetRow(subject);
    expect(quoted, 'docs/performance.md, "Budgets": write the size this test measured').toBe(`${figure(measured[subject as Subject].gzipped)} B`);
    expect(asserted).toBe(`≤ ${figure(budgets[subject as Subject])} B`);
  });

  test('the peers table of docs/performance.md quotes the same sizes, in KB', () => {
    const page = readFileSync(join(root, 'docs/performance.md'), 'utf8');
    const quoted = (start: string) => page.split('\n').find((line) => line.startsWith(start))?.split('|').at(-2)?.trim();
    const kb = (subject: Subject) => `${(measured[subject].gzipped / 1000).toFixed(1)} KB`;
    expect(quoted('| this package, `getBucket` from')).toBe(kb('getBucket, standalone'));
    expect(quoted('| this package, the whole Katapult client')).toBe(kb('the Katapult client'));
  });

  test('a standalone operation bundles its own module, the shared schemas and the core: no other operation, no walker, no raw client', () => {
    for (const [subject, api, id] of [['getBucket, standalone', 'katapult', 'getBucket'], ['listObjectVersions, standalone', 'captain', 'listObjectVersions']] as const) {
      const modules = Object.keys(measured[subject].modules);
      expect(modules, subject).toContain(`dist/generated/${api}/${id}.js`);
      expect(modules.filter((path) => /dist\/generated\/\w+\/\w+\.js$/.test(path) && !path.endsWith(`/${id}.js`) && !path.endsWith('/schemas.js')), subject).toEqual([]);
      expect(modules.filter((path) => /openapi-fetch|core\/raw|core\/paging|core\/pages|testing|jobs/.test(path)), subject).toEqual([]);
      // No `require` in the ESM a browser gets.
      expect(measured[subject].code).not.toMatch(/\brequire\(/);
    }
  });

  test('measures what it means to: the built package as installed, openapi-fetch bundled in', () => {
    expect(Object.keys(measured['both clients'].modules)).toEqual(
      expect.arrayContaining(['dist/src/index.js', 'dist/src/core/transport.js', 'dist/src/katapult/client.js', 'dist/src/captain/client.js', 'node_modules/openapi-fetch/dist/index.mjs']),
    );
    expect(measured['both clients'].code).not.toMatch(/from\s*"openapi-fetch"/);
  });

  test("each API's entry bundles its own operations and not the other's", () => {
    const katapult = Object.keys(measured['the Katapult client'].modules);
    const captain = Object.keys(measured['the Captain client'].modules);
    expect(katapult).toContain('dist/generated/katapult/getBucket.js');
    expect(katapult.filter((path) => path.includes('captain'))).toEqual([]);
    expect(captain).toContain('dist/generated/captain/listObjectVersions.js');
    expect(captain.filter((path) => path.includes('katapult'))).toEqual([]);
  });

  test("the library's entries import none of the CLI's dependencies", async () => {
    const all = await Promise.all(
      ['src/index.ts', 'src/katapult/index.ts', 'src/captain/index.ts', 'src/katapult/operations.ts', 'src/captain/operations.ts', 'src/jobs/index.ts', 'src/testing/index.ts'].map(async (entry) => {
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
    const libraryEntries = ['src/index.ts', 'src/katapult/index.ts', 'src/captain/index.ts', 'src/katapult/operations.ts', 'src/captain/operations.ts', 'src/jobs/index.ts', 'src/testing/index.ts'];
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

  test.each(Object.keys(subjects))('%s stays within its budget', (subject) => {
    expect(measured[subject as Subject].gzipped, breakdown(measured[subject as Subject])).toBeLessThanOrEqual(budgets[subject as Subject]);
  });
});
