/** The system's error code a failed fetch carries somewhere in its causes, such as
 * `ECONNREFUSED` or `ENOTFOUND` (undici nests it one or two levels down). */
export function systemCode(error: unknown): string | undefined {
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    const { code } = cause as { code?: unknown };
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
  }
  return undefined;
}

/** A failure with the error that caused it, such as a credential function's own error. */
export const withCause = <F extends object>(failure: F, cause: unknown): F & { readonly cause: unknown } => ({ ...failure, cause });
