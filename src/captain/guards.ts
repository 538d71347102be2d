import type { CaptainApiError } from './api-error.js';

/**
 * True for a documented Captain failure, or for one with `status`.
 *
 * @example
 * if (isCaptainError(result.error, 404)) console.log(result.error.errors);
 */
export function isCaptainError<S extends number = number>(value: unknown, status?: S): value is CaptainApiError<S> {
  const error = value as { kind?: unknown; status?: unknown; errors?: unknown; messages?: unknown } | null;
  return (
    typeof error === 'object' &&
    error !== null &&
    error.kind === 'api' &&
    Array.isArray(error.errors) &&
    Array.isArray(error.messages) &&
    (status === undefined || error.status === status)
  );
}
