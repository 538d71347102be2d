import type { AnyError } from '../core/errors.js';

/** The CLI's exit codes, by what went wrong. Documented in docs/cli.md. */
export const exitCodes = {
  ok: 0,
  /** A job finished, but some of its items failed or are uncertain, or its deadline left some not done. */
  partial: 1,
  /** Bad flags or arguments, input the API would refuse, or no --yes where one is needed. */
  usage: 2,
  /** The API answered with a documented error. */
  api: 3,
  /** The request did not get through, or ran out of time. */
  network: 4,
  /** The API answered with something the spec does not describe. */
  unexpected: 5,
  /** No credential was given, or it cannot be sent. */
  credential: 6,
  /** A fault in the CLI itself, not in the input or the API: a bug to report. */
  internal: 70,
  /** Interrupted (Ctrl-C): what was in flight finished, and the report says what was done. */
  interrupted: 130,
} as const;

/** The exit code for a failed call's error member. */
export function exitCodeOf(error: AnyError): number {
  switch (error.kind) {
    case 'api':
      return exitCodes.api;
    case 'invalid_input':
      return exitCodes.usage;
    case 'network':
    case 'timeout':
      return exitCodes.network;
    case 'credential':
      return exitCodes.credential;
    case 'aborted':
      return exitCodes.interrupted;
    default:
      return exitCodes.unexpected;
  }
}

/** A failure the CLI reports and exits with, such as a missing token. `kind` names it in
 * the JSON error that --json prints on stderr. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly kind: 'usage' | 'credential' | 'cancelled' = 'usage',
  ) {
    super(message);
  }
}
