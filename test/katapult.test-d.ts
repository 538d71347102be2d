import { describe, expectTypeOf, it } from 'vitest';
import {
  createKatapultClient,
  type AccessKey,
  type KatapultClient,
  type KatapultErrorCode,
  type Result,
  type RevokePresignedUrlsData,
  type RevokePresignedUrlsError,
} from '../src/index.js';
import type * as K from '../src/index.js';

const katapult = createKatapultClient({ token: () => Promise.resolve('t') });
const body = { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } };

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
        case 'invalid_argument':
          return `${error.detail.path.join('.')}: ${error.detail.issue}`;
        case 'missing_required_argument':
          return error.detail.argument.name;
        case 'invalid_json_body':
          return error.detail.details;
        case 'unhandled_exception':
          return error.description ?? 'no description';
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
    if (error.status === 400) expectTypeOf(error.code).toEqualTypeOf<'missing_api_token' | 'invalid_argument' | 'missing_required_argument' | 'invalid_json_body'>();
    if (error.code === 'unhandled_exception') expectTypeOf(error.description).toEqualTypeOf<string | null>();
    if (error.code === 'scope_not_granted') expectTypeOf(error.description).toEqualTypeOf<string>();
    expectTypeOf(error.requestId).toEqualTypeOf<string | undefined>();
    if (error.code === 'rate_limit_reached') {
      expectTypeOf(error.status).toEqualTypeOf<429>();
      expectTypeOf(error.detail.total_permitted).toBeNumber();
    }
    if (error.code === 'object_in_trash') expectTypeOf(error.detail.trash_object).toEqualTypeOf<{ id: string; keep_until: number; object_id: string; object_type: string } | null>();
    // @ts-expect-error 418 is no documented status
    if (error.status === 418) return;
  });

  it('lists all 29 codes', () => {
    expectTypeOf<KatapultErrorCode>().toEqualTypeOf<
      | 'invalid_argument'
      | 'missing_required_argument'
      | 'invalid_json_body'
      | 'validation_error'
      | 'unhandled_exception'
      | 'organization_not_found'
      | 'organization_suspended'
      | 'organization_not_activated'
      | 'object_storage_account_not_found'
      | 'object_storage_account_not_provisioned'
      | 'object_storage_account_suspended'
      | 'object_storage_access_key_not_found'
      | 'object_not_found'
      | 'task_queueing_error'
      | 'object_storage_provisioning_error'
      | 'object_storage_bucket_deletion_error'
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
        case 'invalid_argument':
        case 'missing_required_argument':
        case 'invalid_json_body':
        case 'unhandled_exception':
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
    void katapult.revokePresignedUrls({ object_storage_cluster: { region: 'uk-lon-1' } });
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

/** What a method resolves to, given its data and error types. */
type Returns<D, E> = Promise<Result<D, E>>;

describe('every Katapult method has concrete input, data and error types', () => {
  it('takes the spec input and resolves to its own data and errors', () => {
    expectTypeOf(katapult.createAccount).toEqualTypeOf<(input: K.CreateAccountInput, options?: K.CallOptions) => Returns<K.CreateAccountData, K.CreateAccountError>>();
    expectTypeOf(katapult.getAccount).toEqualTypeOf<(input: K.GetAccountInput, options?: K.CallOptions) => Returns<K.GetAccountData, K.GetAccountError>>();
    expectTypeOf(katapult.moveAccountToTrash).toEqualTypeOf<(input: K.MoveAccountToTrashInput, options?: K.CallOptions) => Returns<K.MoveAccountToTrashData, K.MoveAccountToTrashError>>();
    expectTypeOf(katapult.listAccessKeys).toEqualTypeOf<(input: K.ListAccessKeysInput, options?: K.CallOptions) => Returns<K.ListAccessKeysData, K.ListAccessKeysError>>();
    expectTypeOf(katapult.createAccessKey).toEqualTypeOf<(input: K.CreateAccessKeyInput, options?: K.CallOptions) => Returns<K.CreateAccessKeyData, K.CreateAccessKeyError>>();
    expectTypeOf(katapult.getAccessKey).toEqualTypeOf<(input: K.GetAccessKeyInput, options?: K.CallOptions) => Returns<K.GetAccessKeyData, K.GetAccessKeyError>>();
    expectTypeOf(katapult.updateAccessKey).toEqualTypeOf<(input: K.UpdateAccessKeyInput, options?: K.CallOptions) => Returns<K.UpdateAccessKeyData, K.UpdateAccessKeyError>>();
    expectTypeOf(katapult.deleteAccessKey).toEqualTypeOf<(input: K.DeleteAccessKeyInput, options?: K.CallOptions) => Returns<K.DeleteAccessKeyData, K.DeleteAccessKeyError>>();
    expectTypeOf(katapult.generateAccessKeyCredentials).toEqualTypeOf<
      (input: K.GenerateAccessKeyCredentialsInput, options?: K.CallOptions) => Returns<K.GenerateAccessKeyCredentialsData, K.GenerateAccessKeyCredentialsError>
    >();
    expectTypeOf(katapult.createBucket).toEqualTypeOf<(input: K.CreateBucketInput, options?: K.CallOptions) => Returns<K.CreateBucketData, K.CreateBucketError>>();
    expectTypeOf(katapult.getBucket).toEqualTypeOf<(input: K.GetBucketInput, options?: K.CallOptions) => Returns<K.GetBucketData, K.GetBucketError>>();
    expectTypeOf(katapult.updateBucket).toEqualTypeOf<(input: K.UpdateBucketInput, options?: K.CallOptions) => Returns<K.UpdateBucketData, K.UpdateBucketError>>();
    expectTypeOf(katapult.deleteBucket).toEqualTypeOf<(input: K.DeleteBucketInput, options?: K.CallOptions) => Returns<K.DeleteBucketData, K.DeleteBucketError>>();
    expectTypeOf(katapult.revokePresignedUrls).toEqualTypeOf<(input: K.RevokePresignedUrlsInput, options?: K.CallOptions) => Returns<K.RevokePresignedUrlsData, K.RevokePresignedUrlsError>>();
    expectTypeOf(katapult.getObject).toEqualTypeOf<(input: K.GetObjectInput, options?: K.CallOptions) => Returns<K.GetObjectData, K.GetObjectError>>();
    expectTypeOf(katapult.createPresignedUrl).toEqualTypeOf<(input: K.CreatePresignedUrlInput, options?: K.CallOptions) => Returns<K.CreatePresignedUrlData, K.CreatePresignedUrlError>>();
    expectTypeOf(katapult.listAllAccessKeys).returns.toEqualTypeOf<AsyncGenerator<AccessKey, void, undefined>>();
    expectTypeOf<keyof KatapultClient>().toEqualTypeOf<
      | 'createAccount' | 'getAccount' | 'moveAccountToTrash'
      | 'listAccessKeys' | 'listAllAccessKeys' | 'createAccessKey' | 'getAccessKey' | 'updateAccessKey' | 'deleteAccessKey' | 'generateAccessKeyCredentials'
      | 'createBucket' | 'getBucket' | 'updateBucket' | 'deleteBucket' | 'revokePresignedUrls' | 'getObject' | 'createPresignedUrl'
      | 'raw'
    >();
  });

  it('types what each success holds', async () => {
    const bucket = await katapult.getBucket(body);
    if (bucket.ok) expectTypeOf(bucket.data.object_storage_bucket.state).toEqualTypeOf<'pending' | 'configured'>();
    const keys = await katapult.listAccessKeys({ organization: { sub_domain: 'acme' } });
    if (keys.ok) expectTypeOf(keys.data.pagination.total_pages).toEqualTypeOf<number | null>();
    const credentials = await katapult.generateAccessKeyCredentials({ access_key: { id: 'k' } });
    if (credentials.ok) expectTypeOf(credentials.data.object_storage_access_key.s3_secret_access_key).toEqualTypeOf<string | null>();
    const url = await katapult.createPresignedUrl({ ...body, path: 'a.txt', properties: {} });
    if (url.ok) expectTypeOf(url.data.url).toBeString();
    if (!url.ok && url.error.kind === 'api' && url.error.status === 422) expectTypeOf(url.error.code).toEqualTypeOf<'validation_error'>();
    const deleted = await katapult.deleteBucket(body);
    if (!deleted.ok && deleted.error.kind === 'api' && deleted.error.code === 'object_storage_bucket_deletion_error') expectTypeOf(deleted.error.status).toEqualTypeOf<403>();
  });

  it('refuses inputs the spec does not take', () => {
    // @ts-expect-error getObject needs the object's path
    void katapult.getObject(body);
    // @ts-expect-error an access key is looked up by id
    void katapult.getAccessKey({ access_key: { name: 'k' } });
    // @ts-expect-error page is a number
    void katapult.listAccessKeys({ organization: { sub_domain: 'acme' }, page: '2' });
    // @ts-expect-error createAccessKey needs the key's properties
    void katapult.createAccessKey({ organization: { id: 'o' }, object_storage_cluster: { region: 'uk-lon-1' } });
    // @ts-expect-error expiry_seconds is a number
    void katapult.createPresignedUrl({ ...body, path: 'a', properties: { expiry_seconds: '60' } });
  });
});

describe('the standalone functions (object-storage-openapi/katapult/operations)', () => {
  it('take a base and the same input, and give the same typed result, as the client methods', async () => {
    const operations = await import('../src/katapult/operations.js');
    const base = operations.createKatapultBase({ token: 't' });
    expectTypeOf(operations.getBucket(base, body)).toEqualTypeOf<ReturnType<KatapultClient['getBucket']>>();
    expectTypeOf(operations.revokePresignedUrls(base, body)).toEqualTypeOf<Promise<Result<RevokePresignedUrlsData, RevokePresignedUrlsError>>>();
    expectTypeOf(operations.listAllAccessKeys(base, { organization: { sub_domain: 'acme' } })).toEqualTypeOf<AsyncGenerator<AccessKey, void, undefined>>();
    expectTypeOf<Parameters<typeof operations.createAccount>[1]>().toEqualTypeOf<Parameters<KatapultClient['createAccount']>[0]>();
    // @ts-expect-error a Captain base is no Katapult base
    operations.getBucket((await import('../src/captain/operations.js')).createCaptainBase({ baseUrl: 'https://s.example', auth: { apiKey: 'k' } }), body);
  });
});
