/** The rate limit a response reported: requests a minute, and how many are left. */
export interface RateLimit {
  readonly permitted: number;
  readonly remaining: number;
}

/** What a response's headers say about the request, when the server sends it. */
export interface ResponseMeta {
  /** The server's ID for the request: quote it to the vendor's support. */
  readonly requestId?: string;
  readonly rateLimit?: RateLimit;
}

const count = (value: string | null) => (value !== null && /^\d+$/.test(value.trim()) ? Number(value) : undefined);

const none: ResponseMeta = Object.freeze({});

export function readMeta(headers: Headers): ResponseMeta {
  const requestId = headers.get('x-request-id')?.trim() || undefined;
  const permitted = count(headers.get('x-ratelimit-permitted'));
  const remaining = count(headers.get('x-ratelimit-remaining'));
  if (requestId === undefined && (permitted === undefined || remaining === undefined)) return none;
  return {
    ...(requestId === undefined ? {} : { requestId }),
    ...(permitted === undefined || remaining === undefined ? {} : { rateLimit: { permitted, remaining } }),
  };
}
