// The validators compared: the ajv standalone code `npm run generate` writes, against
// @exodus/schemasafe compiling the same schemas into one module. Size is minified and
// gzipped at level 9; speed is the time to check a page of 1,000 object versions,
// both validators measured in the same rounds. `npm run bench:validators`.
import { validator } from '@exodus/schemasafe';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { root } from '../scripts/paths.js';
import { ajvCode, describeOperations, retarget } from '../scripts/validators.js';
import * as captain from '../generated/captain.operations.js';

const minGzip = async (code) => {
  const { outputFiles } = await build({ stdin: { contents: code, loader: 'js' }, minify: true, write: false, format: 'esm', logLevel: 'silent' });
  return { minified: outputFiles[0].contents.length, gzipped: gzipSync(outputFiles[0].contents, { level: 9 }).length };
};

function schemasafeModule(doc) {
  const { schemas } = describeOperations(doc);
  const defs = Object.fromEntries(Object.entries(doc.components.schemas).map(([name, schema]) => [name, retarget(schema)]));
  return validator(Object.values(schemas), {
    multi: true,
    mode: 'lax',
    includeErrors: true,
    allowUnusedKeywords: true,
    schemas: new Map([['spec', { $id: 'spec', $defs: defs }]]),
    $schemaDefault: 'https://json-schema.org/draft/2020-12/schema',
  });
}

const rows = [];
for (const api of ['katapult', 'captain']) {
  const doc = JSON.parse(readFileSync(join(root, 'generated', `${api}.json`), 'utf8'));
  const { schemas } = describeOperations(doc);
  const names = Object.fromEntries(Object.keys(schemas).map((name, n) => [`v${n}`, name]));
  // The validators alone, bundled with the ajv runtime helpers they import, as the
  // generated module has them; the module's table of words and paths is left out.
  const { outputFiles } = await build({ stdin: { contents: ajvCode(doc, schemas, names), resolveDir: root }, bundle: true, write: false, format: 'esm', logLevel: 'silent' });
  const ajv = await minGzip(outputFiles[0].text);
  const table = await minGzip(readFileSync(join(root, 'generated', `${api}.operations.js`), 'utf8'));
  const safe = await minGzip(`export default ${schemasafeModule(doc).toModule()}`);
  rows.push({ api, ajv, table, schemasafe: safe, validators: Object.keys(schemas).length });
}

// A page of 1,000 versions, checked by each validator of the listObjectVersions 200 body.
const page = {
  success: true,
  errors: [],
  messages: [],
  result: Array.from({ length: 1000 }, (_, n) => ({
    key: 'photos/2021/beach.jpg', versionId: `v${n}`, isLatest: n === 0, isDeleteMarker: n % 7 === 0, lastModified: '2021-07-16T14:12:27.138Z', size: 1000 + n,
  })),
  resultInfo: { totalCount: 1000, pageIndex: 0, pageSize: 1000, totalPages: 1, hasNextPage: false, hasPreviousPage: false },
};
const doc = JSON.parse(readFileSync(join(root, 'generated/captain.json'), 'utf8'));
const body = doc.paths['/api/v{version}/projects/{projectId}/buckets/{name}/objects/{key}'].get.responses['200'].content['application/json'].schema;
const defs = Object.fromEntries(Object.entries(doc.components.schemas).map(([name, schema]) => [name, retarget(schema)]));
const contenders = {
  ajv: captain.listObjectVersions.responses['200'],
  schemasafe: validator(retarget(body), { mode: 'lax', includeErrors: true, allowUnusedKeywords: true, schemas: new Map([['spec', { $id: 'spec', $defs: defs }]]) }),
};
for (const check of Object.values(contenders)) if (!check(page)) throw new Error('the page must be valid');

const rounds = 40;
const perRound = 50;
const times = { ajv: [], schemasafe: [] };
for (let round = 0; round < rounds; round++) {
  for (const name of round % 2 ? ['ajv', 'schemasafe'] : ['schemasafe', 'ajv']) {
    const start = performance.now();
    for (let n = 0; n < perRound; n++) contenders[name](page);
    times[name].push(((performance.now() - start) * 1000) / perRound);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log('| API | validators | ajv standalone (min / gzip) | schemasafe (min / gzip) | generated module with its table (min / gzip) |');
console.log('|---|---|---|---|---|');
for (const { api, validators, ajv, schemasafe, table } of rows) {
  console.log(`| ${api} | ${validators} | ${ajv.minified} B / ${ajv.gzipped} B | ${schemasafe.minified} B / ${schemasafe.gzipped} B | ${table.minified} B / ${table.gzipped} B |`);
}
const ratios = times.ajv.map((value, round) => value / times.schemasafe[round]);
console.log(`\nA page of 1,000 versions, median of ${rounds} rounds of ${perRound}: ajv ${median(times.ajv).toFixed(1)} µs, schemasafe ${median(times.schemasafe).toFixed(1)} µs, ajv ÷ schemasafe ${median(ratios).toFixed(2)}`);
