import { captainTable } from '../../generated/captain/table.js';
import { katapultTable } from '../../generated/katapult/table.js';
import { CaptainFake, type CaptainFakeOptions } from './captain.js';
import { json } from './http.js';
import { KatapultFake, katapultRateLimited, type KatapultScope } from './katapult.js';
import { createLimiter, type RateLimitOptions } from './rate-limit.js';
import { router } from './routes.js';

export { CaptainFake, type CaptainFakeOptions, type FakeVersion } from './captain.js';
export { KatapultFake, allKatapultScopes, type FakeAccessKey, type FakeBucket, type KatapultFakeOptions, type KatapultScope } from './katapult.js';
export type { FixedWindowOptions, RateLimitOptions, TokenBucketOptions } from './rate-limit.js';
export { demoCredentials, demoProjectId, seedDemo } from './demo.js';

export interface FakeOptions {
  /**
   * Limit each API's requests: a token bucket (by default) or a fixed window.
   *
   * Katapult's answers always carry `X-Ratelimit-Permitted` and `X-Ratelimit-Remaining`, as
   * the live server's do: without this option its limit is the live server's, 1,000 a
   * minute with a burst of 1,000 ({@link katapultLiveLimit}). Captain's answers never carry
   * rate headers (none was ever seen): without this option it is not limited; with it, it
   * answers 429 with its envelope, and `Retry-After` only if the option asks for it.
   */
  readonly rateLimit?: RateLimitOptions;
  /**
   * The Katapult API tokens the fake accepts, each with its scopes, as the server checks
   * them: no token gives 400 `missing_api_token`, another token 403 `invalid_api_token`,
   * a token without the operation's scope 403 `scope_not_granted`.
   * Default: any token, with every scope (only a missing token is refused).
   * @example { 'reader-token': ['object_storage:read'], 'admin-token': ['object_storage'] }
   */
  readonly katapultTokens?: Readonly<Record<string, readonly KatapultScope[]>>;
  /**
   * The Captain API keys and bearer tokens the fake accepts; anything else gets 401 with
   * Captain's envelope, including every credential of a kind left without a list
   * (`{ apiKeys: ['k'] }` refuses all bearer tokens).
   * Default: any key and any token (only a missing credential is refused).
   */
  readonly captainCredentials?: CaptainFakeOptions;
}

/** What the fake has seen, per API. */
export interface FakeStats {
  requests: number;
  /** Requests to operations that change state: by the table of operations, those whose
   * effect is not a read (Captain's object listing is a read, though a POST). */
  writes: number;
  /** Requests refused with 429. */
  throttled: number;
}

export interface Fake {
  /** Answers a request as the APIs would; pass it as a client's `fetch`. */
  readonly fetch: (request: Request) => Promise<Response>;
  /** Base URLs for the clients, with `fetch` or after `listen()`. */
  readonly katapultBaseUrl: string;
  readonly captainBaseUrl: string;
  readonly katapult: KatapultFake;
  readonly captain: CaptainFake;
  readonly stats: { readonly katapult: FakeStats; readonly captain: FakeStats };
  /** Sets, changes or (with `undefined`) lifts the rate limit while the fake runs, as a
   * server's operator might in the middle of a job. The same kind of limit keeps its state.
   * Lifted, Katapult's limit is the live server's again ({@link katapultLiveLimit}). */
  setRateLimit(options: RateLimitOptions | undefined): void;
  /** Serves the fake on a loopback port (Node only), for a CLI or another process. */
  listen(port?: number): Promise<{ readonly url: string; close(): Promise<void> }>;
}

// A loopback name (RFC 6761): the clients take it over http without an opt-in.
const origin = 'http://fake.localhost';

/** Each API's operations, found by the table's methods and paths, for the write counts. */
const routes = { katapult: router(katapultTable), captain: router(captainTable) };

/** Katapult's limit when none is set: the live server's, whose first answer after a quiet
 * spell says 999 of 1,000 remain, refilling at 1,000 a minute. */
export const katapultLiveLimit: RateLimitOptions = { perSecond: 1_000 / 60, burst: 1_000 };

/**
 * A stateful, in-memory fake of both APIs, for testing code that uses this package
 * without the network. Every answer fits the bundled specs. Katapult lives under
 * `/core/v1`, Captain at the root, so one origin serves both.
 *
 * @example
 * const fake = createFake();
 * const org = fake.katapult.addOrganization('acme');
 * fake.katapult.addBucket('backups');
 * const katapult = createKatapultClient({ token: 't', baseUrl: fake.katapultBaseUrl, fetch: fake.fetch });
 */
export function createFake(options: FakeOptions = {}): Fake {
  const katapult = new KatapultFake({ tokens: options.katapultTokens });
  const captain = new CaptainFake(options.captainCredentials);
  const stats = { katapult: { requests: 0, writes: 0, throttled: 0 }, captain: { requests: 0, writes: 0, throttled: 0 } };
  let limit = options.rateLimit;
  const limits = { katapult: createLimiter(limit ?? katapultLiveLimit), captain: limit && createLimiter(limit) };
  let base = origin;

  async function fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    const api = pathname.startsWith('/core/v1/') ? 'katapult' : 'captain';
    const counted = stats[api];
    counted.requests += 1;
    const headers: Record<string, string> = { 'x-request-id': crypto.randomUUID() };
    const admission = limits[api]?.take();
    if (admission) {
      // Katapult says its limit on every answer; Captain never does.
      if (api === 'katapult') {
        headers['x-ratelimit-permitted'] = String(admission.permitted);
        headers['x-ratelimit-remaining'] = String(admission.remaining);
      }
      if (!admission.allowed) {
        counted.throttled += 1;
        if (limit?.retryAfter) headers['retry-after'] = String(Math.ceil(admission.waitMs / 1000));
        const body =
          api === 'katapult'
            ? katapultRateLimited(admission.permitted)
            : { success: false, errors: ['Rate limit reached'], messages: [], result: null };
        return json(429, body, { ...headers, ...(api === 'katapult' ? { 'x-api-schema': 'json-error' } : {}) });
      }
    }
    const effect = routes[api](request.method, api === 'katapult' ? pathname.slice('/core/v1'.length) : pathname)?.row.operation.effect;
    if (effect !== undefined && effect !== 'read') counted.writes += 1;
    const response = api === 'katapult' ? await katapult.handle(request, pathname.slice('/core/v1'.length)) : await captain.handle(request, pathname);
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }

  return {
    fetch: (request) => fetch(request),
    get katapultBaseUrl() {
      return `${base}/core/v1`;
    },
    get captainBaseUrl() {
      return base;
    },
    katapult,
    captain,
    stats,
    setRateLimit(next) {
      limit = next;
      limits.katapult.set(next ?? katapultLiveLimit);
      if (!next) limits.captain = undefined;
      else if (!limits.captain) limits.captain = createLimiter(next);
      else limits.captain.set(next);
    },
    async listen(port = 0) {
      const { serve } = await import('./serve.js');
      const server = await serve(fetch, port);
      base = server.url;
      return server;
    },
  };
}
