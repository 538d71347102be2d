export type Method = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

/** A validator compiled from the spec: true when the value fits; otherwise `errors` says
 * where and why (ajv's error objects). */
export interface Validate {
  (data: unknown): boolean;
  errors?: readonly ValidationError[] | null;
}

export interface ValidationError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

/** One operation as `npm run generate` compiles it from the spec (generated/<api>.operations.js). */
export interface GeneratedOperation<M extends Method = Method> {
  readonly method: M;
  readonly path: string;
  /** The spec's one-line summary, such as "Get a bucket". */
  readonly summary: string;
  /** Checks `{ path, query, body }` as the client is about to send them. */
  readonly request: Validate;
  /** The plain words of each input rule, by the rule's schema path. */
  readonly words: Readonly<Record<string, string>>;
  /** Response members the spec marks as secrets (`x-secret: true`): never echoed. */
  readonly secrets: readonly string[];
  /** The OAuth2 scopes the operation needs, by short name (`object_storage:read`); empty
   * for an API whose spec names none. */
  readonly scopes: readonly string[];
  /** The inputs a request must carry, in the spec's order (path, query, then body members). */
  readonly required: readonly string[];
  /** A validator per documented status, or per error `code` where the body is a wrapped error. */
  readonly responses: Readonly<Record<string, Validate | Readonly<Record<string, Validate>>>>;
}

/** Where a JSON body breaks its schema: a JSON pointer into the body, and the rule. */
export interface Violation {
  readonly path: string;
  readonly rule: string;
}

/** What the operation's reader makes of a JSON body: the data, a documented error, or a
 * body that fits no documented shape. */
export type Reading<T, E> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly error: E }
  | { readonly ok: 'unexpected'; readonly code?: string | undefined; readonly violations: readonly Violation[] };

/** Reads a parsed JSON body; `describe` turns "what happened" into the error message. */
export type Reader<T, E> = (status: number, body: unknown, describe: (what: string) => string) => Reading<T, E>;

/** One call of one operation, as the client hands it to the transport. */
export interface Operation<T, E> {
  /** The operation as generated from the spec: method, path, validators. */
  readonly spec: GeneratedOperation<Method>;
  readonly params?: { readonly path?: Record<string, unknown>; readonly query?: Record<string, unknown> };
  readonly body?: unknown;
  /** How the caller names an input, from where it sits in the request (`['path', 'name']`).
   * By default a body member keeps its `body.` prefix and a parameter is its own name. */
  readonly nameOf?: (path: readonly string[]) => string;
  /** A read sent as a POST (Captain's object listing): retried like a GET. */
  readonly safe?: boolean;
  readonly read: Reader<T, E>;
}
