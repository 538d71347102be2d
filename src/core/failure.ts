/** The system's error code a failed fetch carries somewhere in its causes, such as
 * `ECONNREFUSED` or `ENOTFOUND` (undici nests it one or two levels down). */
export function systemCode(error: unknown): string | undefined {
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    const { code } = cause as { code?: unknown };
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
  }
  return undefined;
}

/** What a failed fetch says about why, for its message: the system's code, or the
 * innermost cause's own words ("bad port"), past undici's "fetch failed". */
export function networkReason(error: unknown): string | undefined {
  const code = systemCode(error);
  if (code) return code;
  let cause = error;
  for (let depth = 0; depth < 5 && (cause as { cause?: unknown } | undefined)?.cause; depth++) cause = (cause as { cause: unknown }).cause;
  const message = cause instanceof Error ? cause.message : undefined;
  return message && message !== 'fetch failed' ? message : undefined;
}
