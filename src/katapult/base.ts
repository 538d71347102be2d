import { assertCredential } from '../core/auth.js';
import { createBase, type Base } from '../core/base.js';
import type { BaseClientOptions, Credential } from '../core/options.js';
import { parseBaseUrl } from '../core/url.js';
import type { KatapultError } from '../../generated/katapult.methods.js';
import { katapultReader } from './read.js';

export interface KatapultClientOptions extends BaseClientOptions<KatapultError> {
  /** An API token or OAuth2 access token, sent as `Authorization: Bearer <token>`. */
  readonly token: Credential;
  /**
   * The API's base URL. Credentials are sent to this origin only.
   * @default 'https://api.katapult.io/core/v1'
   */
  readonly baseUrl?: string | undefined;
  /**
   * Send the credential to an `http:` base URL whose host is not loopback, in cleartext.
   * Without it such a base URL is refused at creation, and nothing is sent.
   * @default false
   */
  readonly allowHttp?: boolean | undefined;
}

export const katapultBaseUrl = 'https://api.katapult.io/core/v1';

/** A Katapult base: auth, transport, retries and hooks, and no operations. */
export type KatapultBase = Base<'katapult'>;

/** The transport options of a Katapult base or client, checked. */
export function katapultTransport(options: KatapultClientOptions) {
  const baseUrl = parseBaseUrl(options.baseUrl ?? katapultBaseUrl, 'baseUrl', { allowHttp: options.allowHttp });
  const credential = assertCredential(options.token, 'token');
  return { ...options, baseUrl, auth: { header: 'Authorization', scheme: 'Bearer ', credential } };
}

/**
 * The base every Katapult operation is a function of, for programs that call only a few
 * operations: a bundler then keeps only those (`object-storage-openapi/katapult/operations`).
 *
 * @example
 * import { createKatapultBase, getBucket } from 'object-storage-openapi/katapult/operations';
 * const katapult = createKatapultBase({ token: process.env.KATAPULT_API_TOKEN! });
 * const got = await getBucket(katapult, { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } });
 */
export function createKatapultBase(options: KatapultClientOptions): KatapultBase {
  return createBase('katapult', katapultTransport(options), katapultReader);
}
