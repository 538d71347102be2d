import { ApiRequestError, type AnyError } from './errors.js';
import type { ResponseMeta } from './meta.js';

/** A call's outcome: `ok` with the data, or not `ok` with one member of the error union.
 * Either carries `requestId` and `rateLimit` when the server sent them. */
export type Result<T, E> = Success<T> | Failure<E>;

export interface Success<T> extends ResponseMeta {
  readonly ok: true;
  readonly data: T;
  readonly status: number;
  readonly response: Response;
}

export interface Failure<E> extends ResponseMeta {
  readonly ok: false;
  readonly error: E;
  /** The last response received, when there was one. */
  readonly response: Response | undefined;
}

/**
 * A result with its `response` kept off the enumerable members: `console.log(result)` and
 * `JSON.stringify(result)` show the outcome, not undici's internals.
 */
export function withResponse<R extends object>(result: R, response: Response | undefined): R & { readonly response: Response | undefined } {
  return Object.defineProperty(result, 'response', { value: response, enumerable: false, writable: false, configurable: true }) as R & {
    readonly response: Response | undefined;
  };
}

/**
 * The throwing form: resolves to the data of a successful call, or rejects with an
 * {@link ApiRequestError} carrying the error member.
 *
 * @example
 * const { result } = await unwrap(captain.listObjectVersions({ projectId, bucket, key }));
 */
export async function unwrap<T, E extends AnyError>(result: Result<T, E> | Promise<Result<T, E>>): Promise<T> {
  const settled = await result;
  if (settled.ok) return settled.data;
  throw new ApiRequestError(settled.error);
}
