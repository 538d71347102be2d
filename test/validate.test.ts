// src/core/validate.ts, the schema interpreter, against ajv: first each keyword's rule in
// a table a reader can check by eye, then every schema the client runs (each generated
// operation's request and every documented response, as generated/ holds them) checked by
// both on the same values, which must give the same verdict and the same errors.
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { operations as captainOperations } from '../generated/captain/index.js';
import { operations as katapultOperations } from '../generated/katapult/index.js';
import { resolve } from '../scripts/codegen/spec.js';
import type { OperationSpec, ValidationError } from '../src/core/operation.js';
import { validate, type Schema } from '../src/core/validate.js';
import { arbitrarySchema, asJson, boundaries, mutants, shaped, valuesFor } from './support/json-samples.js';
import { loadSpec } from './support/specs.js';

type Json = any;


const error = (keyword: string, instancePath: string, schemaPath: string, params: Record<string, unknown> = {}) => ({ instancePath, schemaPath, keyword, params });

describe('validate: each keyword', () => {
  const cases: [what: string, schema: Schema, data: unknown, errors: ReturnType<typeof error>[] | undefined][] = [
    ['true accepts anything', true, { a: 1 }, undefined],
    ['{} accepts anything', {}, null, undefined],
    ['false accepts nothing', false, 1, [error('false schema', '', '#/false schema')]],
    ['annotations check nothing', { description: 'd', title: 't', default: 1, format: 'uuid', 'x-secret': true, deprecated: true }, 5, undefined],
    ['type: a name', { type: 'string' }, 5, [error('type', '', '#/type', { type: 'string' })]],
    ['type: a list', { type: ['string', 'null'] }, null, undefined],
    ['type: a list, unmet', { type: ['string', 'null'] }, 5, [error('type', '', '#/type', { type: ['string', 'null'] })]],
    ['integer: no fraction', { type: 'integer' }, 1.5, [error('type', '', '#/type', { type: 'integer' })]],
    ['integer: 1.0 is an integer', { type: 'integer' }, 1.0, undefined],
    ['number: finite only', { type: 'number' }, Infinity, [error('type', '', '#/type', { type: 'number' })]],
    ['object: not an array', { type: 'object' }, [], [error('type', '', '#/type', { type: 'object' })]],
    ['object: not null', { type: 'object' }, null, [error('type', '', '#/type', { type: 'object' })]],
    ['enum', { enum: ['a', 1, null] }, 'b', [error('enum', '', '#/enum', { allowedValues: ['a', 1, null] })]],
    ['enum: deep equality', { enum: [{ a: [1] }] }, { a: [1] }, undefined],
    ['const', { const: 'a' }, 'b', [error('const', '', '#/const', { allowedValue: 'a' })]],
    ['const: deep equality', { const: { a: 1 } }, { a: 1 }, undefined],
    ['minLength counts code points', { minLength: 2 }, '😀', [error('minLength', '', '#/minLength', { limit: 2 })]],
    ['maxLength counts code points', { maxLength: 1 }, '😀', undefined],
    ['maxLength', { maxLength: 1 }, 'ab', [error('maxLength', '', '#/maxLength', { limit: 1 })]],
    ['pattern, with the u flag', { pattern: '^.$' }, '😀', undefined],
    ['pattern', { pattern: '^a' }, 'b', [error('pattern', '', '#/pattern', { pattern: '^a' })]],
    ['string rules skip other types', { minLength: 3, pattern: '^a' }, 5, undefined],
    ['minimum', { minimum: 1 }, 0, [error('minimum', '', '#/minimum', { comparison: '>=', limit: 1 })]],
    ['maximum', { maximum: 1 }, 2, [error('maximum', '', '#/maximum', { comparison: '<=', limit: 1 })]],
    ['exclusiveMinimum', { exclusiveMinimum: 1 }, 1, [error('exclusiveMinimum', '', '#/exclusiveMinimum', { comparison: '>', limit: 1 })]],
    ['exclusiveMaximum', { exclusiveMaximum: 1 }, 1, [error('exclusiveMaximum', '', '#/exclusiveMaximum', { comparison: '<', limit: 1 })]],
    ['minItems', { minItems: 1 }, [], [error('minItems', '', '#/minItems', { limit: 1 })]],
    ['maxItems', { maxItems: 0 }, [1], [error('maxItems', '', '#/maxItems', { limit: 0 })]],
    ['items: the first bad item', { items: { type: 'string' } }, ['a', 1, 2], [error('type', '/1', '#/items/type', { type: 'string' })]],
    ['minProperties', { minProperties: 1 }, {}, [error('minProperties', '', '#/minProperties', { limit: 1 })]],
    ['maxProperties', { maxProperties: 0 }, { a: 1 }, [error('maxProperties', '', '#/maxProperties', { limit: 0 })]],
    ['required: the first missing', { required: ['a', 'b', 'c'] }, { b: 1 }, [error('required', '', '#/required', { missingProperty: 'a' })]],
    ['required: undefined is missing', { required: ['a'] }, { a: undefined }, [error('required', '', '#/required', { missingProperty: 'a' })]],
    ['properties: paths escaped', { properties: { 'a/b~c': { type: 'string' } } }, { 'a/b~c': 1 }, [error('type', '/a~1b~0c', '#/properties/a~1b~0c/type', { type: 'string' })]],
    ['properties: schema path percent-encoded', { properties: { 'a b': { type: 'string' } } }, { 'a b': 1 }, [error('type', '/a b', '#/properties/a%20b/type', { type: 'string' })]],
    ['additionalProperties: false', { properties: { a: {} }, additionalProperties: false }, { a: 1, b: 2 }, [error('additionalProperties', '', '#/additionalProperties', { additionalProperty: 'b' })]],
    ['additionalProperties: a schema', { additionalProperties: { type: 'string' } }, { a: 'x', b: 2 }, [error('type', '/b', '#/additionalProperties/type', { type: 'string' })]],
    ['object rules: required, then additionalProperties, then properties', { required: ['a'], properties: { b: { type: 'string' } }, additionalProperties: false }, { b: 1, c: 1 }, [error('required', '', '#/required', { missingProperty: 'a' })]],
    ['additionalProperties before properties', { properties: { b: { type: 'string' } }, additionalProperties: false }, { b: 1, c: 1 }, [error('additionalProperties', '', '#/additionalProperties', { additionalProperty: 'c' })]],
    ['not', { not: { type: 'string' } }, 'a', [error('not', '', '#/not')]],
    ['not, unmet inside', { not: { type: 'string' } }, 1, undefined],
    ['allOf: the first failing part', { allOf: [{ type: 'number' }, { minimum: 5 }] }, 1, [error('minimum', '', '#/allOf/1/minimum', { comparison: '>=', limit: 5 })]],
    ['anyOf: one branch fits', { anyOf: [{ type: 'string' }, { type: 'number' }] }, 1, undefined],
    ['anyOf: branches, then anyOf', { anyOf: [{ type: 'string' }, { type: 'number' }] }, null, [
      error('type', '', '#/anyOf/0/type', { type: 'string' }),
      error('type', '', '#/anyOf/1/type', { type: 'number' }),
      error('anyOf', '', '#/anyOf'),
    ]],
    ['oneOf: none fits', { oneOf: [{ type: 'string' }, { required: ['a'] }] }, {}, [
      error('type', '', '#/oneOf/0/type', { type: 'string' }),
      error('required', '', '#/oneOf/1/required', { missingProperty: 'a' }),
      error('oneOf', '', '#/oneOf', { passingSchemas: null }),
    ]],
    ['oneOf: two fit', { oneOf: [{ type: 'string' }, { minLength: 1 }, { maxLength: 1 }] }, 'a', [error('oneOf', '', '#/oneOf', { passingSchemas: [0, 1] })]],
    ['oneOf: a failing branch before two that fit', { oneOf: [{ type: 'number' }, { type: 'string' }, { minLength: 1 }] }, 'a', [
      error('type', '', '#/oneOf/0/type', { type: 'number' }),
      error('oneOf', '', '#/oneOf', { passingSchemas: [1, 2] }),
    ]],
    // ajv's order: with one type and rules for it, the type is checked in that type's
    // group, after const, enum, not, anyOf, oneOf, allOf; otherwise first.
    ['type first when it has no rules of its own', { type: 'string', enum: ['a'] }, 5, [error('type', '', '#/type', { type: 'string' })]],
    ['type last when it has rules of its own', { type: 'string', minLength: 1, enum: ['a'] }, 5, [error('enum', '', '#/enum', { allowedValues: ['a'] })]],
    ['integer has no group of its own: type first', { type: 'integer', minimum: 1, enum: [2] }, 0.5, [error('type', '', '#/type', { type: 'integer' })]],
    ['a list of types is checked first', { type: ['string', 'null'], minLength: 1, enum: ['a', null] }, 5, [error('type', '', '#/type', { type: ['string', 'null'] })]],
    // Inside anyOf/oneOf ajv does not stop at a wrong type: const, enum, not, anyOf, oneOf
    // and allOf run too (not the rules of a type).
    ['in a branch, a wrong type and the next group', { anyOf: [{ type: ['string', 'null'], enum: ['a', null] }] }, 5, [
      error('type', '', '#/anyOf/0/type', { type: ['string', 'null'] }),
      error('enum', '', '#/anyOf/0/enum', { allowedValues: ['a', null] }),
      error('anyOf', '', '#/anyOf'),
    ]],
    ['in a branch, the typed groups do not run after a wrong type', { anyOf: [{ type: 'integer', minimum: 1 }] }, 0.5, [
      error('type', '', '#/anyOf/0/type', { type: 'integer' }),
      error('anyOf', '', '#/anyOf'),
    ]],
    // A `$ref` kept with the object it names stops at its first error, as ajv's compiled
    // reference does; the object itself, in its place, behaves as if written there.
    ['in a branch, a $ref stops at its first error', { anyOf: [{ $ref: { type: 'integer', enum: [1] } }] }, 0.5, [
      error('type', '', '#/anyOf/0/$ref/type', { type: 'integer' }),
      error('anyOf', '', '#/anyOf'),
    ]],
    ['a $ref: the errors of the schema it holds', { properties: { a: { $ref: { required: ['b'] } } } }, { a: {} }, [error('required', '/a', '#/properties/a/$ref/required', { missingProperty: 'b' })]],
    ['a $ref beside other keywords: checked first', { $ref: { type: 'string' }, const: 'a' }, 5, [error('type', '', '#/$ref/type', { type: 'string' })]],
    ['items: false', { items: false }, [1], [error('false schema', '/0', '#/items/false schema')]],
    ['not: {} fails everything', { not: {} }, 1, [error('not', '', '#/not')]],
    ['oneOf: two always-valid branches', { oneOf: [true, {}] }, 1, [error('oneOf', '', '#/oneOf', { passingSchemas: [0, 1] })]],
    ['const: null', { const: null }, 0, [error('const', '', '#/const', { allowedValue: null })]],
    ['integer: finite only', { type: 'integer' }, -Infinity, [error('type', '', '#/type', { type: 'integer' })]],
    ['nested paths', { properties: { a: { items: { properties: { b: { const: 1 } } } } } }, { a: [{ b: 1 }, { b: 2 }] }, [error('const', '/a/1/b', '#/properties/a/items/properties/b/const', { allowedValue: 1 })]],
  ];
  it.each(cases)('%s', (_, schema, data, errors) => {
    expect(validate(schema, data)).toEqual(errors);
  });

  it('gives the errors ajv gives for each case of the table', () => {
    const ajv = strictAjv(['x-secret']);
    for (const [what, schema, data] of cases) {
      const check = ajv.compile(byName(ajv, schema));
      const paths = JSON.stringify(schema).includes('$ref') ? withoutSchemaPath : (error: Json) => error;
      expect([what, check(data) ? undefined : check.errors!.map(paths)]).toEqual([what, validate(schema, data)?.map(paths)]);
    }
  });
});

describe('validate agrees with ajv on arbitrary schemas', () => {
  it('gives the same verdict and the same errors', () => {
    const ajv = strictAjv();
    let pairs = 0;
    let invalid = 0;
    // ajv's deep equality (fast-deep-equal) calls a member named valueOf or toString: it
    // throws on `{ "valueOf": 1 }` against an enum or const holding an object.
    let threw = 0;
    const disagreements: Json[] = [];
    for (const schema of fc.sample(arbitrarySchema(), { numRuns: 300, seed })) {
      const check = ajv.compile(byName(ajv, schema));
      const paths = JSON.stringify(schema).includes('$ref') ? withoutSchemaPath : (error: Json) => error;
      for (const value of fc.sample(valuesFor(schema), { numRuns: 40, seed: seed + pairs })) {
        let ok: boolean;
        try {
          ok = check(value);
        } catch {
          threw++;
          continue;
        }
        const expected = ok ? undefined : check.errors!.map(paths);
        const got = validate(schema, value)?.map(paths);
        pairs++;
        if (!ok) invalid++;
        if (!isDeepStrictEqual(expected, got)) disagreements.push({ schema, value, expected, got });
      }
    }
    console.log(
      `validate vs ajv, arbitrary schemas: ${pairs} (schema, value) pairs, ${invalid} invalid by ajv; disagreements: ${disagreements.length}; ` +
        `values ajv threw on: ${threw}`,
    );
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(Math.min(invalid, pairs - invalid)).toBeGreaterThan(pairs / 5);
  });
});

/** A reference's errors carry the path within the schema ajv compiled for it. */
const withoutSchemaPath = ({ schemaPath: _, ...rest }: Json) => rest;

/** `schema` for ajv, which takes a `$ref` by name: each object a `$ref` holds is added
 * to `ajv` under a name of its own. */
function byName(ajv: Ajv, node: Json): Json {
  if (typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) return node.map((item) => byName(ajv, item));
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'enum' || key === 'const') return [key, value];
      if (key === '$ref' && typeof value === 'object') {
        const name = `ref${++named}`;
        ajv.addSchema(byName(ajv, value), name);
        return [key, name];
      }
      if (key === 'properties') return [key, Object.fromEntries(Object.entries(value as object).map(([name, child]) => [name, byName(ajv, child)]))];
      return [key, byName(ajv, value)];
    }),
  );
}
let named = 0;

/** An ajv with the options the validators were compiled with before the interpreter (scripts/validators.js, since gone). */
function strictAjv(keywords: string[] = []): Ajv {
  return new Ajv({
    strict: true,
    inlineRefs: false,
    strictRequired: false,
    strictTypes: false,
    allErrors: false,
    messages: false,
    validateFormats: false,
    unevaluated: false,
    dynamicRef: false,
    keywords: ['discriminator', 'example', 'xml', 'externalDocs', ...keywords],
  });
}

/** Every schema an API's operations check against, as generated/ holds them, by name:
 * `<id>$request`, `<id>$<status>`, and `<id>$<status>$<code>` for a wrapped error. */
function generatedSchemas(operations: Readonly<Record<string, OperationSpec>>): Record<string, Schema> {
  const schemas: Record<string, Schema> = {};
  // Operations share their error bodies (every 429, say): each object is checked once.
  const seen = new Set<Schema>();
  const add = (name: string, schema: Schema) => {
    if (seen.has(schema)) return;
    seen.add(schema);
    schemas[name] = schema;
  };
  for (const operation of Object.values(operations)) {
    add(`${operation.id}$request`, operation.request);
    for (const [status, schema] of Object.entries(operation.responses)) add(`${operation.id}$${status}`, schema);
    for (const [status, codes] of Object.entries(operation.errors ?? {})) for (const [code, schema] of Object.entries(codes)) add(`${operation.id}$${status}$${code}`, schema);
  }
  return schemas;
}

const methods = ['get', 'put', 'post', 'patch', 'delete'];

/** Each parameter's documented values: its `examples`, `example`, or its schema's. */
function parameterValues(doc: Json, parameter: Json): Json[] {
  const schema = resolve(doc, parameter.schema) ?? {};
  const values = [
    ...Object.values<Json>(parameter.examples ?? {}).map((example) => resolve(doc, example).value),
    ...(parameter.example === undefined ? [] : [parameter.example]),
    ...(schema.examples ?? []),
    ...(schema.example === undefined ? [] : [schema.example]),
  ];
  return values.filter((value) => value !== undefined);
}

/** The requests and responses the spec documents, by the name of the schema that checks them. */
function documented(doc: Json, operations: Readonly<Record<string, OperationSpec>>): Map<string, Json[]> {
  const byName = new Map<string, Json[]>();
  const add = (name: string, value: Json) => byName.set(name, [...(byName.get(name) ?? []), value]);
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      const described = operations[operation.operationId]!;
      const parameters = new Map<string, Json>();
      for (const node of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const parameter = resolve(doc, node);
        if (parameter.in === 'path' || parameter.in === 'query') parameters.set(`${parameter.in} ${parameter.name}`, parameter);
      }
      // The first documented value of each parameter; then each other value in turn.
      const base: Json = {};
      const variants: [where: string, name: string, value: Json][] = [];
      for (const parameter of parameters.values()) {
        const [first, ...others] = parameterValues(doc, parameter);
        base[parameter.in] ??= {};
        if (first !== undefined) base[parameter.in][parameter.name] = first;
        for (const other of others) variants.push([parameter.in, parameter.name, other]);
      }
      const bodies = Object.values<Json>(resolve(doc, operation.requestBody)?.content?.['application/json']?.examples ?? {}).map((example) => resolve(doc, example).value);
      const requests = (bodies.length ? bodies : [undefined]).map((body) => (body === undefined ? base : { ...base, body }));
      for (const [where, name, value] of variants) requests.push({ ...requests[0], [where]: { ...requests[0][where], [name]: value } });
      for (const request of requests) add(`${described.id}$request`, request);
      for (const [status, response] of Object.entries<Json>(operation.responses)) {
        const examples = Object.values<Json>(resolve(doc, response).content?.['application/json']?.examples ?? {}).map((example) => resolve(doc, example).value);
        const codes = described.errors?.[status];
        if (!codes) for (const example of examples) add(`${described.id}$${status}`, example);
        // A wrapped error is checked by the schema of its code.
        else for (const example of examples) if (Object.hasOwn(codes, example?.error?.code)) add(`${described.id}$${status}$${example.error.code}`, example);
      }
    }
  }
  return byName;
}

/** The keywords src/core/validate.ts reads, and the annotations it may ignore. */
const checked = new Set(['type', 'const', 'enum', 'not', 'anyOf', 'oneOf', 'allOf', 'maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'items', 'maxProperties', 'minProperties', 'required', 'additionalProperties', 'properties']);
const ignored = new Set(['default', '$ref']);

function keywordsOf(schema: Json, found = new Set<string>()): Set<string> {
  if (typeof schema !== 'object' || schema === null) return found;
  if (Array.isArray(schema)) return schema.forEach((item) => keywordsOf(item, found)), found;
  for (const [key, value] of Object.entries(schema)) {
    found.add(key);
    if (key === 'properties') Object.values(value as object).forEach((child) => keywordsOf(child, found));
    else if (!['enum', 'const', 'required', 'default'].includes(key)) keywordsOf(value, found);
  }
  return found;
}

const seed = Number(process.env.VALIDATE_SEED ?? 20260115);

const generated = { katapult: katapultOperations, captain: captainOperations } as const;

describe.each(['katapult', 'captain'] as const)('validate agrees with ajv: %s', (api) => {
  const doc = loadSpec(api);
  const schemas = generatedSchemas(generated[api]);

  it('uses only the keywords the interpreter knows', () => {
    const used = keywordsOf(Object.values(schemas));
    expect([...used].filter((keyword) => !checked.has(keyword) && !ignored.has(keyword))).toEqual([]);
  });

  it('gives the same verdict and the same errors on every value', () => {
    // ajv compiles each schema as JSON, every shared object written out where it is used.
    const ajv = strictAjv();
    const compiled = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, ajv.compile(JSON.parse(JSON.stringify(schema)))]));
    const bounds = boundaries(Object.values(schemas));
    const examples = documented(doc, generated[api]);
    const allExamples = [...examples.values()].flat();
    const byKind = { examples: 0, mutants: 0, shaped: 0, json: 0 };
    const verdicts = { request: [0, 0], response: [0, 0] };
    const disagreements: Json[] = [];

    const compare = (name: string, value: Json, kind: keyof typeof byKind) => {
      const check = compiled[name]!;
      const ok = check(value);
      const expected = ok ? undefined : check.errors!.map(pick);
      const got = validate(schemas[name]!, value)?.map(pick);
      byKind[kind]++;
      verdicts[name.endsWith('$request') ? 'request' : 'response'][ok ? 0 : 1]! += 1;
      if (!isDeepStrictEqual(expected, got)) disagreements.push({ name, value, expected, got });
    };

    for (const name of Object.keys(schemas)) {
      // Every documented value against every schema: most fit one schema only.
      for (const value of allExamples) compare(name, value, 'examples');
      for (const example of examples.get(name) ?? []) for (const mutant of mutants(example, bounds)) compare(name, mutant, 'mutants');
      for (const value of fc.sample(asJson(shaped(schemas[name]!)), { numRuns: 200, seed })) compare(name, value, 'shaped');
      for (const value of fc.sample(asJson(fc.jsonValue({ maxDepth: 3 })), { numRuns: 50, seed })) compare(name, value, 'json');
    }

    const pairs = Object.values(byKind).reduce((sum, count) => sum + count, 0);
    console.log(
      `validate vs ajv, ${api}: ${pairs} (schema, value) pairs over ${Object.keys(schemas).length} schemas ` +
        `(${byKind.examples} documented examples × schemas, ${byKind.mutants} one-change mutants, ${byKind.shaped} schema-shaped, ${byKind.json} arbitrary JSON); ` +
        `requests ${verdicts.request[0]} valid / ${verdicts.request[1]} invalid, responses ${verdicts.response[0]} valid / ${verdicts.response[1]} invalid; ` +
        `disagreements: ${disagreements.length}`,
    );
    expect(disagreements.slice(0, 3)).toEqual([]);
    for (const [valid, invalid] of Object.values(verdicts)) expect(Math.min(valid!, invalid!)).toBeGreaterThan(100);
  });
});

/** What the client reads of an error: all of it. */
const pick = ({ keyword, instancePath, params, schemaPath }: ValidationError) => ({ keyword, instancePath, params, schemaPath });
