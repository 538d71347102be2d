import type { Violation } from './operation.js';

export type { Violation };

/** The request was not sent: a parameter breaks a rule of the API. */
export interface InvalidInput {
  readonly kind: 'invalid_input';
  /** The parameter as the caller named it, for example `bucket` or `body.bucket.name`. */
  readonly parameter: string;
  /** The rule it breaks, for example `must be 3 to 63 characters long`. */
  readonly rule: string;
  /** The operation of the call that failed, by its operationId (`getBucket`). */
  readonly operationId?: string;
  readonly message: string;
}

/** A response that is not in the documented shape: an HTML page from a proxy, an empty or
 * malformed body, a wrong content type, an undocumented status or code, or a JSON body
 * that breaks the spec's schema for its status. */
export interface UnexpectedResponse {
  readonly kind: 'unexpected_response';
  readonly status: number;
  readonly contentType: string | null;
  /** The body as received (secrets the spec marks are replaced by `[redacted]`). */
  readonly text: string;
  /** The error `code` the body carried, when it carried one. */
  readonly code?: string;
  /** Where the body breaks the schema of its status: the first few, as JSON pointers. */
  readonly violations: readonly Violation[];
  /** The server's ID for the request, when it sent one. */
  readonly requestId?: string;
  /** The operation of the call that failed, by its operationId (`getBucket`). */
  readonly operationId?: string;
  readonly message: string;
}

/** The request or the response did not get through: refused, reset or unreachable. */
export interface NetworkFailure {
  readonly kind: 'network';
  /** The system's error code, when there is one: `ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`… */
  readonly code?: string;
  readonly cause: unknown;
  /** The operation of the call that failed, by its operationId (`getBucket`). */
  readonly operationId?: string;
  readonly message: string;
}

/** An attempt, or the call as a whole, ran out of time. */
export interface Timeout {
  readonly kind: 'timeout';
  readonly scope: 'attempt' | 'total';
  /** The limit that ran out, in milliseconds. */
  readonly ms: number;
  /** For a call a job's pacer did not send because the rate limit would have held it past
   * the deadline: how long it would have waited, in milliseconds (a 429's `Retry-After`
   * included). */
  readonly waitMs?: number;
  /** The operation of the call that failed, by its operationId (`getBucket`). */
  readonly operationId?: string;
  readonly message: string;
}

/** The caller's `signal` aborted the call. */
export interface Aborted {
  readonly kind: 'aborted';
  readonly reason: unknown;
  /** The operation of the call that failed, by its operationId (`getBucket`). */
  readonly operationId?: string;
  readonly message: string;
}

/** The credential function failed or gave a value that cannot be sent. */
export interface CredentialFailure {
  readonly kind: 'credential';
  /** Why, never the credential itself. */
  readonly rule: string;
  /** What the credential function threw, when it threw. */
  readonly cause?: unknown;
  /** The operation of the call that failed, by its operationId (`getBucket`). */
  readonly operationId?: string;
  readonly message: string;
}

/** What can go wrong with any call, on either API, apart from the API's own errors. */
export type ClientFailure =
  | InvalidInput
  | UnexpectedResponse
  | NetworkFailure
  | Timeout
  | Aborted
  | CredentialFailure;

/** The kinds of failure the client itself reports, beside the APIs' own `api` errors. */
export const clientFailureKinds: readonly ClientFailure["kind"][] = /* @__PURE__ */ Object.freeze(['invalid_input', 'unexpected_response', 'network', 'timeout', 'aborted', 'credential']);

/** Every error member has these two fields. */
export interface AnyError {
  readonly kind: string;
  /** The operation of the call that failed, by its operationId (`getBucket`). */
  readonly operationId?: string;
  readonly message: string;
}

export const failureMessage = (what: string, method: string, path: string, requestId?: string): string =>
  `Request failed (${what}): ${method} ${path}${requestId === undefined ? '' : ` (request ID ${requestId})`}`;

const errorName = 'ApiRequestError';

/**
 * The throwing form's error: carries the same union member as the failed result.
 * Its message follows one pattern, `Request failed (<what>): <METHOD> <path>`.
 */
export class ApiRequestError<E extends AnyError = ClientFailure> extends Error {
  override readonly name = errorName;
  readonly error: E;

  constructor(error: E) {
    super(error.message);
    this.error = error;
  }
}

/** True for an {@link ApiRequestError}, also one from another realm or copy of this package. */
export function isApiRequestError(value: unknown): value is ApiRequestError<AnyError> {
  return value instanceof ApiRequestError || (value instanceof Error && value.name === errorName);
}
