// A small JSON Schema interpreter for the schemas `npm run generate` writes as plain data:
// it gives the errors ajv 8 gives (with allErrors false,
// no messages, formats not checked, patterns with the `u` flag, lengths in code points,
// finite numbers only), in ajv's order, without generating code at run time.
//
// How ajv orders its checks (lib/compile/validate/index.ts, dataType.ts, rules.ts):
// - A schema whose `type` names one type for which it also has rules (`type: 'string'`
//   with `minLength`) checks the type last, in that type's group; any other `type` is
//   checked first.
// - Then the groups in turn: $ref, const, enum, not, anyOf, oneOf, allOf; then the
//   number, string, array and object rules, each group run only on data of its type.
//   Within a group the first failing keyword ends the group; after a group that failed,
//   the schema stops.
// - Outside anyOf/oneOf/not the first error ends validation. Inside them ajv collects
//   errors and goes on as its generated code does: a wrong type there is followed by the
//   first group (const, enum, ...), so a branch can report two errors.
// - A failed anyOf/oneOf reports its branches' errors, then its own.
// - ajv (inlineRefs: false) compiles each `$ref` into a function that stops at its first
//   error wherever it is called from. A schema that is the object a `$ref` named shows no
//   such edge, and inside anyOf/oneOf may add the one error ajv leaves out; `{ $ref: X }`
//   with X the object keeps the edge.
import type { Schema, ValidationError } from './schema.js';

export type { Schema };

// Schemas and values are JSON of any shape: the keywords give them their types.
type Json = any;
type Failure = { instancePath: string; schemaPath: string; keyword: string; params: Record<string, unknown> };
/** A keyword's check, made once per schema from the keyword's value: it adds an error when
 * the data (of the keyword's type) breaks the rule. */
type Check = (data: Json, errors: Failure[], composite: boolean) => unknown;
type Rule = (value: Json, keyword: string, schema: Json) => Check;

/** An error at the schema being checked; the schemas around it put their steps in front. */
const fail = (errors: Failure[], keyword: string, params: Record<string, unknown> = {}) =>
  errors.push({ instancePath: '', schemaPath: `/${keyword}`, keyword, params });

/** A JSON pointer reference token. */
const token = (key: string | number) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/** The JSON type of a value as `type` names it; numbers must be finite (ajv's strictNumbers). */
const typeOf = (data: Json) => (data === null ? 'null' : Array.isArray(data) ? 'array' : typeof data == 'number' && !isFinite(data) ? '' : typeof data);

/** Deep equality of JSON values, as ajv's `const` and `enum` compare. */
const equal = (a: Json, b: Json): boolean =>
  a === b ||
  (typeof a == 'object' &&
    typeOf(a) === typeOf(b) &&
    Object.keys(a).length === Object.keys(b).length &&
    Object.keys(a).every((key) => Object.hasOwn(b, key) && equal(a[key], b[key])));

/** Checks `data` against a subschema, then puts the steps into its errors' paths. */
const sub = (errors: Failure[], composite: boolean, schema: Json, data: Json, keyword: string, schemaKey?: string | number, dataKey?: string | number) => {
  const before = errors.length;
  run(schema, data, errors, composite);
  for (let n = before; n < errors.length; n++) {
    const error = errors[n]!;
    if (dataKey !== undefined) error.instancePath = `/${token(dataKey)}${error.instancePath}`;
    error.schemaPath = `/${keyword}${schemaKey === undefined ? '' : `/${encodeURIComponent(token(schemaKey))}`}${error.schemaPath}`;
  }
  return errors.length === before;
};

/** A bound on a measure of the data, broken when over(measure, bound). */
const limit =
  (measure: (data: Json) => number, over: (value: number, bound: number) => boolean, comparison?: string): Rule =>
  (bound, keyword) =>
  (data, errors) =>
    over(measure(data), bound) && fail(errors, keyword, comparison ? { comparison, limit: bound } : { limit: bound });
const above = (value: number, bound: number) => value > bound;
const below = (value: number, bound: number) => value < bound;
const itself = (data: number) => data;
/** Code points, as ajv's ucs2length counts them. */
const length = (data: string) => {
  let count = 0;
  for (const _ of data) count++;
  return count;
};
const size = (data: Json[]) => data.length;
const members = (data: object) => Object.keys(data).length;

/** ajv's groups of keywords, in its order: the untyped ones, then one group per type. */
const groups: readonly (readonly [type: string, rules: Readonly<Record<string, Rule>>])[] = [
  [
    '',
    {
      // A `$ref` the generator kept, holding the schema itself: ajv compiles a reference
      // into a function of its own, which stops at its first error even inside anyOf.
      $ref: (target, keyword) => (data, errors) => sub(errors, false, target, data, keyword),
      const: (value, keyword) => (data, errors) => equal(data, value) || fail(errors, keyword, { allowedValue: value }),
      enum: (values, keyword) => (data, errors) => values.some((value: Json) => equal(data, value)) || fail(errors, keyword, { allowedValues: values }),
      not: (schema, keyword) => (data, errors) => {
        const before = errors.length;
        run(schema, data, errors, true);
        if (errors.length === before) fail(errors, keyword);
        else errors.length = before;
      },
      anyOf: (branches, keyword) => (data, errors) => {
        const before = errors.length;
        if (branches.some((branch: Json, n: number) => sub(errors, true, branch, data, keyword, n))) errors.length = before;
        else fail(errors, keyword);
      },
      oneOf: (branches, keyword) => (data, errors) => {
        const before = errors.length;
        let passing: Json = null;
        for (let n = 0; n < branches.length; n++) {
          if (sub(errors, true, branches[n], data, keyword, n)) {
            // ajv stops at the second branch that fits.
            if (passing !== null) return fail(errors, keyword, { passingSchemas: [passing, n] });
            passing = n;
          }
        }
        if (passing === null) fail(errors, keyword, { passingSchemas: null });
        else errors.length = before;
      },
      allOf: (parts, keyword) => (data, errors, composite) => parts.every((part: Json, n: number) => sub(errors, composite, part, data, keyword, n)),
    },
  ],
  [
    'number',
    {
      maximum: /* @__PURE__ */ limit(itself, above, '<='),
      minimum: /* @__PURE__ */ limit(itself, below, '>='),
      exclusiveMaximum: /* @__PURE__ */ limit(itself, (value, bound) => value >= bound, '<'),
      exclusiveMinimum: /* @__PURE__ */ limit(itself, (value, bound) => value <= bound, '>'),
    },
  ],
  [
    'string',
    {
      maxLength: /* @__PURE__ */ limit(length, above),
      minLength: /* @__PURE__ */ limit(length, below),
      pattern: (source, keyword) => {
        const pattern = new RegExp(source, 'u');
        return (data, errors) => pattern.test(data) || fail(errors, keyword, { pattern: source });
      },
    },
  ],
  [
    'array',
    {
      maxItems: /* @__PURE__ */ limit(size, above),
      minItems: /* @__PURE__ */ limit(size, below),
      items: (schema, keyword) => (data, errors, composite) => data.every((item: Json, n: number) => sub(errors, composite, schema, item, keyword, undefined, n)),
    },
  ],
  [
    'object',
    {
      maxProperties: /* @__PURE__ */ limit(members, above),
      minProperties: /* @__PURE__ */ limit(members, below),
      required: (names, keyword) => (data, errors) => {
        const missing = names.find((name: string) => data[name] === undefined);
        if (missing !== undefined) fail(errors, keyword, { missingProperty: missing });
      },
      additionalProperties: (extra, keyword, { properties }) => (data, errors, composite) => {
        for (const key in data) {
          if (properties && Object.hasOwn(properties, key)) continue;
          if (extra === false) return fail(errors, keyword, { additionalProperty: key });
          if (!sub(errors, composite, extra, data[key], keyword, undefined, key)) return;
        }
      },
      properties: (properties, keyword) => (data, errors, composite) => {
        for (const key in properties) {
          if (data[key] !== undefined && !sub(errors, composite, properties[key], data[key], keyword, key, key)) return;
        }
      },
    },
  ],
];

/** What a schema checks, made once per schema: its types; the step whose group checks
 * the type, when the schema names one type and has rules for it; and its groups in use,
 * each with the checks of its keywords present. The untyped group always stays: ajv
 * counts `type` among its keywords, so a schema with a type stops after that group when
 * the type was wrong, even inside anyOf. */
type Step = readonly [type: string, checks: readonly Check[]];
type Plan = readonly [types: readonly string[], own: Step | undefined, steps: readonly Step[]];
const plans = /* @__PURE__ */ new WeakMap<object, Plan>();

const planOf = (schema: Json): Plan => {
  const types: string[] = [].concat(schema.type ?? []);
  const steps = groups
    .map(([type, rules]): Step => [
      type,
      Object.keys(rules)
        .filter((keyword) => schema[keyword] !== undefined)
        .map((keyword) => rules[keyword]!(schema[keyword], keyword, schema)),
    ])
    .filter(([type, checks]) => !type || checks.length);
  const plan: Plan = [types, types.length === 1 ? steps.find(([type]) => type === types[0]) : undefined, steps];
  plans.set(schema, plan);
  return plan;
};

function run(schema: Json, data: Json, errors: Failure[], composite: boolean): unknown {
  if (typeof schema == 'boolean') return schema || fail(errors, 'false schema');
  const [types, own, steps] = plans.get(schema) ?? planOf(schema);
  const before = errors.length;
  const kind = typeOf(data);
  const is = (type: string) => type === kind || (type === 'integer' && Number.isInteger(data));
  if (types.length && !own && !types.some(is)) {
    fail(errors, 'type', { type: schema.type });
    if (!composite) return;
  }
  for (const step of steps) {
    const [type, checks] = step;
    if (!type || is(type)) {
      for (const check of checks) {
        const count = errors.length;
        check(data, errors, composite);
        if (errors.length > count) break;
      }
    } else if (step === own) fail(errors, 'type', { type: schema.type });
    if (errors.length > before) return;
  }
}

/** The errors of `data` against `schema`, in ajv's format and order with `allErrors: false`; undefined when it fits. */
export function validate(schema: Schema, data: unknown): readonly ValidationError[] | undefined {
  const errors: Failure[] = [];
  run(schema, data, errors, false);
  for (const error of errors) error.schemaPath = `#${error.schemaPath}`;
  return errors.length ? errors : undefined;
}
