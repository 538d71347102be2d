// Writes data as TypeScript source: plain JSON, except that a schema's `$ref` to a
// component becomes a reference to the constant of that name.
import { componentName } from './schema.js';

export const identifier = (name: string): string => name.replace(/[^\w$]/g, '_').replace(/^(\d)/, '_$1');

const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));

/** `value` as an expression, indented by `indent`; `$ref` nodes become identifiers. */
export function literal(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => literal(item, `${indent}  `));
    const line = `[${items.join(', ')}]`;
    return line.length <= 100 && !line.includes('\n') ? line : `[\n${items.map((item) => `${indent}  ${item},`).join('\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 1 && typeof (value as { $ref?: unknown }).$ref === 'string') return identifier(componentName((value as { $ref: string }).$ref));
    if (entries.length === 0) return '{}';
    const parts = entries.map(([name, item]) => `${key(name)}: ${literal(item, `${indent}  `)}`);
    const line = `{ ${parts.join(', ')} }`;
    return line.length <= 100 && !line.includes('\n') ? line : `{\n${parts.map((part) => `${indent}  ${part},`).join('\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The identifiers a literal refers to (its `$ref`s), for the module's imports. */
export function referencedNames(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) referencedNames(item, found);
  else if (typeof value === 'object' && value !== null) {
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && Object.keys(value).length === 1) found.add(identifier(componentName(ref)));
    else for (const [name, item] of Object.entries(value)) if (name !== 'enum' && name !== 'const') referencedNames(item, found);
  }
  return found;
}
