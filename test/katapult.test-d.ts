import { describe, expectTypeOf, it } from 'vitest';
import {
  createKatapultClient,
  type KatapultErrorCode,
  type RevokePresignedUrlsData,
  type RevokePresignedUrlsError,
} from '../src/index.js';

const katapult = createKatapultClient({ token: () => Promise.resolve('t') });
const body = { object_storage_cluster: { region: 'uk-lon-01' }, bucket: { name: 'backups' } };

/** Handles every error member; a missing case leaves `error` not `never`. */
function explain(error: RevokePresignedUrlsError): string {
  switch (error.kind) {
    case 'api':
      switch (error.code) {
        case 'missing_api_token':
        case 'invalid_api_token':
        case 'invalid_capabilities_token':
        case 'unauthorized_network_for_api_token':
        case 'permission_denied':
          return 'check the token';
        case 'scope_not_granted':
          return error.detail.scopes.join();
        case 'object_storage_cluster_not_found':
        case 'object_storage_bucket_not_found':
        case 'multiple_object_storage_buckets_found':
          return 'check the bucket';
        case 'object_in_trash':
          return String(error.detail.trash_object?.keep_until);
        case 'rate_limit_reached':
          return `${error.detail.total_permitted}/min`;
        case 'service_unavailable':
        case 'network_error':
          return 'later';
        default:
          return error satisfies never;
      }
    case 'invalid_input':
    case 'unexpected_response':
    case 'network':
    case 'timeout':
    case 'aborted':
    case 'credential':
      return error.message;
    default:
      return error satisfies never;
  }
}

describe('revokePresignedUrls types', () => {
  it('resolves to the documented success data', async () => {
    const result = await katapult.revokePresignedUrls(body);
    if (result.ok) expectTypeOf(result.data).toEqualTypeOf<RevokePresignedUrlsData>();
    if (result.ok) expectTypeOf(result.data.success).toBeBoolean();
    if (!result.ok) expectTypeOf(result.error).toEqualTypeOf<RevokePresignedUrlsError>();
  });

  it('narrows on status, then on code', async () => {
    const result = await katapult.revokePresignedUrls(body);
    if (result.ok || result.error.kind !== 'api') return;
    const { error } = result;
    if (error.status === 403) {
      expectTypeOf(error.code).toEqualTypeOf<
        'unauthorized_network_for_api_token' | 'invalid_api_token' | 'invalid_capabilities_token' | 'scope_not_granted' | 'permission_denied'
      >();
      if (error.code === 'unauthorized_network_for_api_token') expectTypeOf(error.detail.ip_address).toBeString();
      if (error.code === 'invalid_api_token') expectTypeOf(error.detail.details).toEqualTypeOf<string | null>();
    }
    if (error.status === 404) expectTypeOf(error.code).toEqualTypeOf<'object_storage_cluster_not_found' | 'object_storage_bucket_not_found'>();
    if (error.code === 'rate_limit_reached') {
      expectTypeOf(error.status).toEqualTypeOf<429>();
      expectTypeOf(error.detail.total_permitted).toBeNumber();
    }
    if (error.code === 'object_in_trash') expectTypeOf(error.detail.trash_object).toEqualTypeOf<{ id: string; keep_until: number; object_id: string; object_type: string } | null>();
    // @ts-expect-error 418 is no documented status
    if (error.status === 418) return;
  });

  it('lists all thirteen codes', () => {
    expectTypeOf<KatapultErrorCode>().toEqualTypeOf<
      | 'missing_api_token'
      | 'unauthorized_network_for_api_token'
      | 'invalid_api_token'
      | 'invalid_capabilities_token'
      | 'scope_not_granted'
      | 'permission_denied'
      | 'object_storage_cluster_not_found'
      | 'object_storage_bucket_not_found'
      | 'object_in_trash'
      | 'rate_limit_reached'
      | 'multiple_object_storage_buckets_found'
      | 'service_unavailable'
      | 'network_error'
    >();
  });

  it('checks a switch on code for exhaustiveness', () => {
    expectTypeOf(explain).returns.toBeString();
    const missingOne = (error: RevokePresignedUrlsError) => {
      if (error.kind !== 'api') return;
      switch (error.code) {
        case 'missing_api_token':
        case 'unauthorized_network_for_api_token':
        case 'invalid_api_token':
        case 'invalid_capabilities_token':
        case 'scope_not_granted':
        case 'permission_denied':
        case 'object_storage_cluster_not_found':
        case 'object_storage_bucket_not_found':
        case 'object_in_trash':
        case 'rate_limit_reached':
        case 'multiple_object_storage_buckets_found':
        case 'service_unavailable':
          return;
        default:
          // @ts-expect-error network_error is not handled
          error satisfies never;
      }
    };
    expectTypeOf(missingOne).toBeFunction();
  });

  it('rejects wrong body shapes', () => {
    // @ts-expect-error the bucket lookup is required
    void katapult.revokePresignedUrls({ object_storage_cluster: { region: 'uk-lon-01' } });
    // @ts-expect-error the cluster is looked up by region
    void katapult.revokePresignedUrls({ object_storage_cluster: { name: 'uk' }, bucket: { name: 'b' } });
    // @ts-expect-error a bucket name is a string
    void katapult.revokePresignedUrls({ object_storage_cluster: { region: 'uk' }, bucket: { name: 42 } });
    // @ts-expect-error no such option
    void katapult.revokePresignedUrls(body, { retries: 3 });
  });

  it('types the onRetry reason with the client\'s own errors', () => {
    createKatapultClient({
      token: 't',
      onRetry: ({ reason }) => {
        if (reason.kind === 'api' && reason.code === 'rate_limit_reached') expectTypeOf(reason.detail.total_permitted).toBeNumber();
      },
    });
  });

  it('requires a token', () => {
    // @ts-expect-error token is required
    createKatapultClient({ baseUrl: 'https://api.katapult.io/core/v1' });
  });
});
