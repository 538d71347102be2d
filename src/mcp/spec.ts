// The bundled specs, read at start-up, and the JSON Schemas the tools take from them: the
// spec stays the one place a shape lives, so a change to it reaches the tools unedited.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type Json = Record<string, unknown>;
export type Schema = Json;

export interface Spec {
  readonly doc: Json;
  /** The operation with this operationId, with its path item and method. */
  operation(id: string): { readonly path: string; readonly method: string; readonly item: Json; readonly operation: Json };
}

const methods = ['get', 'put', 'post', 'patch', 'delete'];

/** The bundled spec, found through the package's own `./openapi/<api>.json` export, so the
 * same code works from the sources and from dist/. */
export function loadSpec(api: 'katapult' | 'captain'): Spec {
  const file = createRequire(import.meta.url).resolve(`object-storage-openapi/openapi/${api}.json`);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Json;
  const byId = new Map<string, { path: string; method: string; item: Json; operation: Json }>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const method of methods) {
      const operation = item[method] as Json | undefined;
      if (operation) byId.set(operation.operationId as string, { path, method, item, operation });
    }
  }
  return {
    doc,
    operation(id) {
      const found = byId.get(id);
      if (!found) throw new Error(`the ${api} spec has no operation ${id}`);
      return found;
    },
  };
}

/** Follows a local `$ref` to the node it names. */
export function resolve(doc: Json, node: unknown): Json | undefined {
  let at = node as Json | undefined;
  while (at && typeof at.$ref === 'string') {
    at = (at.$ref as string)
      .slice(2)
      .split('/')
      .reduce<unknown>((parent, key) => (parent as Json)[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc) as Json;
  }
  return at;
}

// OpenAPI's own words, which JSON Schema validators do not know, and the examples, which
// cost tokens and check nothing.
const openApiOnly = new Set(['discriminator', 'example', 'examples', 'xml', 'externalDocs']);
// Formats a JSON Schema validator knows; others (such as `password`) are OpenAPI's or the
// spec's own marks, and a strict validator would refuse them.
const knownFormats = new Set(['date-time', 'date', 'time', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uri', 'uri-reference', 'uuid', 'regex']);
const schemaMaps = new Set(['properties', 'patternProperties', '$defs']);

/**
 * A self-contained JSON Schema from a spec schema: every `$ref` inlined (a reference back
 * into itself becomes `{}`), OpenAPI-only keywords left out, and, with `descriptions:
 * false`, descriptions too (output schemas check shapes; the words are in the input's).
 */
export function jsonSchema(doc: Json, schema: unknown, { descriptions = true } = {}, stack: readonly string[] = []): Schema {
  if (typeof schema !== 'object' || schema === null) return schema as Schema;
  if (Array.isArray(schema)) return schema.map((item) => jsonSchema(doc, item, { descriptions }, stack)) as unknown as Schema;
  const node = schema as Json;
  if (typeof node.$ref === 'string') {
    if (stack.includes(node.$ref)) return {};
    return jsonSchema(doc, resolve(doc, node), { descriptions }, [...stack, node.$ref]);
  }
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) {
    // Specification extensions (`x-…`) are the spec's own marks, not JSON Schema.
    if (openApiOnly.has(key) || key.startsWith('x-') || (!descriptions && key === 'description')) continue;
    if (key === 'format' && !knownFormats.has(value as string)) continue;
    if (schemaMaps.has(key)) copy[key] = Object.fromEntries(Object.entries(value as Json).map(([name, child]) => [name, jsonSchema(doc, child, { descriptions }, stack)]));
    else if (key === 'enum' || key === 'const' || key === 'required' || key === 'description' || key === 'title' || key === 'default') copy[key] = value;
    else copy[key] = jsonSchema(doc, value, { descriptions }, stack);
  }
  return copy;
}

export interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly description?: string;
  readonly schema: Schema;
}

/** An operation's parameters, its own overriding its path item's of the same name and place. */
export function parametersOf(spec: Spec, id: string): Parameter[] {
  const { item, operation } = spec.operation(id);
  const all = new Map<string, Parameter>();
  for (const node of [...((item.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])]) {
    const parameter = resolve(spec.doc, node)!;
    all.set(`${parameter.in} ${parameter.name}`, {
      name: parameter.name as string,
      in: parameter.in as string,
      required: parameter.required === true,
      ...(typeof parameter.description === 'string' ? { description: parameter.description } : {}),
      schema: jsonSchema(spec.doc, parameter.schema),
    });
  }
  return [...all.values()];
}

/** The JSON body's schema, or undefined. */
export function bodyOf(spec: Spec, id: string): { schema: Schema; required: boolean } | undefined {
  const body = resolve(spec.doc, spec.operation(id).operation.requestBody);
  const schema = (body?.content as Json | undefined)?.['application/json'] as Json | undefined;
  return schema ? { schema: jsonSchema(spec.doc, resolve(spec.doc, schema.schema)), required: body!.required === true } : undefined;
}

/** The schema of the operation's first 2xx JSON answer: what a call gives back. */
export function successOf(spec: Spec, id: string): Schema {
  const responses = spec.operation(id).operation.responses as Json;
  for (const [status, response] of Object.entries(responses)) {
    if (!/^2\d\d$/.test(status)) continue;
    const schema = ((resolve(spec.doc, response)?.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema;
    if (schema) return jsonSchema(spec.doc, schema, { descriptions: false });
  }
  return { type: 'object' };
}

/** The summary and the first paragraph of the description: enough to choose a tool by. */
export function describe(spec: Spec, id: string): string {
  const { operation } = spec.operation(id);
  const first = typeof operation.description === 'string' ? operation.description.split(/\n\s*\n/)[0]!.replace(/\s*\n\s*/g, ' ').trim() : '';
  return first ? `${operation.summary as string}. ${first}` : (operation.summary as string);
}
