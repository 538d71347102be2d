// The JSON Schemas an MCP tool shows for an operation, from the spec: its input, member by
// member as the client takes it, with the spec's words; and the data a successful call
// gives. Self-contained (every `$ref` inlined) and free of what JSON Schema validators do
// not know, so any MCP client can use them. Every tool's list is sent to the model, so the
// words are the ones a caller needs, each said once: the first paragraph of a description,
// no schema titles, and one description per lookup.
import type { OperationModel } from './model.js';
import { resolve, type Json } from './spec.js';

// OpenAPI's own words, which JSON Schema validators do not know, and the examples, which
// cost tokens and check nothing.
const openApiOnly = new Set(['discriminator', 'example', 'examples', 'xml', 'externalDocs']);
// Formats a JSON Schema validator knows; others (such as `password`) are OpenAPI's or the
// spec's own marks, and a strict validator would refuse them.
const knownFormats = new Set(['date-time', 'date', 'time', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uri', 'uri-reference', 'uuid', 'regex']);
const schemaMaps = new Set(['properties', 'patternProperties', '$defs']);
const literals = new Set(['enum', 'const', 'required', 'description', 'default']);

/** A description's first paragraph, on one line: the paragraphs after it are the spec's
 * notes to its readers (what the vendor's page says, how this spec reads it). */
const firstParagraph = (text: string): string => text.trim().split(/\n\s*\n/)[0]!.split(/\s+/).join(' ');

/**
 * A self-contained JSON Schema from a spec schema: every `$ref` inlined (a reference back
 * into itself becomes `{}`), OpenAPI-only keywords and titles (the names of the generated
 * types) left out, each description cut to its first paragraph, and, with `descriptions:
 * false`, descriptions too (a data schema checks shapes; the words are in the input's).
 */
export function jsonSchema(doc: Json, schema: unknown, { descriptions = true } = {}, stack: readonly string[] = []): Json {
  if (typeof schema !== 'object' || schema === null) return schema as Json;
  if (Array.isArray(schema)) return schema.map((item) => jsonSchema(doc, item, { descriptions }, stack)) as unknown as Json;
  const node = schema as Json;
  if (typeof node.$ref === 'string') {
    if (stack.includes(node.$ref)) return {};
    return jsonSchema(doc, resolve(doc, node), { descriptions }, [...stack, node.$ref]);
  }
  const copy: Json = {};
  for (const [key, value] of Object.entries<unknown>(node)) {
    // Specification extensions (`x-…`) are the spec's own marks, not JSON Schema.
    if (openApiOnly.has(key) || key.startsWith('x-') || key === 'title' || (!descriptions && key === 'description')) continue;
    if (key === 'format' && !knownFormats.has(value as string)) continue;
    if (schemaMaps.has(key)) copy[key] = Object.fromEntries(Object.entries<unknown>(value as Json).map(([name, child]) => [name, jsonSchema(doc, child, { descriptions }, stack)]));
    else if (key === 'description' && typeof value === 'string') copy[key] = firstParagraph(value);
    else if (literals.has(key)) copy[key] = value;
    else copy[key] = jsonSchema(doc, value, { descriptions }, stack);
  }
  return copy;
}

const described = (schema: Json, description: string | undefined): Json => (description && !schema.description ? { ...schema, description: firstParagraph(description) } : schema);

/** A schema with no words in it: no description in any member or branch. */
function wordless(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(wordless);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(Object.entries(schema).filter(([key]) => key !== 'description').map(([key, value]) => [key, wordlessValue(key, value)]));
}

/** A keyword's value with no words in it: each schema of a map, or the schema(s) it holds. */
const wordlessValue = (key: string, value: unknown): unknown =>
  schemaMaps.has(key) ? Object.fromEntries(Object.entries(value as Json).map(([name, child]) => [name, wordless(child)])) : wordless(value);

/**
 * A lookup (Katapult's `<Name>Lookup`) says once what it finds by, since every tool that
 * takes it repeats it: a lookup by one key keeps that key's words (its own only say that
 * it finds the thing by that key); a lookup by a choice of keys keeps its own, which say
 * how to choose, and its branches' and keys' words go (the key names say them).
 */
function lookupWords(schema: Json, keys: readonly string[]): Json {
  if (keys.length === 1) return Object.fromEntries(Object.entries(schema).filter(([key]) => key !== 'description'));
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === 'description' ? value : wordlessValue(key, value)]));
}

/** The input as the tool shows it: without a description of its own (the tool's says
 * what it is for), and with each lookup member's words said once. */
function shown(input: Json, operation: OperationModel): Json {
  const lookups = (properties: Json) =>
    Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, operation.lookups[name] ? lookupWords(schema as Json, operation.lookups[name].keys) : schema]));
  return Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'description').map(([key, value]) => [key, key === 'properties' ? lookups(value as Json) : value]));
}

/** The tool's input: what the client takes, member by member, each schema from the spec. */
export const toolInput = (doc: Json, operation: OperationModel): Json => shown(inputOf(doc, operation), operation);

function inputOf(doc: Json, operation: OperationModel): Json {
  const spec = doc.paths[operation.path][operation.method.toLowerCase()];
  if (operation.members) {
    return {
      type: 'object',
      properties: Object.fromEntries(operation.members.map((member) => [member.name, described(jsonSchema(doc, member.schema), member.where === 'body' ? undefined : member.description)])),
      required: operation.members.filter((member) => member.required).map((member) => member.name),
      additionalProperties: false,
    };
  }
  if (operation.placement === 'body') {
    const body = resolve(doc, spec.requestBody)?.content?.['application/json']?.schema;
    return body ? jsonSchema(doc, resolve(doc, body)) : { type: 'object', properties: {}, additionalProperties: false };
  }
  const item = doc.paths[operation.path];
  const query = new Map<string, Json>();
  for (const node of [...(item.parameters ?? []), ...(spec.parameters ?? [])]) {
    const parameter = resolve(doc, node);
    if (parameter.in === 'query') query.set(parameter.name, parameter);
  }
  return {
    type: 'object',
    properties: Object.fromEntries([...query.values()].map((parameter) => [parameter.name, described(jsonSchema(doc, parameter.schema), parameter.description)])),
    required: [...query.values()].filter((parameter) => parameter.required).map((parameter) => parameter.name),
    additionalProperties: false,
  };
}

/** The data of a successful call: the schema of the operation's success answer. The
 * server lists no output schema; the tests check every result's data against this. */
export const toolOutput = (doc: Json, operation: OperationModel): Json => jsonSchema(doc, operation.success.schema, { descriptions: false });
