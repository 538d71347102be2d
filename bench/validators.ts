// The validators compared, on the very schemas the client checks (the generated modules'
// data): the interpreter that ships (src/core/validate.ts with that data), ajv standalone
// code compiled from the same schemas, and @exodus/schemasafe's. Sizes are minified ESM
// for the browser, gzipped at level 9, for a whole API and for one operation; speed is
// the time to check a page of 1,000 object versions, the three measured in the same
// rounds. `npm run bench:validators`.
import { validator } from '@exodus/schemasafe';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { operations as captain } from '../generated/captain/index.js';
import { operations as katapult } from '../generated/katapult/index.js';
// Run from the repository's root (npm run), which the bundled bench cannot find from its own place.
const root = process.cwd();
import type { OperationSpec } from '../src/core/operation.js';
import { validate, type Schema } from '../src/core/validate.js';

const apis = { katapult, captain } as Record<string, Record<string, OperationSpec>>;

/** Every schema of some operations, as JSON (shared objects written out where used). */
function schemasOf(operations: readonly OperationSpec[]): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (const operation of operations) {
    schemas[`${operation.id}_request`] = JSON.parse(JSON.stringify(operation.request));
    for (const [status, schema] of Object.entries(operation.responses)) schemas[`${operation.id}_${status}`] = JSON.parse(JSON.stringify(schema));
    for (const [status, codes] of Object.entries(operation.errors ?? {})) for (const [code, schema] of Object.entries(codes)) schemas[`${operation.id}_${status}_${code}`] = JSON.parse(JSON.stringify(schema));
  }
  return schemas;
}

async function size(contents: string): Promise<{ min: number; gz: number }> {
  const { outputFiles } = await build({ stdin: { contents, loader: 'ts', resolveDir: root, sourcefile: 'measured.ts' }, bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', legalComments: 'none', write: false, logLevel: 'silent' });
  const code = outputFiles[0]!.contents;
  return { min: code.length, gz: gzipSync(code, { level: 9 }).length };
}

const newAjv = (code?: object) =>
  new Ajv({ ...(code ? { code } : {}), strict: true, inlineRefs: false, strictRequired: false, strictTypes: false, allErrors: false, messages: false, validateFormats: false, unevaluated: false, dynamicRef: false, keywords: ['discriminator'] });

function ajvModule(schemas: Record<string, unknown>): string {
  const ajv = newAjv({ source: true, esm: true });
  for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(schema as object, name);
  // The module's default export, as esbuild and Node load a CommonJS module.
  const standaloneCode = ((standalone as unknown as { default?: unknown }).default ?? standalone) as (ajv: Ajv, names: Record<string, string>) => string;
  return standaloneCode(ajv, Object.fromEntries(Object.keys(schemas).map((name) => [name, name])));
}

const schemasafeModule = (schemas: Record<string, unknown>) =>
  `export default ${validator(Object.values(schemas) as never, { multi: true, mode: 'lax', includeErrors: true, allowUnusedKeywords: true } as never).toModule()}`;

/** The interpreter and an API's (or one operation's) generated schema data, as the client bundles them. */
const interpreterModule = (api: string, id?: string) =>
  id === undefined
    ? `import { validate } from './src/core/validate.ts'; import { operations } from './generated/${api}/index.ts'; export default [validate, operations];`
    : `import { validate } from './src/core/validate.ts'; import { ${id}Operation as o } from './generated/${api}/${id}.ts'; export default [validate, o.request, o.responses, o.errors];`;

const rows: string[] = [];
for (const [api, operations] of Object.entries(apis)) {
  for (const id of [undefined, api === 'katapult' ? 'getBucket' : 'listObjectVersions']) {
    const chosen = id === undefined ? Object.values(operations) : [operations[id]!];
    const schemas = schemasOf(chosen);
    const [ours, ajv, safe] = await Promise.all([size(interpreterModule(api, id)), size(ajvModule(schemas)), size(schemasafeModule(schemas))]);
    rows.push(`| ${api} | ${id ?? `all ${chosen.length} operations`} | ${Object.keys(schemas).length} | ${ours.min} B / ${ours.gz} B | ${ajv.min} B / ${ajv.gz} B | ${safe.min} B / ${safe.gz} B |`);
  }
}
console.log('| API | operations | schemas | interpreter + data (min / gzip) | ajv standalone (min / gzip) | schemasafe (min / gzip) |');
console.log('|---|---|---|---|---|---|');
console.log(rows.join('\n'));

// A page of 1,000 versions, checked against listObjectVersions' 200 by each.
const page = {
  success: true,
  errors: [],
  messages: [],
  result: Array.from({ length: 1000 }, (_, n) => ({ key: 'photos/2021/beach.jpg', versionId: `v${n}`, isLatest: n === 0, isDeleteMarker: n % 7 === 0, lastModified: '2021-07-16T14:12:27.138Z', size: 1000 + n })),
  resultInfo: { totalCount: 1000, pageIndex: 0, pageSize: 1000, totalPages: 1, hasNextPage: false, hasPreviousPage: false },
};
const schema = captain.listObjectVersions!.responses['200'] as Schema;
const json = JSON.parse(JSON.stringify(schema)) as object;
const contenders: Record<string, (value: unknown) => boolean> = {
  interpreter: (value) => validate(schema, value) === undefined,
  ajv: newAjv().compile(json),
  schemasafe: validator(json as never, { mode: 'lax', includeErrors: true, allowUnusedKeywords: true }) as (value: unknown) => boolean,
};
for (const [name, check] of Object.entries(contenders)) if (!check(page)) throw new Error(`${name}: the page must be valid`);
const rounds = 40;
const perRound = 20;
const times: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  const order = Object.keys(contenders);
  if (round % 2) order.reverse();
  for (const name of order) {
    const start = performance.now();
    for (let n = 0; n < perRound; n++) contenders[name]!(page);
    times[name]!.push(((performance.now() - start) * 1000) / perRound);
  }
}
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ratio = (name: string) => median(times[name]!.map((value, round) => value / times.ajv![round]!)).toFixed(2);
console.log(`\nA page of 1,000 versions, median of ${rounds} rounds of ${perRound}: ${Object.keys(contenders).map((name) => `${name} ${median(times[name]!).toFixed(1)} µs (× ajv ${ratio(name)})`).join(', ')}`);
