import type { Client } from 'openapi-fetch';
import { operations } from '../../generated/captain/index.js';
import type { components, paths } from '../../generated/captain.js';
import type { CaptainMethods, RestoreObjectVersionInput } from '../../generated/captain.methods.js';
import { bindAll, createBase } from '../core/base.js';
import { rawClient } from '../core/raw.js';
import { captainTransport, type CaptainClientOptions } from './base.js';
import { captainReader } from './read.js';

export type { CaptainAuth, CaptainClientOptions } from './base.js';

type Schemas = components['schemas'];

export type ObjectVersion = Schemas['ObjectVersion'];
export type ObjectSummary = Schemas['ObjectSummary'];
export type Bucket = Schemas['Bucket'];
export type ResultInfo = Schemas['ResultInfo'];

/** A bucket of a project. */
export interface BucketLocation {
  /** The project's GUID. */
  readonly projectId: string;
  /** The bucket's name: 3–63 lowercase letters, digits, dots and hyphens. */
  readonly bucket: string;
}

/** An object in a project's bucket. */
export interface ObjectLocation extends BucketLocation {
  /** The object's key; any characters, `/` included. */
  readonly key: string;
}

/** One version of an object, as restoring or deleting it takes it. */
export type ObjectVersionInput = RestoreObjectVersionInput;

export interface CaptainClient extends CaptainMethods {
  /** The underlying openapi-fetch client, with auth. Its types are openapi-fetch's. */
  readonly raw: Client<paths>;
}

/**
 * A client for the Captain Storage API's buckets, objects and object versions. Every
 * operation is a method of the same name, taking its path, query and body members flat by
 * their own names (the bucket as `bucket`); a listing that pages has a walker too
 * (`listAllObjectVersions`).
 *
 * @example
 * const captain = createCaptainClient({ baseUrl: 'https://storage.example.net', auth: { apiKey: process.env.CAPTAIN_KEY! } });
 */
export function createCaptainClient(options: CaptainClientOptions): CaptainClient {
  const transport = captainTransport(options);
  const base = createBase('captain', transport, captainReader);
  return { ...(bindAll(base, operations) as unknown as CaptainMethods), raw: rawClient<paths>(transport) };
}
