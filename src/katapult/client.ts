import type { Client } from 'openapi-fetch';
import type { components, paths } from '../generated/katapult.js';
import type { ClientFailure } from './errors.js';
import type { BaseClientOptions, CallOptions, Credential } from './options.js';
import type { Result } from './result.js';
import { createTransport, type Read } from './transport.js';
import { assertCredential } from './auth.js';
import { parseBaseUrl } from './url.js';
import { text } from './validate.js';

type Schemas = components['schemas'];

/** Which bucket to revoke the presigned URLs of: its cluster by region, itself by name. */
export type RevokePresignedUrlsBody = Schemas['RevokePresignedUrlsRequest'];
/** `{ success: true }` once the URLs are revoked. */
export type RevokePresignedUrlsData = Schemas['RevokePresignedUrlsResult'];

/** One documented Katapult error: its HTTP status, its `code` and that code's `detail`. */
export interface KatapultApiErrorOf<S extends number, B extends { code: string; detail: unknown }> {
  readonly kind: 'api';
  readonly status: S;
  readonly code: B['code'];
  readonly description: string;
  readonly detail: B['detail'];
  readonly message: string;
}

/** Every error the Katapult API documents, discriminated by `status`, then by `code`. */
export type KatapultApiError =
  | KatapultApiErrorOf<400, Schemas['MissingApiTokenError']>
  | KatapultApiErrorOf<403, Schemas['UnauthorizedNetworkForApiTokenError']>
  | KatapultApiErrorOf<403, Schemas['InvalidApiTokenError']>
  | KatapultApiErrorOf<403, Schemas['InvalidCapabilitiesTokenError']>
  | KatapultApiErrorOf<403, Schemas['ScopeNotGrantedError']>
  | KatapultApiErrorOf<403, Schemas['PermissionDeniedError']>
  | KatapultApiErrorOf<404, Schemas['ObjectStorageClusterNotFoundError']>
  | KatapultApiErrorOf<404, Schemas['ObjectStorageBucketNotFoundError']>
  | KatapultApiErrorOf<406, Schemas['ObjectInTrashError']>
  | KatapultApiErrorOf<429, Schemas['RateLimitReachedError']>
  | KatapultApiErrorOf<500, Schemas['MultipleObjectStorageBucketsFoundError']>
  | KatapultApiErrorOf<503, Schemas['ServiceUnavailableError']>
  | KatapultApiErrorOf<504, Schemas['NetworkError']>;

export type KatapultErrorCode = KatapultApiError['code'];

/** What `revokePresignedUrls` can fail with. */
export type RevokePresignedUrlsError = KatapultApiError | ClientFailure;

export interface KatapultClientOptions extends BaseClientOptions<RevokePresignedUrlsError> {
  /** An API token or OAuth2 access token, sent as `Authorization: Bearer <token>`. */
  readonly token: Credential;
  /**
   * The API's base URL. Credentials are sent to this origin only.
   * @default 'https://api.katapult.io/core/v1'
   */
  readonly baseUrl?: string;
}

export interface KatapultClient {
  /**
   * Revokes every presigned URL issued for a bucket's objects. Needs the
   * `object_storage` scope. Not retried unless this call passes `retry`.
   *
   * @example
   * const result = await katapult.revokePresignedUrls({
   *   object_storage_cluster: { region: 'uk-lon-01' },
   *   bucket: { name: 'backups' },
   * });
   */
  revokePresignedUrls(
    body: RevokePresignedUrlsBody,
    options?: CallOptions,
  ): Promise<Result<RevokePresignedUrlsData, RevokePresignedUrlsError>>;
  /** The underlying openapi-fetch client, with auth. Its types are openapi-fetch's. */
  readonly raw: Client<paths>;
}

export const katapultBaseUrl = 'https://api.katapult.io/core/v1';

/** The codes each error status can carry, as documented. */
const codesByStatus: { readonly [S in KatapultApiError['status']]: readonly Extract<KatapultApiError, { status: S }>['code'][] } = {
  400: ['missing_api_token'],
  403: ['unauthorized_network_for_api_token', 'invalid_api_token', 'invalid_capabilities_token', 'scope_not_granted', 'permission_denied'],
  404: ['object_storage_cluster_not_found', 'object_storage_bucket_not_found'],
  406: ['object_in_trash'],
  429: ['rate_limit_reached'],
  500: ['multiple_object_storage_buckets_found'],
  503: ['service_unavailable'],
  504: ['network_error'],
};

const isText = (value: unknown) => typeof value === 'string';
const isTextOrNull = (value: unknown) => value === null || typeof value === 'string';
const isTrashObject = (value: unknown) => {
  const trash = value as Record<string, unknown> | null;
  return typeof trash === 'object' && trash !== null && isText(trash.id) && Number.isInteger(trash.keep_until) && isText(trash.object_id) && isText(trash.object_type);
};

/** What each code's `detail` must hold to be the documented error; the other codes'
 * detail is an empty object. */
const detailFits: { readonly [C in KatapultErrorCode]?: (detail: Record<string, unknown>) => boolean } = {
  unauthorized_network_for_api_token: (detail) => isText(detail.ip_address),
  invalid_api_token: (detail) => isTextOrNull(detail.details),
  permission_denied: (detail) => isTextOrNull(detail.details),
  scope_not_granted: ({ scopes }) => Array.isArray(scopes) && scopes.every(isText),
  object_in_trash: ({ trash_object }) => trash_object === null || isTrashObject(trash_object),
  rate_limit_reached: (detail) => Number.isInteger(detail.total_permitted),
};

function readRevoke(status: number, body: Record<string, unknown>, describe: (what: string) => string): Read<RevokePresignedUrlsData, KatapultApiError> {
  if (status === 200) return typeof body.success === 'boolean' ? { ok: true, data: { success: body.success } } : undefined;
  const { code, description, detail } = body;
  const codes: readonly unknown[] | undefined = codesByStatus[status as KatapultApiError['status']];
  if (!codes?.includes(code) || typeof description !== 'string' || typeof detail !== 'object' || detail === null) return undefined;
  if (!(detailFits[code as KatapultErrorCode]?.(detail as Record<string, unknown>) ?? true)) return undefined;
  const error = { kind: 'api', status, code, description, detail, message: describe(`status ${status} ${String(code)}`) };
  return { ok: false, error: error as KatapultApiError };
}

/**
 * A client for the Katapult Core API's object storage operations.
 *
 * @example
 * const katapult = createKatapultClient({ token: process.env.KATAPULT_TOKEN! });
 */
export function createKatapultClient(options: KatapultClientOptions): KatapultClient {
  const baseUrl = parseBaseUrl(options.baseUrl ?? katapultBaseUrl);
  const credential = assertCredential(options.token, 'token');
  const { raw, send } = createTransport<Client<paths>>({
    ...options,
    baseUrl,
    auth: { header: 'Authorization', scheme: 'Bearer ', credential },
  });
  return {
    raw,
    revokePresignedUrls(body, callOptions) {
      const region = body?.object_storage_cluster?.region;
      const name = body?.bucket?.name;
      return send(
        {
          method: 'POST',
          path: '/object_storage/object_storage_cluster/buckets/bucket/revoke_presigned_urls',
          checks: [
            ['body.object_storage_cluster.region', region, text],
            ['body.bucket.name', name, text],
          ],
          body: { object_storage_cluster: { region }, bucket: { name } },
          read: readRevoke,
        },
        callOptions,
      );
    },
  };
}
