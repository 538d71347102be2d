import type { Client } from 'openapi-fetch';
import * as operations from '../../generated/captain.operations.js';
import type { components, paths } from '../../generated/captain.js';
import type {
  DeleteObjectVersionData,
  DeleteObjectVersionError,
  ListBucketsData,
  ListBucketsError,
  ListObjectsData,
  ListObjectsError,
  ListObjectVersionsData,
  ListObjectVersionsError,
  RestoreObjectVersionData,
  RestoreObjectVersionError,
} from '../../generated/captain.methods.js';
import { assertCredential } from '../core/auth.js';
import type { GeneratedOperation, Operation } from '../core/operation.js';
import type { BaseClientOptions, CallOptions, Credential } from '../core/options.js';
import type { Result } from '../core/result.js';
import { createTransport } from '../core/transport.js';
import { parseBaseUrl } from '../core/url.js';
import { objectsOf, versionsOf } from './pages.js';
import { captainReader } from './read.js';

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

export interface ListBucketsInput {
  readonly projectId: string;
  /** Only buckets whose name contains this text. Left out, every bucket. */
  readonly search?: string | undefined;
}

export interface ListObjectsInput extends BucketLocation {
  /** The folder to list, such as `photos/2021/`. Left out, the bucket's root. */
  readonly key?: string | undefined;
  /** The most objects to return, from 1. */
  readonly maxKeys?: number | undefined;
  /** The `key` of the last object of the previous page. */
  readonly continuationToken?: string | undefined;
}

export interface ListAllObjectsInput extends Pick<ListObjectsInput, 'projectId' | 'bucket' | 'key'> {
  /** Objects fetched per request. @default the server's page size */
  readonly pageSize?: number | undefined;
}

export interface ListObjectVersionsInput extends ObjectLocation {
  /** The most versions to return, from 1. */
  readonly maxKeys?: number | undefined;
  /** The `key` of the last version of the previous page. */
  readonly keyMarker?: string | undefined;
  /** The `versionId` of the last version of the previous page. */
  readonly versionIdMarker?: string | undefined;
}

export interface ListAllObjectVersionsInput extends ObjectLocation {
  /** Versions fetched per request. @default the server's page size */
  readonly pageSize?: number | undefined;
}

export interface ObjectVersionInput extends ObjectLocation {
  /** The version's ID, as `listObjectVersions` gives it. */
  readonly versionId: string;
}

/** Authenticate with a bearer token or with an API key, sent as `x-api-key`. */
export type CaptainAuth = { readonly bearer: Credential } | { readonly apiKey: Credential };

export type CaptainError =
  | ListBucketsError
  | ListObjectsError
  | ListObjectVersionsError
  | RestoreObjectVersionError
  | DeleteObjectVersionError;

export interface CaptainClientOptions extends BaseClientOptions<CaptainError> {
  /**
   * Your Captain Storage API origin, such as `https://storage.example.net`: the vendor
   * publishes none. Credentials are sent to this origin only.
   */
  readonly baseUrl: string;
  readonly auth: CaptainAuth;
}

export interface CaptainClient {
  /**
   * The project's buckets, with their usage.
   *
   * @example
   * const buckets = await captain.listBuckets({ projectId, search: 'photos' });
   */
  listBuckets(input: ListBucketsInput, options?: CallOptions): Promise<Result<ListBucketsData, ListBucketsError>>;
  /**
   * One page of the objects and folders under a folder key. A read, although the API
   * takes it as a POST: it is retried like a GET.
   *
   * @example
   * const page = await captain.listObjects({ projectId, bucket: 'photos', key: '2021/' });
   */
  listObjects(input: ListObjectsInput, options?: CallOptions): Promise<Result<ListObjectsData, ListObjectsError>>;
  /**
   * Every object and folder under a folder key, fetched page by page as the loop asks
   * for them. A failed page throws an `ApiRequestError`.
   *
   * @example
   * for await (const object of captain.listAllObjects({ projectId, bucket, key: '2021/' })) {}
   */
  listAllObjects(input: ListAllObjectsInput, options?: CallOptions): AsyncGenerator<ObjectSummary, void, undefined>;
  /**
   * One page of an object's versions, newest first, delete markers included.
   *
   * @example
   * const page = await captain.listObjectVersions({ projectId, bucket: 'photos', key: '2021/a.jpg' });
   * if (page.ok) for (const version of page.data.result) console.log(version.versionId);
   */
  listObjectVersions(
    input: ListObjectVersionsInput,
    options?: CallOptions,
  ): Promise<Result<ListObjectVersionsData, ListObjectVersionsError>>;
  /**
   * Every version of an object, fetched page by page as the loop asks for them.
   * Breaking out of the loop stops fetching. A failed page throws an `ApiRequestError`.
   *
   * @example
   * for await (const version of captain.listAllObjectVersions({ projectId, bucket, key })) {}
   */
  listAllObjectVersions(input: ListAllObjectVersionsInput, options?: CallOptions): AsyncGenerator<ObjectVersion, void, undefined>;
  /** Makes an earlier version the object's current version again. */
  restoreObjectVersion(
    input: ObjectVersionInput,
    options?: CallOptions,
  ): Promise<Result<RestoreObjectVersionData, RestoreObjectVersionError>>;
  /** Deletes one version of an object for good. */
  deleteObjectVersion(input: ObjectVersionInput, options?: CallOptions): Promise<Result<DeleteObjectVersionData, DeleteObjectVersionError>>;
  /** The underlying openapi-fetch client, with auth. Its types are openapi-fetch's. */
  readonly raw: Client<paths>;
}

/** Inputs are flat: a parameter or body member goes by its own name, and the bucket the
 * spec calls `name` by `bucket`. */
const nameOf = ([, first = 'input', ...rest]: readonly string[]) => [first === 'name' ? 'bucket' : first, ...rest].join('.');
const bucketPath = ({ projectId, bucket }: Partial<BucketLocation>) => ({ version: '1', projectId, name: bucket });
const objectPath = ({ key, ...bucket }: Partial<ObjectLocation>) => ({ ...bucketPath(bucket), key });

function call<T, E>(spec: GeneratedOperation, parts: Omit<Operation<T, E>, 'spec' | 'read' | 'nameOf'>): Operation<T, E> {
  return { spec, nameOf, read: captainReader<T, E>(spec), ...parts };
}

/**
 * A client for the Captain Storage API's buckets, objects and object versions.
 *
 * @example
 * const captain = createCaptainClient({ baseUrl: 'https://storage.example.net', auth: { apiKey: process.env.CAPTAIN_KEY! } });
 */
export function createCaptainClient(options: CaptainClientOptions): CaptainClient {
  const baseUrl = parseBaseUrl(options.baseUrl);
  const auth = options.auth as { bearer?: Credential; apiKey?: Credential } | undefined;
  const credential = assertCredential(auth?.bearer ?? auth?.apiKey, 'auth.bearer or auth.apiKey');
  const { raw, send } = createTransport<Client<paths>>({
    ...options,
    baseUrl,
    auth:
      auth?.bearer === undefined
        ? { header: 'x-api-key', scheme: '', credential }
        : { header: 'Authorization', scheme: 'Bearer ', credential },
  });

  const client: CaptainClient = {
    raw,
    listBuckets(input, callOptions) {
      const { projectId, search } = input ?? {};
      return send(call(operations.listBuckets, { params: { path: bucketPath({ projectId }), query: { search } } }), callOptions);
    },
    listObjects(input, callOptions) {
      const { key, maxKeys, continuationToken, ...bucket } = input ?? {};
      const body = { key, maxKeys, continuationToken };
      return send(call(operations.listObjects, { params: { path: bucketPath(bucket) }, body, safe: true }), callOptions);
    },
    listAllObjects({ pageSize, ...input }, callOptions) {
      return objectsOf((continuationToken) => client.listObjects({ ...input, maxKeys: pageSize, continuationToken }, callOptions));
    },
    listObjectVersions(input, callOptions) {
      const { maxKeys, keyMarker, versionIdMarker, ...object } = input ?? {};
      const params = { path: objectPath(object), query: { maxKeys, keyMarker, versionIdMarker } };
      return send(call(operations.listObjectVersions, { params }), callOptions);
    },
    listAllObjectVersions({ pageSize, ...object }, callOptions) {
      return versionsOf((markers) => client.listObjectVersions({ ...object, ...markers, maxKeys: pageSize }, callOptions));
    },
    restoreObjectVersion(input, callOptions) {
      const { versionId, ...object } = input ?? {};
      return send(call(operations.restoreObjectVersion, { params: { path: objectPath(object) }, body: { versionId } }), callOptions);
    },
    deleteObjectVersion(input, callOptions) {
      const { versionId, ...object } = input ?? {};
      return send(call(operations.deleteObjectVersion, { params: { path: objectPath(object), query: { versionId } } }), callOptions);
    },
  };
  return client;
}
