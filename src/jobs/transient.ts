import type { AnyError, NetworkFailure } from '../core/errors.js';
import { networkReason } from '../core/failure.js';

/** Failures to connect at all: the request never left, so nothing can have happened. */
const notConnected: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** The host could not be reached: the connection was refused, the name did not resolve,
 * or fetch refused the port itself (a "bad port" such as 1 or 9, never dialled). */
export function unreachable(error: AnyError): boolean {
  if (error.kind !== 'network') return false;
  const { code, cause } = error as NetworkFailure;
  return code === undefined ? networkReason(cause) === 'bad port' : notConnected.has(code);
}

/**
 * Whether the request may have reached the server and been acted on although no answer
 * came: a connection dropped after sending, an attempt that timed out, or a gateway's 504.
 */
export function mayHaveHappened(error: AnyError): boolean {
  if (error.kind === 'network') return !unreachable(error);
  if (error.kind === 'timeout') return true;
  return (error as { status?: number }).status === 504;
}
