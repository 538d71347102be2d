import type { ClientFailure } from './errors.js';
import type { Result } from './result.js';
import type { Operation } from './transport.js';

const jsonType = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/** Turns a response into a result: the operation's reading of a JSON body in its
 * documented shape, or else an `unexpected_response` carrying the body as text. */
export function classify<T, E>(
  operation: Operation<T, E>,
  describe: (what: string) => string,
  response: Response,
  payload: unknown,
): Result<T, E | ClientFailure> {
  const { status } = response;
  const contentType = response.headers.get('content-type');
  let text = '';
  let body: unknown;
  if (typeof payload === 'string') {
    text = payload;
    try {
      body = response.ok && text ? JSON.parse(text) : undefined;
    } catch {
      // a malformed body is an unexpected response
    }
  } else if (payload !== undefined) {
    // openapi-fetch has already parsed an error body that was valid JSON.
    body = payload;
    text = JSON.stringify(payload);
  }
  if (contentType && jsonType.test(contentType) && typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const read = operation.read(status, body as Record<string, unknown>, describe);
    if (read) return read.ok ? { ok: true, data: read.data, status, response } : { ok: false, error: read.error, response };
  }
  const error: ClientFailure = { kind: 'unexpected_response', status, contentType, text, message: describe(`status ${status}, unexpected response`) };
  return { ok: false, error, response };
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
