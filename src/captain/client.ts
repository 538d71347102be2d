import type { Client } from 'openapi-fetch';
import type { components, paths } from '../generated/captain.js';
import { assertCredential } from './auth.js';
import type { ClientFailure } from './errors.js';
import type { BaseClientOptions, CallOptions, Credential } from './options.js';
import type { Result } from './result.js';
import { createTransport, type Read } from './transport.js';
import { parseBaseUrl } from './url.js';
import { bucketName, objectKey, pageSize, projectGuid, text, type Check } from './validate.js';
import { paginate } from './pages.js';

type Schemas = components['schemas'];

export type ObjectVersion = Schemas['ObjectVersion'];
export type ResultInfo = Schemas['ResultInfo'];
/** A page of versions in the shared envelope: `result` holds them, `resultInfo` the paging. */
export type ObjectVersionList = Schemas['ObjectVersionList'];
export type VersionRestored = Schemas['VersionRestored'];
export type VersionDeleted = Schemas['VersionDeleted'];

/** An object in a project's bucket. */
export interface ObjectLocation {
  /** The project's GUID. */
  readonly projectId: string;
  /** The bucket's name: 3–63 lowercase letters, digits, dots and hyphens. */
  readonly bucket: string;
  /** The object's key; any characters, `/` included. */
  readonly key: string;
}

export interface ListObjectVersionsInput extends ObjectLocation {
  /** The most versions to return, from 1. */
  readonly maxKeys?: number;
  /** The `key` of the last version of the previous page. */
  readonly keyMarker?: string;
  /** The `versionId` of the last version of the previous page. */
  readonly versionIdMarker?: string;
}

export interface ListAllObjectVersionsInput extends ObjectLocation {
  /** Versions fetched per request. @default the server's page size */
  readonly pageSize?: number;
}

export interface ObjectVersionInput extends ObjectLocation {
  /** The version's ID, as `listObjectVersions` gives it. */
  readonly versionId: string;
}

/**
 * A documented Captain failure: the status with the envelope's `errors` and `messages`.
 * A 200 whose body says `success: false` is one too.
 */
export type CaptainApiError<S extends number> = S extends number
  ? {
      readonly kind: 'api';
      readonly status: S;
      readonly errors: readonly string[];
      readonly messages: readonly string[];
      readonly message: string;
    }
  : never;

export type ListObjectVersionsError = CaptainApiError<200 | 401 | 403 | 404> | ClientFailure;
export type RestoreObjectVersionError = CaptainApiError<200 | 400 | 401 | 403 | 404> | ClientFailure;
export type DeleteObjectVersionError = CaptainApiError<200 | 401 | 403 | 404> | ClientFailure;

/** Authenticate with a bearer token or with an API key, sent as `x-api-key`. */
export type CaptainAuth = { readonly bearer: Credential } | { readonly apiKey: Credential };

export interface CaptainClientOptions
  extends BaseClientOptions<ListObjectVersionsError | RestoreObjectVersionError | DeleteObjectVersionError> {
  /**
   * Your Captain Storage API origin, such as `https://storage.example.net`: the vendor
   * publishes none. Credentials are sent to this origin only.
   */
  readonly baseUrl: string;
  readonly auth: CaptainAuth;
}

export interface CaptainClient {
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
  ): Promise<Result<ObjectVersionList, ListObjectVersionsError>>;
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
  ): Promise<Result<VersionRestored, RestoreObjectVersionError>>;
  /** Deletes one version of an object for good. */
  deleteObjectVersion(input: ObjectVersionInput, options?: CallOptions): Promise<Result<VersionDeleted, DeleteObjectVersionError>>;
  /** The underlying openapi-fetch client, with auth. Its types are openapi-fetch's. */
  readonly raw: Client<paths>;
}

export const objectPath = '/api/v{version}/projects/{projectId}/buckets/{name}/objects/{key}';
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Reads the envelope: the data when `success` and `result` fit, the documented failure
 * when `success` is false, or undefined for anything else. */
function envelope<T>(
  errorStatuses: readonly number[],
  resultFits: (body: Record<string, unknown>) => boolean,
) {
  return <S extends number>(status: number, body: Record<string, unknown>, describe: (what: string) => string): Read<T, CaptainApiError<S>> => {
    const { success, errors, messages } = body;
    if (!isStrings(errors) || !isStrings(messages)) return undefined;
    if (status === 200 && success === true) return resultFits(body) ? { ok: true, data: body as T } : undefined;
    if (success !== false || (status !== 200 && !errorStatuses.includes(status))) return undefined;
    const error = { kind: 'api', status, errors, messages, message: describe(`status ${status}, ${errors[0] ?? 'success: false'}`) };
    return { ok: false, error: error as unknown as CaptainApiError<S> };
  };
}

const readList = envelope<ObjectVersionList>([401, 403, 404], (body) => Array.isArray(body.result) && isObject(body.resultInfo));
const readRestore = envelope<VersionRestored>([400, 401, 403, 404], (body) => body.result === undefined || body.result === null || typeof body.result === 'boolean');
const readDelete = envelope<VersionDeleted>([401, 403, 404], (body) => typeof body.result === 'boolean');

const locationChecks = ({ projectId, bucket, key }: ObjectLocation): Check[] => [
  ['projectId', projectId, projectGuid],
  ['bucket', bucket, bucketName],
  ['key', key, objectKey],
];
const pathParams = ({ projectId, bucket, key }: ObjectLocation) => ({ version: '1', projectId, name: bucket, key });

/**
 * A client for the Captain Storage API's object-version operations.
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
    auth: auth?.bearer === undefined
      ? { header: 'x-api-key', scheme: '', credential }
      : { header: 'Authorization', scheme: 'Bearer ', credential },
  });

  const client: CaptainClient = {
    raw,
    listObjectVersions(input, callOptions) {
      const { maxKeys, keyMarker, versionIdMarker } = input ?? {};
      return send(
        {
          method: 'GET',
          path: objectPath,
          checks: [
            ...locationChecks(input ?? {}),
            ['maxKeys', maxKeys, pageSize, true],
            ['keyMarker', keyMarker, text, true],
            ['versionIdMarker', versionIdMarker, text, true],
          ],
          params: { path: pathParams(input ?? {}), query: { maxKeys, keyMarker, versionIdMarker } },
          read: readList<200 | 401 | 403 | 404>,
        },
        callOptions,
      );
    },
    listAllObjectVersions(input, callOptions) {
      return paginate(client, input, callOptions);
    },
    restoreObjectVersion(input, callOptions) {
      return send(
        {
          method: 'PUT',
          path: `${objectPath}/version`,
          checks: [...locationChecks(input ?? {}), ['versionId', input?.versionId, text]],
          params: { path: pathParams(input ?? {}) },
          body: { versionId: input?.versionId },
          read: readRestore<200 | 400 | 401 | 403 | 404>,
        },
        callOptions,
      );
    },
    deleteObjectVersion(input, callOptions) {
      return send(
        {
          method: 'DELETE',
          path: objectPath,
          checks: [...locationChecks(input ?? {}), ['versionId', input?.versionId, text]],
          params: { path: pathParams(input ?? {}), query: { versionId: input?.versionId } },
          read: readDelete<200 | 401 | 403 | 404>,
        },
        callOptions,
      );
    },
  };
  return client;
}
