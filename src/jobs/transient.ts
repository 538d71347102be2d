import type { AnyError } from '../core/errors.js';

/** Failures to connect at all: the request never left, so nothing can have happened. */
const notConnected: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** The host could not be reached: the connection was refused, or the name did not resolve. */
export function unreachable(error: AnyError): boolean {
  return error.kind === 'network' && notConnected.has((error as { code?: string }).code ?? '');
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
