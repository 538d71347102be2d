import type { Operation, OperationSpec } from './operation.js';

type Params = NonNullable<Operation<unknown, unknown>['params']>;

/** The request a caller's input makes, by the operation's placement: the query or the
 * body whole, or each flat member in its place under its spec name, with the path
 * parameters the client fills itself. */
export function place(operation: OperationSpec, input: unknown): { readonly params?: Params; readonly body?: unknown } {
  const { placement, fixed } = operation;
  if (placement === 'query') return { params: { query: input as Record<string, unknown> } };
  if (placement === 'body') return { body: input };
  const parts: { path?: Record<string, unknown>; query?: Record<string, unknown>; body?: Record<string, unknown> } = fixed ? { path: { ...fixed } } : {};
  const given = (input ?? {}) as Record<string, unknown>;
  for (const [member, [where, name]] of Object.entries(placement)) (parts[where] ??= {})[name] = given[member];
  const { body, ...params } = parts;
  return { params, ...(body ? { body } : {}) };
}

/**
 * How the caller named an input, from where it sits in the request (`['path', 'name']`
 * → `bucket`): a flat member by its own name; a mirrored query by the parameter's name; a
 * mirrored body member keeps its `body.` prefix.
 */
export function namer(operation: OperationSpec): (path: readonly string[]) => string {
  const { placement } = operation;
  if (typeof placement === 'string') return (path) => (path[0] === 'body' || path.length === 1 ? path : path.slice(1)).join('.') || 'input';
  const names = new Map(Object.entries(placement).map(([member, [where, name]]) => [`${where} ${name}`, member]));
  return ([where = '', name = 'input', ...rest]) => [names.get(`${where} ${name}`) ?? name, ...rest].join('.');
}
