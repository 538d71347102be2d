/** One documented Katapult error: its HTTP status, its `code` and that code's `detail`,
 * as the server sends them inside `{ "error": ... }`. */
export interface KatapultApiErrorOf<S extends number, B extends { code: string; description: string | null; detail: unknown }> {
  readonly kind: 'api';
  readonly status: S;
  readonly code: B['code'];
  /** Human text; branch on `code`. `null` for `unhandled_exception`. */
  readonly description: B['description'];
  readonly detail: B['detail'];
  /** The server's ID for the request: quote it to Krystal's support. */
  readonly requestId?: string;
  /** The operation of the call that failed, by its operationId. */
  readonly operationId?: string;
  readonly message: string;
}
