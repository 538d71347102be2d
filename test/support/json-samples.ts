// Values to check schemas with: each one-place change of a documented example, and
// fast-check arbitraries shaped by a schema (mostly fitting, with the odd wrong value).
import fc from 'fast-check';

type Json = any;

/** What any value may be replaced by: every JSON type, the usual edge cases of each. */
export const replacements: readonly Json[] = [
  null, true, false, 0, -1, 1, 1.5, -0.5, 2147483647, 2147483648, 1e21, -1e21,
  '', 'x', '1', 'true', 'null', ' ', 'a/b~c', '😀', '\uD800', 'é',
  [], [null], ['x'], {}, { x: 1 }, { '': null },
];

/** The limits, patterns and constants the schemas hold, for values at and beside them. */
export interface Boundaries {
  readonly lengths: ReadonlySet<number>;
  readonly numbers: ReadonlySet<number>;
  readonly constants: ReadonlySet<Json>;
}

export function boundaries(schemas: Iterable<Json>): Boundaries {
  const lengths = new Set<number>();
  const numbers = new Set<number>();
  const constants = new Set<Json>();
  const seen = new Set<object>();
  const walk = (node: Json) => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(walk);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'minLength' || key === 'maxLength' || key === 'minItems' || key === 'maxItems') lengths.add(value as number);
      else if (key === 'minimum' || key === 'maximum' || key === 'exclusiveMinimum' || key === 'exclusiveMaximum') numbers.add(value as number);
      else if (key === 'enum') (value as Json[]).forEach((item) => constants.add(item));
      else if (key === 'const') constants.add(value);
      else if (key === 'properties') Object.values(value as object).forEach(walk);
      else if (key !== 'required' && key !== 'default') walk(value);
    }
  };
  for (const schema of schemas) walk(schema);
  return { lengths, numbers, constants };
}

function* stringVariants(value: string, { lengths, constants }: Boundaries): Generator<string> {
  yield `${value}x`;
  yield value.slice(1);
  yield value.slice(0, -1);
  yield value.toUpperCase();
  yield ` ${value}`;
  yield `${value}😀`;
  yield `${value}\uDC00`;
  yield value.repeat(3);
  for (const length of lengths) {
    for (const size of [length - 1, length, length + 1]) {
      if (size < 0) continue;
      yield 'a'.repeat(size);
      // As many code points, twice as many UTF-16 units: ajv counts code points.
      yield '😀'.repeat(size);
    }
  }
  // An enum's value swapped for another's (and for the other enums' values).
  if (constants.has(value)) for (const constant of constants) if (typeof constant === 'string' && constant !== value) yield constant;
}

function* numberVariants(value: number, { numbers }: Boundaries): Generator<number> {
  yield value + 1;
  yield value - 1;
  yield -value;
  yield value + 0.5;
  yield value * 1000;
  for (const bound of numbers) for (const near of [bound - 1, bound - 0.5, bound, bound + 0.5, bound + 1]) yield near;
}

/** Every value that differs from `value` in one place: a node replaced (by each JSON type,
 * a neighbouring string or number, a boundary), a member removed or added, an item
 * removed, repeated or added. */
export function* mutants(value: Json, bounds: Boundaries): Generator<Json> {
  yield* replacements;
  if (typeof value === 'string') yield* stringVariants(value, bounds);
  if (typeof value === 'number') yield* numberVariants(value, bounds);
  if (Array.isArray(value)) {
    yield [...value, ...value];
    yield [...value, null];
    for (let n = 0; n < value.length; n++) {
      yield value.toSpliced(n, 1);
      for (const mutant of mutants(value[n], bounds)) yield value.with(n, mutant);
    }
  } else if (typeof value === 'object' && value !== null) {
    yield { ...value, extra: 1 };
    yield { ...value, 'a/b~c': 'x' };
    yield { extra: 1, ...value };
    for (const key of Object.keys(value)) {
      const { [key]: _, ...rest } = value;
      yield rest;
      yield { ...rest, [key]: undefined };
      for (const mutant of mutants(value[key], bounds)) yield { ...value, [key]: mutant };
    }
  }
}

const maxDepth = 6;

/** Merges a union's branch (or an allOf's part) into the schema around it, so that the
 * values drawn from it fit both, as often as a shallow merge allows. */
function merged(base: Json, part: Json): Json {
  const { anyOf: _a, oneOf: _o, allOf: _l, ...rest } = base;
  if (typeof part !== 'object' || part === null) return rest;
  return {
    ...rest,
    ...part,
    properties: { ...rest.properties, ...part.properties },
    required: [...new Set([...(rest.required ?? []), ...(part.required ?? [])])],
  };
}

const typeOf = (schema: Json): readonly string[] => {
  if (schema.type !== undefined) return [].concat(schema.type);
  if (schema.properties || schema.required || schema.additionalProperties !== undefined) return ['object'];
  if (schema.items) return ['array'];
  if (schema.pattern !== undefined || schema.minLength !== undefined || schema.maxLength !== undefined) return ['string'];
  if (schema.minimum !== undefined || schema.maximum !== undefined) return ['number'];
  return ['string', 'integer', 'boolean', 'null', 'object', 'array'];
};

function stringOf(schema: Json): fc.Arbitrary<string> {
  // Contradictory bounds (arbitrary schemas have them) are taken in either order.
  const [min, max] = [schema.minLength ?? 0, schema.maxLength ?? Math.max((schema.minLength ?? 0) + 8, 12)].sort((a, b) => a - b) as [number, number];
  const sized = [
    fc.string({ minLength: min, maxLength: max }),
    fc.string({ unit: 'grapheme', minLength: min, maxLength: max }),
    fc.string({ minLength: max + 1, maxLength: max + 2 }),
    fc.string({ maxLength: Math.max(min - 1, 0) }),
  ];
  if (schema.pattern === undefined) return fc.oneof(...sized);
  try {
    return fc.oneof(fc.stringMatching(new RegExp(schema.pattern, 'u')), fc.stringMatching(new RegExp(schema.pattern, 'u')), ...sized);
  } catch {
    return fc.oneof(...sized);
  }
}

function ofType(type: string, schema: Json, depth: number): fc.Arbitrary<Json> {
  switch (type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
    case 'number': {
      const [low, high] = [schema.minimum ?? schema.exclusiveMinimum ?? -1000, schema.maximum ?? schema.exclusiveMaximum ?? 1000].sort((a, b) => a - b) as [number, number];
      const integers = fc.integer({ min: Math.max(Math.floor(low) - 2, Number.MIN_SAFE_INTEGER), max: Math.min(Math.ceil(high) + 2, Number.MAX_SAFE_INTEGER) });
      return type === 'integer' ? integers : fc.oneof(integers, fc.double({ min: low - 2, max: high + 2, noNaN: true }));
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      const [min, max] = [Math.max((schema.minItems ?? 0) - 1, 0), Math.min((schema.maxItems ?? 3) + 1, 4)].sort((a, b) => a - b) as [number, number];
      return fc.array(shaped(schema.items ?? true, depth + 1), { minLength: min, maxLength: max });
    default: {
      const properties: Record<string, Json> = schema.properties ?? {};
      const required: string[] = (schema.required ?? []).filter((name: string) => Object.hasOwn(properties, name));
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, shaped(child, depth + 1)])),
        { requiredKeys: required },
      );
      const extra = fc.option(fc.tuple(fc.constantFrom('extra', 'a/b~c', ...Object.keys(properties).map((name) => `${name}_`)), shaped(schema.additionalProperties ?? true, depth + 1)), { freq: 4 });
      const dropped = fc.option(fc.constantFrom(...(required.length ? required : [''])), { freq: 6 });
      return fc.tuple(record, extra, dropped).map(([object, more, drop]) => {
        const value: Json = more ? { ...object, [more[0]]: more[1] } : { ...object };
        if (drop !== null) delete value[drop];
        return value;
      });
    }
  }
}

function fitting(schema: Json, depth: number): fc.Arbitrary<Json> {
  if (depth > maxDepth) return fc.constant(null);
  if (typeof schema === 'boolean') return fc.jsonValue({ maxDepth: 1 });
  if (typeof schema.$ref === 'object') return fitting(merged({ ...schema, $ref: undefined }, schema.$ref), depth);
  if (schema.allOf) return fitting(schema.allOf.reduce(merged, { ...schema, allOf: undefined }), depth);
  const union = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (union.length) return fc.oneof(...union.map((branch: Json) => fitting(merged(schema, branch), depth)), fitting(merged(schema, {}), depth));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  return fc.oneof(...typeOf(schema).map((type) => ofType(type, schema, depth)));
}

/** Values shaped by `schema` (a schema as data, `$ref`s resolved): mostly fitting it, with
 * a wrong value, a missing member or an extra one here and there. */
export function shaped(schema: Json, depth = 0): fc.Arbitrary<Json> {
  return fc.oneof(
    { arbitrary: fitting(schema, depth), weight: 12 },
    { arbitrary: fc.constantFrom(...replacements), weight: 1 },
  );
}

/** Member names that need care in paths: `/` and `~` escaped in pointers, a space
 * percent-encoded in schema paths. */
export const memberNames = ['a', 'b', 'a/b', 'x y', '~'] as const;

/** Schemas of the keywords src/core/validate.ts knows, nested a few levels: for checking
 * the interpreter against ajv beyond what the specs happen to hold. `$ref` holds its
 * schema (the interpreter's form); `refs` off leaves it out. */
export function arbitrarySchema({ refs = true } = {}): fc.Arbitrary<Json> {
  const small = fc.oneof(fc.constantFrom(null, true, false, 0, 1, -1, 0.5, '', 'a', 'ab', '😀'), fc.constant([1]), fc.constant({ a: 1 }));
  const types = fc.constantFrom('string', 'number', 'integer', 'boolean', 'null', 'object', 'array');
  const { schema } = fc.letrec<{ schema: Json; object: Json }>((tie) => {
    const keywords: Record<string, fc.Arbitrary<Json>> = {
      type: fc.oneof(types, fc.uniqueArray(types, { minLength: 1, maxLength: 3 })),
      enum: fc.uniqueArray(small, { minLength: 1, maxLength: 3, comparator: (a, b) => JSON.stringify(a) === JSON.stringify(b) }),
      const: small,
      minLength: fc.nat(3),
      maxLength: fc.nat(3),
      pattern: fc.constantFrom('^a', '^.$', '^[a-z]*$', '\\d', '^\\p{L}+$'),
      minimum: fc.constantFrom(-1, 0, 0.5, 1),
      maximum: fc.constantFrom(-1, 0, 0.5, 1),
      exclusiveMinimum: fc.constantFrom(-1, 0, 1),
      exclusiveMaximum: fc.constantFrom(-1, 0, 1),
      minItems: fc.nat(2),
      maxItems: fc.nat(2),
      items: tie('schema'),
      minProperties: fc.nat(2),
      maxProperties: fc.nat(2),
      required: fc.uniqueArray(fc.constantFrom(...memberNames), { maxLength: 2 }),
      properties: fc.dictionary(fc.constantFrom(...memberNames), tie('schema'), { maxKeys: 3 }),
      additionalProperties: fc.oneof(fc.constant(false), tie('schema')),
      not: tie('schema'),
      anyOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }),
      oneOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }),
      allOf: fc.array(tie('schema'), { minLength: 1, maxLength: 2 }),
      ...(refs ? { $ref: tie('object') } : {}),
      description: fc.constant('an annotation'),
    };
    return {
      schema: fc.oneof({ depthSize: 'small' }, { arbitrary: fc.boolean(), weight: 1 }, { arbitrary: tie('object'), weight: 5 }),
      // A few keywords each, often a type with rules of its own, as the specs' schemas are.
      object: fc
        .uniqueArray(fc.constantFrom(...Object.keys(keywords)), { maxLength: 4 })
        .chain((names) => fc.record(Object.fromEntries(names.map((name) => [name, keywords[name]!])))),
    };
  });
  return schema;
}

/** Values for an arbitrary schema: shaped by it, or any JSON, with the awkward member names. */
export const valuesFor = (schema: Json): fc.Arbitrary<Json> =>
  asJson(
    fc.oneof(
      shaped(schema),
      fc.jsonValue({ maxDepth: 2 }),
      fc.dictionary(fc.constantFrom(...memberNames, 'c'), fc.oneof(fc.constantFrom(...replacements), fc.jsonValue({ maxDepth: 1 })), { maxKeys: 4 }),
    ),
  );

/** Values as a JSON body parses: fast-check also makes objects without a prototype, which
 * JSON.parse never does (and ajv's deep equality tells apart). */
export const asJson = (values: fc.Arbitrary<Json>): fc.Arbitrary<Json> => values.map((value) => (value === undefined ? value : JSON.parse(JSON.stringify(value))));
