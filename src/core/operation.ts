import type { Schema, ValidationError } from './schema.js';

export type { Schema, ValidationError };

export type Method = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

/** What a call does to the server's state. */
export type Effect = 'read' | 'create' | 'overwrite' | 'delete';

/** Where a request carries a value. */
export type Where = 'path' | 'query' | 'body';

/**
 * How a caller's input becomes the request: `query`, the input is the query string (a
 * Katapult GET); `body`, it is the JSON body; or each input member's place and the name
 * the spec gives it there (Captain's flat input: `bucket` → `['path', 'name']`).
 */
export type Placement = 'query' | 'body' | Readonly<Record<string, readonly [Where, string]>>;

/**
 * Where a listing's items are and how its next page is found, as the table of operations
 * says (paths are member names from the top of the success body):
 * - `single`: one page holds everything;
 * - `pagination`: Apia's page numbers, from a `Pagination` member (`current_page`,
 *   `total_pages`, null for a large set, and `per_page`);
 * - `after`: while the `more` member is true, the next page resumes after the last item,
 *   each input member of `next` set from that item's member.
 */
export type Paging =
  | { readonly kind: 'single'; readonly items: readonly string[] }
  | { readonly kind: 'pagination'; readonly items: readonly string[]; readonly pagination: string; readonly page: string; readonly size: string }
  | {
      readonly kind: 'after';
      readonly items: readonly string[];
      readonly more: readonly string[];
      readonly next: Readonly<Record<string, string>>;
      readonly size: string;
      /** What the walker over every page calls the page size. */
      readonly walkSize: string;
    };

/**
 * One operation as `npm run generate` writes it from the spec and the table of operations
 * (generated/<api>/<operationId>.ts): what the client needs to send it and read its
 * answers. What only the CLI and the MCP server need is in the table's surface rows.
 */
export interface OperationSpec<M extends Method = Method> {
  readonly id: string;
  readonly method: M;
  readonly path: string;
  readonly effect: Effect;
  /** Whether sending it twice does no more than sending it once. */
  readonly idempotent: boolean;
  readonly placement: Placement;
  /** Path parameters the client fills itself, such as Captain's API version. */
  readonly fixed?: Readonly<Record<string, string>>;
  /** The request as the client sends it, `{ path, query, body }`. */
  readonly request: Schema;
  /** The plain words of each input rule, by the rule's schema path. */
  readonly words: Readonly<Record<string, string>>;
  /** Response members the spec marks as secrets (`x-secret: true`): never echoed. */
  readonly secrets: readonly string[];
  /** The schema of each documented status's body, where one schema covers it. */
  readonly responses: Readonly<Record<string, Schema>>;
  /** Where a status carries wrapped errors (Katapult's `{ error: { code, … } }`): a
   * schema per error `code`, by status. */
  readonly errors?: Readonly<Record<string, Readonly<Record<string, Schema>>>>;
  readonly paging?: Paging;
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
  /** The operation as generated from the spec and the table. */
  readonly spec: OperationSpec;
  readonly params?: { readonly path?: Record<string, unknown>; readonly query?: Record<string, unknown> };
  readonly body?: unknown;
  /** How the caller names an input, from where it sits in the request (`['path', 'name']`). */
  readonly nameOf: (path: readonly string[]) => string;
  readonly read: Reader<T, E>;
}
