import type { KatapultApiError } from '../../generated/katapult.methods.js';
import { operations } from '../../generated/katapult/index.js';

type Code = KatapultApiError['code'];

/** Every error code the Katapult API documents, on any operation, for logs and metrics. */
export const katapultErrorCodes: readonly Code[] = Object.freeze(
  [...new Set(Object.values(operations).flatMap((operation) => Object.values(operation.errors ?? {}).flatMap((codes) => Object.keys(codes))))].sort() as Code[],
);

/**
 * True for a documented Katapult error member, or for the one with `code`.
 *
 * @example
 * if (isKatapultError(result.error, 'rate_limit_reached')) console.log(result.error.detail.total_permitted);
 */
export function isKatapultError<C extends Code = Code>(value: unknown, code?: C): value is Extract<KatapultApiError, { code: C }> {
  const error = value as { kind?: unknown; code?: unknown } | null;
  return (
    typeof error === 'object' &&
    error !== null &&
    error.kind === 'api' &&
    (katapultErrorCodes as readonly unknown[]).includes(error.code) &&
    (code === undefined || error.code === code)
  );
}
