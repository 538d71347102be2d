import { assertCredential } from '../core/auth.js';
import { createBase, type Base } from '../core/base.js';
import type { BaseClientOptions, Credential } from '../core/options.js';
import { parseBaseUrl } from '../core/url.js';
import type { CaptainError } from '../../generated/captain.methods.js';
import { captainReader } from './read.js';

/** Authenticate with a bearer token or with an API key, sent as `x-api-key`. */
export type CaptainAuth = { readonly bearer: Credential } | { readonly apiKey: Credential };

export interface CaptainClientOptions extends BaseClientOptions<CaptainError> {
  /**
   * Your Captain Storage API origin, such as `https://storage.example.net`: the vendor
   * publishes none. Credentials are sent to this origin only.
   */
  readonly baseUrl: string;
  readonly auth: CaptainAuth;
  /**
   * Send the credential to an `http:` base URL whose host is not loopback, in cleartext.
   * Without it such a base URL is refused at creation, and nothing is sent.
   * @default false
   */
  readonly allowHttp?: boolean | undefined;
}

/** A Captain base: auth, transport, retries and hooks, and no operations. */
export type CaptainBase = Base<'captain'>;

/** The transport options of a Captain base or client, checked. */
export function captainTransport(options: CaptainClientOptions) {
  const baseUrl = parseBaseUrl(options.baseUrl, 'baseUrl', { allowHttp: options.allowHttp });
  const auth = options.auth as { bearer?: Credential; apiKey?: Credential } | undefined;
  const credential = assertCredential(auth?.bearer ?? auth?.apiKey, 'auth.bearer or auth.apiKey');
  return {
    ...options,
    baseUrl,
    auth: auth?.bearer === undefined ? { header: 'x-api-key', scheme: '', credential } : { header: 'Authorization', scheme: 'Bearer ', credential },
  };
}

/**
 * The base every Captain operation is a function of, for programs that call only a few
 * operations: a bundler then keeps only those (`object-storage-openapi/captain/operations`).
 *
 * @example
 * import { createCaptainBase, listObjectVersions } from 'object-storage-openapi/captain/operations';
 * const captain = createCaptainBase({ baseUrl: 'https://storage.example.net', auth: { apiKey: process.env.CAPTAIN_API_KEY! } });
 * const page = await listObjectVersions(captain, { projectId, bucket: 'photos', key: '2021/a.jpg' });
 */
export function createCaptainBase(options: CaptainClientOptions): CaptainBase {
  return createBase('captain', captainTransport(options), captainReader);
}
