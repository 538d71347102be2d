// Reading a bundled spec: references, operations in the spec's order, their parameters
// and bodies. Everything the generator knows about an operation starts here.

export type Json = Record<string, any>;

export const methods = ['get', 'put', 'post', 'patch', 'delete'] as const;
export type Method = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

/** Follows a local `$ref` (`#/components/...`) in a bundled spec to the node it names. */
export function resolve(doc: Json, node: any): any {
  while (node && typeof node.$ref === 'string') {
    node = (node.$ref as string)
      .slice(2)
      .split('/')
      .reduce((at: any, key) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return node;
}

/** The member names an object schema describes, at its top or in the branches of its
 * union (a lookup describes each of its members in the branch that holds it). */
export const memberNames = (schema: Json | undefined): string[] => [
  ...new Set([schema, ...(schema?.anyOf ?? []), ...(schema?.oneOf ?? [])].flatMap((part: Json | undefined) => Object.keys(part?.properties ?? {}))),
];

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly description?: string;
  readonly schema: Json;
  readonly example?: unknown;
}

export interface SpecOperation {
  readonly id: string;
  readonly method: Method;
  readonly path: string;
  /** The operation object itself. */
  readonly operation: Json;
  /** Its parameters, its own overriding its path item's of the same name and place. */
  readonly parameters: readonly Parameter[];
  /** Its JSON body's schema (a `$ref` left as it is), when it takes one. */
  readonly body?: { readonly schema: Json; readonly required: boolean };
}

/** Every operation of a bundled spec, in the order the spec lists them. */
export function operationsOf(doc: Json): SpecOperation[] {
  const found: SpecOperation[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of methods) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const all = new Map<string, Parameter>();
      for (const node of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const parameter = resolve(doc, node) as Parameter;
        all.set(`${parameter.in} ${parameter.name}`, { ...parameter, required: parameter.required === true });
      }
      const body = resolve(doc, operation.requestBody);
      const schema = body?.content?.['application/json']?.schema;
      found.push({
        id: operation.operationId,
        method: method.toUpperCase() as Method,
        path,
        operation,
        parameters: [...all.values()],
        ...(schema ? { body: { schema, required: body.required === true } } : {}),
      });
    }
  }
  return found;
}

/** The JSON schema of a response, or undefined when it has no JSON body. */
export const responseSchema = (doc: Json, response: unknown): Json | undefined => resolve(doc, response)?.content?.['application/json']?.schema;

export const isSuccess = (status: string): boolean => /^2\d\d$/.test(status);

/** The schema of the member at a path (`result.objectListModel`) in a schema's data. A
 * union or an intersection is searched branch by branch (a Captain answer is its result
 * or the failure envelope); the first branch that names the member gives it. */
export function schemaAt(doc: Json, schema: Json | undefined, path: readonly string[]): Json | undefined {
  const holder = (node: Json | undefined, step: string, seen = new Set<unknown>()): Json | undefined => {
    const at = resolve(doc, node);
    if (!at || seen.has(at)) return undefined;
    seen.add(at);
    if (at.properties?.[step] !== undefined) return resolve(doc, at.properties[step]);
    for (const part of [...(at.allOf ?? []), ...(at.anyOf ?? []), ...(at.oneOf ?? [])]) {
      const found = holder(part, step, seen);
      if (found) return found;
    }
    return undefined;
  };
  let at = resolve(doc, schema);
  for (const step of path) at = holder(at, step);
  return at;
}

/** The types a schema allows, from `type` (a name or a list). */
export const typesOf = (schema: Json | undefined): string[] => (schema?.type === undefined ? [] : [schema.type].flat());
