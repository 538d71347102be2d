// Schemas as the generator hands them on: annotations dropped (they check nothing), and
// `$ref`s either kept (to become references to shared constants) or inlined.
import { resolve, type Json } from './spec.js';

/** Keywords that check nothing. `default` is one too: the client fills in no defaults. */
const annotations = new Set(['description', 'summary', 'title', 'example', 'examples', 'externalDocs', 'xml', 'discriminator', 'format', 'deprecated', 'readOnly', 'writeOnly', 'default', '$comment']);
const schemaMaps = new Set(['properties', '$defs', 'patternProperties']);
const literals = new Set(['enum', 'const', 'required']);

/** A copy of a schema without annotations and `x-` extensions; `$ref`s stay as they are. */
export function stripped(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(stripped);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Json = {};
  for (const [key, value] of Object.entries<unknown>(schema as Json)) {
    if (annotations.has(key) || key.startsWith('x-')) continue;
    if (schemaMaps.has(key)) copy[key] = Object.fromEntries(Object.entries<unknown>(value as Json).map(([name, child]) => [name, stripped(child)]));
    else if (literals.has(key)) copy[key] = value;
    else copy[key] = stripped(value);
  }
  if (typeof copy.$ref === 'string' && Object.keys(copy).length > 1) {
    throw new Error(`a $ref with rules beside it is not supported: ${JSON.stringify(copy)}`);
  }
  return copy;
}

/** A copy of a schema with every `$ref` replaced by what it names (annotations kept, for
 * the rule words). A reference back into itself is refused: input schemas hold no cycles. */
export function inlined(doc: Json, schema: unknown, stack: readonly string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map((item) => inlined(doc, item, stack));
  if (typeof schema !== 'object' || schema === null) return schema;
  const node = schema as Json;
  if (typeof node.$ref === 'string') {
    if (stack.includes(node.$ref)) throw new Error(`a schema refers back to itself: ${[...stack, node.$ref].join(' → ')}`);
    return inlined(doc, resolve(doc, node), [...stack, node.$ref]);
  }
  const copy: Json = {};
  for (const [key, value] of Object.entries<unknown>(node)) {
    if (schemaMaps.has(key)) copy[key] = Object.fromEntries(Object.entries<unknown>(value as Json).map(([name, child]) => [name, inlined(doc, child, stack)]));
    else if (literals.has(key)) copy[key] = value;
    else copy[key] = inlined(doc, value, stack);
  }
  return copy;
}

/** The component schema names a schema refers to, directly. */
export function references(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) references(item, found);
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries<unknown>(schema as Json)) {
      if (key === '$ref' && typeof value === 'string') found.add(componentName(value));
      else if (!literals.has(key)) references(value, found);
    }
  }
  return found;
}

/** `#/components/schemas/ObjectStorageBucket` → `ObjectStorageBucket`. */
export function componentName(ref: string): string {
  const prefix = '#/components/schemas/';
  if (!ref.startsWith(prefix)) throw new Error(`only references to component schemas are supported: ${ref}`);
  return ref.slice(prefix.length);
}
