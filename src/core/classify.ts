import type { ClientFailure } from './errors.js';
import { readMeta } from './meta.js';
import type { Reader, Violation } from './operation.js';
import { withResponse, type Result } from './result.js';

const jsonType = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/** Replaces the value of every member the spec marks secret, so a body that misses its
 * schema can be shown without the credential it carried. */
export function hideSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce(
    (hidden, name) => hidden.replace(new RegExp(`("${name}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'g'), '$1"[redacted]"'),
    text,
  );
}

/**
 * Turns a response into a result: the reader's verdict on a JSON body, or else an
 * `unexpected_response` carrying the body as text. Every result carries the request ID
 * and rate limit the headers gave.
 */
export function classify<T, E>(
  read: Reader<T, E>,
  secrets: readonly string[],
  describe: (what: string, requestId?: string) => string,
  response: Response,
  /** The body as received. */
  text: string,
): Result<T, E | ClientFailure> {
  const { status } = response;
  const meta = readMeta(response.headers);
  const say = (what: string) => describe(what, meta.requestId);
  const contentType = response.headers.get('content-type');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // a malformed body is an unexpected response
  }
  let code: string | undefined;
  let found: readonly Violation[] = [];
  if (contentType && jsonType.test(contentType) && typeof body === 'object' && body !== null) {
    const reading = read(status, body, say);
    if (reading.ok === true) return withResponse({ ok: true as const, data: reading.data, status, ...meta }, response) as Result<T, E | ClientFailure>;
    if (reading.ok === false) {
      // The request ID goes just before the message, where a reader of a log looks for it.
      const { message, ...member } = reading.error as E & { message: string };
      const error = (meta.requestId === undefined ? reading.error : { ...member, requestId: meta.requestId, message }) as E;
      return withResponse({ ok: false as const, error, ...meta }, response);
    }
    ({ code, violations: found } = reading);
  }
  const what = `status ${status}${code === undefined ? '' : ` ${code}`}, unexpected response`;
  const error: ClientFailure = {
    kind: 'unexpected_response',
    status,
    contentType,
    text: hideSecrets(text, secrets),
    ...(code === undefined ? {} : { code }),
    violations: found,
    ...(meta.requestId === undefined ? {} : { requestId: meta.requestId }),
    message: say(what),
  };
  return withResponse({ ok: false as const, error, ...meta }, response);
}

/**
 * Replaces the credential wherever a server echoed it into an error. Only whole-word
 * occurrences count, so a short key such as `k` leaves `bucket` alone.
 */
export function redact<E>(error: E, secret: string): E {
  const echoed = new RegExp(`(?<![\\w-])${secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g');
  const clean = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.replace(echoed, '[redacted]')
      : Array.isArray(value)
        ? value.map(clean)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clean(item)]))
          : value;
  return clean(error) as E;
}
