// The same three calls made five ways: with raw fetch; with a bare openapi-fetch client
// on the generated types, without and with a per-request timeout signal (what a user of
// bare openapi-fetch writes to get one); and with this package's client, with its
// default time limits and with them off. Each builds the URL, sends the request and
// parses the JSON answer.
import createClient from 'openapi-fetch';
import type { paths as CaptainPaths } from '../generated/captain.js';
import type { paths as KatapultPaths } from '../generated/katapult.js';
import { createCaptainClient, createKatapultClient } from '../src/index.js';
import { apiKey, bucket, key, maxKeys, projectId, revokeBody, token, type ShapeName } from './shapes.js';

export type ClientName = 'raw fetch' | 'openapi-fetch' | 'openapi-fetch+timeout' | 'ours' | 'ours, no limits';
export const clientNames: readonly ClientName[] = ['raw fetch', 'openapi-fetch', 'openapi-fetch+timeout', 'ours', 'ours, no limits'];

/** The per-attempt limit both timed clients use: ours by default. */
const timeoutMs = 10_000;

export type Fetch = (request: Request) => Promise<Response>;

/** Where the calls go. Without `fetch`, the global fetch sends them. */
export interface Target {
  readonly captainUrl: string;
  readonly katapultUrl: string;
  /** A Katapult base URL whose calls answer 403 scope_not_granted. */
  readonly deniedUrl: string;
  readonly fetch?: Fetch;
}

/** One call; it resolves to what the caller would look at, to check it once. */
export type Call = () => Promise<unknown>;

const listPath = '/api/v{version}/projects/{projectId}/buckets/{name}/objects/{key}';
const revokePath = '/object_storage/object_storage_cluster/buckets/bucket/revoke_presigned_urls';

function rawCalls(target: Target): Record<ShapeName, Call> {
  const { fetch: injected } = target;
  const send = injected ? (url: string, init: RequestInit) => injected(new Request(url, init)) : (url: string, init: RequestInit) => fetch(url, init);
  const revoke = async (baseUrl: string) => {
    const response = await send(`${baseUrl}${revokePath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(revokeBody),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  return {
    'captain-list': async () => {
      const path = `/api/v1/projects/${encodeURIComponent(projectId)}/buckets/${encodeURIComponent(bucket)}/objects/${encodeURIComponent(key)}`;
      const response = await send(`${target.captainUrl}${path}?maxKeys=${maxKeys}`, { headers: { 'x-api-key': apiKey } });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    'katapult-revoke': () => revoke(target.katapultUrl),
    'katapult-403': () => revoke(target.deniedUrl),
  };
}

function bareCalls(target: Target, timed: boolean): Record<ShapeName, Call> {
  const fetchOption = target.fetch ? { fetch: target.fetch } : {};
  const captain = createClient<CaptainPaths>({ baseUrl: target.captainUrl, headers: { 'x-api-key': apiKey }, ...fetchOption });
  const katapult = (baseUrl: string) => createClient<KatapultPaths>({ baseUrl, headers: { authorization: `Bearer ${token}` }, ...fetchOption });
  const allowed = katapult(target.katapultUrl);
  const denied = katapult(target.deniedUrl);
  const signal = () => (timed ? { signal: AbortSignal.timeout(timeoutMs) } : {});
  return {
    'captain-list': () =>
      captain.GET(listPath, { params: { path: { version: '1', projectId, name: bucket, key }, query: { maxKeys } }, ...signal() }),
    'katapult-revoke': () => allowed.POST(revokePath, { body: revokeBody, ...signal() }),
    'katapult-403': () => denied.POST(revokePath, { body: revokeBody, ...signal() }),
  };
}

function ourCalls(target: Target, timed: boolean): Record<ShapeName, Call> {
  const fetchOption = target.fetch ? { fetch: target.fetch } : {};
  const limits = timed ? { timeout: timeoutMs } : { timeout: Infinity, totalTimeout: Infinity };
  const captain = createCaptainClient({ baseUrl: target.captainUrl, auth: { apiKey }, ...fetchOption, ...limits });
  const allowed = createKatapultClient({ baseUrl: target.katapultUrl, token, ...fetchOption, ...limits });
  const denied = createKatapultClient({ baseUrl: target.deniedUrl, token, ...fetchOption, ...limits });
  return {
    'captain-list': () => captain.listObjectVersions({ projectId, bucket, key, maxKeys }),
    'katapult-revoke': () => allowed.revokePresignedUrls(revokeBody),
    'katapult-403': () => denied.revokePresignedUrls(revokeBody),
  };
}

export function clientCalls(target: Target): Record<ClientName, Record<ShapeName, Call>> {
  return {
    'raw fetch': rawCalls(target),
    'openapi-fetch': bareCalls(target, false),
    'openapi-fetch+timeout': bareCalls(target, true),
    ours: ourCalls(target, true),
    'ours, no limits': ourCalls(target, false),
  };
}

/** Throws unless a call's outcome is what its shape should give, so no failure is timed. */
export function assertOutcome(client: ClientName, shape: ShapeName, outcome: unknown): void {
  const seen = outcome as { status?: number; body?: unknown; data?: unknown; error?: unknown; ok?: boolean };
  const [ok, payload] =
    client === 'raw fetch'
      ? [seen.status === 200, seen.body]
      : client.startsWith('openapi-fetch')
        ? [seen.data !== undefined, seen.data ?? seen.error]
        : [seen.ok === true, seen.ok ? seen.data : seen.error];
  const fields = (payload ?? {}) as { result?: unknown; success?: unknown; code?: unknown; error?: { code?: unknown } };
  const fits =
    shape === 'captain-list'
      ? ok && Array.isArray(fields.result) && fields.result.length === 3
      : shape === 'katapult-revoke'
        ? ok && fields.success === true
        : !ok && (fields.code ?? fields.error?.code) === 'scope_not_granted';
  if (!fits) throw new Error(`${client} / ${shape}: unexpected outcome ${JSON.stringify(payload)}`);
}
