import type { Client } from 'openapi-fetch';
import type { components, paths } from '../../generated/katapult.js';
import { operations } from '../../generated/katapult/index.js';
import type { KatapultMethods } from '../../generated/katapult.methods.js';
import { bindAll, createBase } from '../core/base.js';
import { rawClient } from '../core/raw.js';
import { katapultTransport, type KatapultClientOptions } from './base.js';
import { katapultReader } from './read.js';

export { katapultBaseUrl, type KatapultClientOptions } from './base.js';
export type { KatapultError } from '../../generated/katapult.methods.js';

export type AccessKey = components['schemas']['ObjectStorageAccessKey'];

export interface KatapultClient extends KatapultMethods {
  /** The underlying openapi-fetch client, with auth. Its types are openapi-fetch's. */
  readonly raw: Client<paths>;
}

/**
 * A client for the object storage operations of the Katapult Core API. Every operation
 * is a method of the same name; its input mirrors the spec: the query parameters of a
 * GET, the JSON body of the others. A listing that pages has a walker too
 * (`listAllAccessKeys`).
 *
 * @example
 * const katapult = createKatapultClient({ token: process.env.KATAPULT_API_TOKEN! });
 * const bucket = await katapult.getBucket({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } });
 */
export function createKatapultClient(options: KatapultClientOptions): KatapultClient {
  const transport = katapultTransport(options);
  const base = createBase('katapult', transport, katapultReader);
  return { ...(bindAll(base, operations) as unknown as KatapultMethods), raw: rawClient<paths>(transport) };
}
