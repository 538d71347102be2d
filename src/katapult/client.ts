import type { Client } from 'openapi-fetch';
import type { components, paths } from '../../generated/katapult.js';
import type {
  KatapultApiError,
  KatapultMethods,
  ListAccessKeysData,
  ListAccessKeysError,
  ListAccessKeysInput,
} from '../../generated/katapult.methods.js';
import * as operations from '../../generated/katapult.operations.js';
import { assertCredential } from '../core/auth.js';
import type { AnyError, ClientFailure } from '../core/errors.js';
import type { BaseClientOptions, CallOptions, Credential } from '../core/options.js';
import { walk } from '../core/pages.js';
import type { Result } from '../core/result.js';
import { createTransport } from '../core/transport.js';
import { parseBaseUrl } from '../core/url.js';
import { katapultReader } from './read.js';

export type AccessKey = components['schemas']['ObjectStorageAccessKey'];

/** What `listAllAccessKeys` takes: the organization, and how many keys a request fetches. */
export interface ListAllAccessKeysInput extends Omit<ListAccessKeysInput, 'page' | 'per_page'> {
  /** Access keys fetched per request. @default the server's page size */
  readonly per_page?: number | undefined;
}

export interface KatapultClientOptions extends BaseClientOptions<KatapultError> {
  /** An API token or OAuth2 access token, sent as `Authorization: Bearer <token>`. */
  readonly token: Credential;
  /**
   * The API's base URL. Credentials are sent to this origin only.
   * @default 'https://api.katapult.io/core/v1'
   */
  readonly baseUrl?: string | undefined;
}

/** Any error member of any Katapult method. */
export type KatapultError = KatapultApiError | ClientFailure;

export interface KatapultClient extends KatapultMethods {
  /**
   * Every access key of an organization, fetched page by page as the loop asks for them.
   * Stops after the last page; a failed page throws an `ApiRequestError`.
   *
   * @example
   * for await (const key of katapult.listAllAccessKeys({ organization: { sub_domain: 'acme' } })) {}
   */
  listAllAccessKeys(input: ListAllAccessKeysInput, options?: CallOptions): AsyncGenerator<AccessKey, void, undefined>;
  /** The underlying openapi-fetch client, with auth. Its types are openapi-fetch's. */
  readonly raw: Client<paths>;
}

export const katapultBaseUrl = 'https://api.katapult.io/core/v1';

type Method = (input: unknown, options?: CallOptions) => Promise<Result<unknown, AnyError>>;

/**
 * A client for the object storage operations of the Katapult Core API. Every operation
 * is a method of the same name; its input mirrors the spec: the query parameters of a
 * GET, the JSON body of the others.
 *
 * @example
 * const katapult = createKatapultClient({ token: process.env.KATAPULT_API_TOKEN! });
 * const bucket = await katapult.getBucket({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } });
 */
export function createKatapultClient(options: KatapultClientOptions): KatapultClient {
  const baseUrl = parseBaseUrl(options.baseUrl ?? katapultBaseUrl);
  const credential = assertCredential(options.token, 'token');
  const { raw, send } = createTransport<Client<paths>>({
    ...options,
    baseUrl,
    auth: { header: 'Authorization', scheme: 'Bearer ', credential },
  });
  const methods: Record<string, Method> = {};
  for (const [name, spec] of Object.entries(operations)) {
    const read = katapultReader<unknown, AnyError>(spec);
    methods[name] = (input, callOptions) =>
      send({ spec, read, ...(spec.method === 'GET' ? { params: { query: input as Record<string, unknown> } } : { body: input }) }, callOptions);
  }
  const client = methods as unknown as KatapultMethods;
  return {
    ...client,
    raw,
    listAllAccessKeys({ per_page, ...input }, callOptions) {
      return walk(
        (page: number | undefined) =>
          client.listAccessKeys({ ...input, page, per_page } as ListAccessKeysInput, callOptions) as Promise<Result<ListAccessKeysData, ListAccessKeysError>>,
        ({ pagination, object_storage_access_keys: items }) => {
          // `total_pages` is null for a large set: then a short page is the last one.
          const more = pagination.total_pages === null ? items.length > 0 && items.length >= pagination.per_page : pagination.current_page < pagination.total_pages;
          return { items, more, next: pagination.current_page + 1 };
        },
        operations.listAccessKeys,
      );
    },
  };
}
