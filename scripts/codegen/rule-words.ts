// The plain words of every rule in a request schema, keyed by the rule's schema path as
// the validator reports it (`#/properties/path/properties/name/minLength`), so a refused
// input can say "must be 3 to 63 characters long" rather than "must NOT have fewer than 3
// characters". A `pattern` says its rule through the description of the schema it sits
// in, a `not` through its own description (or, failing that, its parent's).
import type { Json } from './spec.js';

const kinds: Readonly<Record<string, string>> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

const either = (items: readonly string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

const ownWords = (schema: Json | undefined): string | undefined =>
  typeof schema?.description === 'string' && /^(must|may) /.test(schema.description) ? schema.description.trim() : undefined;

function lengthWords({ minLength, maxLength }: Json): string {
  if (minLength !== undefined && maxLength !== undefined) return `must be ${minLength} to ${maxLength} characters long`;
  if (minLength === 1) return 'must not be empty';
  if (minLength !== undefined) return `must be at least ${minLength} characters long`;
  return `must be at most ${maxLength} characters long`;
}

function rangeWords({ type, minimum, maximum }: Json): string {
  const what = type === 'integer' ? 'an integer' : 'a number';
  if (minimum !== undefined && maximum !== undefined) return `must be ${what} from ${minimum} to ${maximum}`;
  if (minimum !== undefined) return `must be ${what} of at least ${minimum}`;
  return `must be ${what} of at most ${maximum}`;
}

/** `{ not: {} }`, with a description at most: a schema no value matches. */
const matchesNothing = (schema: any): boolean =>
  typeof schema?.not === 'object' && Object.keys(schema.not).length === 0 && Object.keys(schema).every((key) => key === 'not' || key === 'description');

/** The member names when each branch requires one member and holds no other: closed
 * (`additionalProperties: false`) and naming only that one, or naming the others as
 * forbidden (`not: {}`, or `false`). The form "exactly one of these" takes
 * (`{ id } | { sub_domain }`). */
function exactlyOne(branches: unknown): string[] | undefined {
  if (!Array.isArray(branches) || branches.length < 2) return undefined;
  const names = branches.map((branch: Json) => {
    const [name] = (branch?.required ?? []) as string[];
    const others = Object.entries<unknown>(branch?.properties ?? {}).filter(([key]) => key !== name);
    const forbidden = others.every(([, schema]) => schema === false || matchesNothing(schema));
    const alone = branch?.additionalProperties === false && others.length === 0;
    return branch?.required?.length === 1 && (alone || (others.length === branches.length - 1 && forbidden)) ? name : undefined;
  });
  return names.every((name) => name !== undefined) && new Set(names).size === names.length ? (names as string[]) : undefined;
}

function nodeWords(schema: Json): Record<string, string> {
  const words: Record<string, string> = {};
  if (schema.type !== undefined) words.type = `must be ${either([schema.type].flat().map((type: string) => kinds[type] ?? type))}`;
  for (const keyword of ['minLength', 'maxLength']) if (schema[keyword] !== undefined) words[keyword] = lengthWords(schema);
  for (const keyword of ['minimum', 'maximum']) if (schema[keyword] !== undefined) words[keyword] = rangeWords(schema);
  if (schema.pattern !== undefined) words.pattern = ownWords(schema) ?? `must match /${schema.pattern}/`;
  if (schema.not !== undefined) words.not = ownWords(schema.not) ?? ownWords(schema) ?? 'must not match the excluded form';
  const only = exactlyOne(schema.anyOf ?? schema.oneOf);
  if (only) words[schema.anyOf ? 'anyOf' : 'oneOf'] = `must hold exactly one of ${either(only)}`;
  if (schema.enum !== undefined) words.enum = `must be ${either(schema.enum.map((value: unknown) => JSON.stringify(value)))}`;
  if (schema.const !== undefined) words.const = `must be ${JSON.stringify(schema.const)}`;
  if (schema.minProperties === 1 && schema.maxProperties === 1 && schema.properties) {
    words.minProperties = words.maxProperties = `must hold exactly one of ${either(Object.keys(schema.properties))}`;
  } else if (schema.minProperties === 1 && schema.properties) {
    words.minProperties = `must hold ${either(Object.keys(schema.properties))}`;
  } else if (schema.minProperties !== undefined) {
    words.minProperties = `must hold at least ${schema.minProperties} member(s)`;
  }
  if (schema.minItems !== undefined) words.minItems = `must hold at least ${schema.minItems} item(s)`;
  if (schema.maxItems !== undefined) words.maxItems = `must hold at most ${schema.maxItems} item(s)`;
  return words;
}

/** `{ [schemaPath]: words }` for every rule in `schema` (with no `$ref` left in it) and its subschemas. */
export function ruleWords(schema: unknown, pointer = '#', table: Record<string, string> = {}): Record<string, string> {
  if (typeof schema !== 'object' || schema === null) return table;
  const node = schema as Json;
  for (const [keyword, words] of Object.entries(nodeWords(node))) table[`${pointer}/${keyword}`] = words;
  for (const [name, child] of Object.entries<unknown>(node.properties ?? {})) ruleWords(child, `${pointer}/properties/${name}`, table);
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    ((node[keyword] ?? []) as unknown[]).forEach((child, index) => ruleWords(child, `${pointer}/${keyword}/${index}`, table));
  }
  if (node.items) ruleWords(node.items, `${pointer}/items`, table);
  return table;
}
