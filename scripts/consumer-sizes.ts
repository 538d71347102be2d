// What one operation costs in an app's bundle: Captain's listObjectVersions and Katapult's
// getBucket, called through this package's client, through a client @hey-api/openapi-ts
// generates (alone, and with its zod or valibot schemas checking the request and the
// response, as ours does) and through orval's (alone, and with its zod schemas). Each is
// bundled by esbuild, minified ESM, everything bundled in; bytes minified and gzipped at
// level 9. hey-api and orval run on the pinned Node 22, into a temp folder.
// `npm run compile && npx tsx scripts/consumer-sizes.ts`
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { root, type Api } from './codegen/paths.js';

const node22 = join(root, 'node_modules/node22/bin/node');
const work = mkdtempSync(join(tmpdir(), 'consumer-sizes-'));
symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');

/** Per API, the operation measured: its method name, and the name the generators give it. */
const operations: Record<Api, readonly [id: string, Id: string]> = { captain: ['listObjectVersions', 'ListObjectVersions'], katapult: ['getBucket', 'GetBucket'] };
for (const api of Object.keys(operations)) {
  const env = { ...process.env, SPEC: join(root, 'generated', `${api}.json`) };
  execFileSync(node22, [join(root, 'node_modules/@hey-api/openapi-ts/bin/run.js'), '-f', join(root, 'test/consumers/openapi-ts.config.mjs')], { cwd: work, env: { ...env, OUT: join(work, `hey-${api}`) } });
  execFileSync(node22, [join(root, 'node_modules/orval/dist/bin/orval.mjs'), '--config', join(root, 'test/consumers/orval.config.mjs')], { cwd: work, env: { ...env, OUT: join(work, `orval-${api}`) }, stdio: 'ignore' });
}

interface Size {
  readonly minified: number;
  readonly gzipped: number;
}

async function size(name: string, contents: string): Promise<Size> {
  const file = join(work, `${name}.ts`);
  writeFileSync(file, contents);
  const result = await build({ entryPoints: [file], bundle: true, format: 'esm', minify: true, write: false, platform: 'neutral', mainFields: ['module', 'main'], logLevel: 'silent' });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild wrote nothing for ${name}`);
  const bytes = output.contents;
  return { minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}

const rows: [api: string, id: string, client: string, size: Size][] = [];
for (const [api, [id, Id]] of Object.entries(operations)) {
  const hey = join(work, `hey-${api}`);
  const orval = join(work, `orval-${api}`);
  const factory = api === 'captain' ? 'createCaptainClient' : 'createKatapultClient';
  const parts = api === 'captain' ? ['Path', 'Query'] : ['Query'];
  const cases = {
    [`object-storage-openapi/${api} (request and response checked)`]: `import { ${factory} } from '${join(root, 'dist/src', api, 'index.js')}';\nexport const call = (c: any, i: any) => ${factory}(c).${id}(i);`,
    '@hey-api/openapi-ts, fetch client, unchecked': `export { ${id} } from '${hey}/sdk.gen';`,
    '@hey-api/openapi-ts + its zod schemas for the request and response': `export { ${id} } from '${hey}/sdk.gen';\nexport { ${parts.map((part) => `z${Id}${part}`).join(', ')}, z${Id}Response } from '${hey}/zod.gen';`,
    '@hey-api/openapi-ts + its valibot schemas for the request and response': `export { ${id} } from '${hey}/sdk.gen';\nexport { ${parts.map((part) => `v${Id}${part}`).join(', ')}, v${Id}Response } from '${hey}/valibot.gen';`,
    'orval, fetch client, unchecked': `export { ${id} } from '${orval}/client';`,
    'orval + its zod schemas for the request and response': `export { ${id} } from '${orval}/client';\nexport { ${api === 'captain' ? `${Id}Params, ${Id}QueryParams` : `${Id}QueryParams`}, ${Id}Response } from '${orval}/zod';`,
  };
  for (const [name, code] of Object.entries(cases)) rows.push([api, id, name, await size(`${api}-${rows.length}`, code)]);
}
rmSync(work, { recursive: true, force: true });
console.log('| API | operation | client | minified | gzipped |\n|---|---|---|---:|---:|');
for (const [api, id, name, { minified, gzipped }] of rows) console.log(`| ${api} | ${id} | ${name} | ${minified} B | ${gzipped} B |`);
