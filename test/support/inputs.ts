// One valid input for every operation of both APIs, and how to call each through the
// client: the contract, dynamic-mode, property and wire tests all call operations by
// their operationId.
import type { CaptainAuth, CaptainClientOptions, KatapultClientOptions } from '../../src/index.js';
import { surfaces, type Surface } from './standalone.js';

type Fetch = (request: Request) => Promise<Response>;

const cluster = { region: 'uk-lon-1' };
const organization = { sub_domain: 'acme' };
const bucket = { name: 'backups' };
const accessKey = { id: 'key_2cT7fPz0AbC1dEf4' };

/** Katapult inputs mirror the spec: a GET's query parameters, the others' JSON body. */
export const katapultInputs = {
  createAccount: { organization, object_storage_cluster: cluster },
  getAccount: { organization, object_storage_cluster: cluster },
  moveAccountToTrash: { organization: { id: 'org_Q1wE2rT3yU4iO5pA' }, object_storage_cluster: cluster },
  listAccessKeys: { organization, page: 2, per_page: 20 },
  createAccessKey: { organization, object_storage_cluster: cluster, properties: { name: 'backup-writer', all_objects_write: true } },
  getAccessKey: { access_key: accessKey },
  updateAccessKey: { access_key: accessKey, properties: { name: 'backup-reader' } },
  deleteAccessKey: { access_key: accessKey },
  generateAccessKeyCredentials: { access_key: accessKey },
  createBucket: { organization, object_storage_cluster: cluster, properties: { name: 'backups', label: 'Nightly' } },
  getBucket: { object_storage_cluster: cluster, bucket },
  updateBucket: { object_storage_cluster: cluster, bucket, properties: { label: 'Nightly backups' } },
  deleteBucket: { object_storage_cluster: cluster, bucket },
  revokePresignedUrls: { object_storage_cluster: cluster, bucket },
  getObject: { object_storage_cluster: cluster, bucket, path: 'db/2026-11-21 dump?.sql.gz' },
  createPresignedUrl: { object_storage_cluster: cluster, bucket, path: 'db/latest.sql.gz', properties: { expiry_seconds: 600 } },
} as const;

export const object = { projectId: 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6', bucket: 'holiday-photos', key: 'photos/2021/a b+ü?#%.jpg' };

export const captainInputs = {
  listBuckets: { projectId: object.projectId, search: 'photos' },
  listObjects: { projectId: object.projectId, bucket: object.bucket, key: 'photos/', maxKeys: 100, continuationToken: 'photos/a.jpg' },
  listObjectVersions: { ...object, maxKeys: 50, keyMarker: 'photos/2021/a b+ü?#%.jpg', versionIdMarker: 'v0' },
  restoreObjectVersion: { ...object, versionId: 'v1' },
  deleteObjectVersion: { ...object, versionId: 'v1' },
} as const;

export interface Target {
  readonly baseUrl: string;
  readonly fetch?: Fetch;
  readonly auth?: CaptainAuth;
  readonly options?: Partial<KatapultClientOptions & CaptainClientOptions>;
}

/** Calls one operation, by operationId, through the client (or the standalone functions). */
export function callOperation(operationId: string, { baseUrl, fetch, auth = { apiKey: 'test-key' }, options = {} }: Target, surface: Surface = surfaces['the client']): Promise<any> {
  const common = { baseUrl, ...(fetch ? { fetch } : {}), ...options };
  if (operationId in katapultInputs) {
    const client = surface.katapult({ token: 'test-token', ...common }) as any;
    return client[operationId](katapultInputs[operationId as keyof typeof katapultInputs]);
  }
  const client = surface.captain({ auth, ...common }) as any;
  return client[operationId](captainInputs[operationId as keyof typeof captainInputs]);
}
