import { captainTable } from '../../generated/captain/table.js';
import { invalidJson, json, readJson } from './http.js';
import { router } from './routes.js';

/**
 * The credentials a Captain fake accepts. Without these options it serves any key and any
 * token; with them it serves only those listed, and a kind of credential with no list
 * (`bearerTokens` left out, say) is refused altogether.
 */
export interface CaptainFakeOptions {
  /** The API keys (`x-api-key`) the fake accepts; any other gets 401. */
  readonly apiKeys?: readonly string[] | undefined;
  /** The bearer tokens the fake accepts; any other gets 401. */
  readonly bearerTokens?: readonly string[] | undefined;
}

/** One version of an object, as Captain lists it. */
export interface FakeVersion {
  readonly versionId: string;
  readonly isDeleteMarker: boolean;
  readonly lastModified: string;
  readonly size: number;
}

interface FakeBucket {
  /** Each key's versions, current first. */
  readonly objects: Map<string, FakeVersion[]>;
}

const failure = (status: number, error: string) => json(status, { success: false, errors: [error], messages: [], result: null });
const success = (result: unknown, resultInfo?: unknown) => json(200, { success: true, errors: [], messages: [], result, ...(resultInfo ? { resultInfo } : {}) });
const info = (total: number, pageSize: number, hasNextPage: boolean, hasPreviousPage: boolean) => ({
  totalCount: total,
  pageIndex: 0,
  pageSize,
  totalPages: Math.max(1, Math.ceil(total / Math.max(pageSize, 1))),
  hasNextPage,
  hasPreviousPage,
});

/** The operations the fake serves, found by the table's methods and paths. */
const route = router(captainTable);

/**
 * Captain's buckets, objects and versions, in memory. Versioning is on: a write adds a
 * version, a delete adds a delete marker, and restoring a version makes it the current
 * one again (it moves to the top and keeps its ID and date).
 */
export class CaptainFake {
  readonly projects = new Map<string, Map<string, FakeBucket>>();
  #serial = 0;

  addBucket(projectId: string, name: string): void {
    if (!this.projects.has(projectId)) this.projects.set(projectId, new Map());
    this.projects.get(projectId)!.set(name, { objects: new Map() });
  }

  /** Writes a new version of an object (a delete marker with `deleted`), current from now. */
  putVersion(projectId: string, bucket: string, key: string, { size = 0, at = new Date(), deleted = false } = {}): string {
    const objects = this.#bucket(projectId, bucket).objects;
    this.#serial += 1;
    const versionId = `v${this.#serial.toString(36).padStart(6, '0')}`;
    const versions = objects.get(key) ?? [];
    objects.set(key, [{ versionId, isDeleteMarker: deleted, lastModified: at.toISOString(), size: deleted ? 0 : size }, ...versions]);
    return versionId;
  }

  /** An object's versions, current first. */
  versions(projectId: string, bucket: string, key: string): readonly FakeVersion[] {
    return this.#bucket(projectId, bucket).objects.get(key) ?? [];
  }

  #bucket(projectId: string, name: string): FakeBucket {
    const bucket = this.projects.get(projectId)?.get(name);
    if (!bucket) throw new Error(`no bucket ${name} in project ${projectId}: add it first`);
    return bucket;
  }

  readonly #apiKeys: ReadonlySet<string> | undefined;
  readonly #bearerTokens: ReadonlySet<string> | undefined;

  constructor(options?: CaptainFakeOptions) {
    // Given options, an unlisted kind is an empty list: none of it is served.
    this.#apiKeys = options && new Set(options.apiKeys ?? []);
    this.#bearerTokens = options && new Set(options.bearerTokens ?? []);
  }

  async handle(request: Request, path: string): Promise<Response> {
    const apiKey = request.headers.get('x-api-key');
    const bearer = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    if (!apiKey && bearer === undefined) return failure(401, 'Unauthorized: send an API key in x-api-key or a bearer token.');
    // Either credential is checked against its own list once the fake is given credentials.
    const known = apiKey ? !this.#apiKeys || this.#apiKeys.has(apiKey) : !this.#bearerTokens || this.#bearerTokens.has(bearer!);
    if (!known) return failure(401, apiKey ? 'Unauthorized: the API key is not valid or has expired.' : 'Unauthorized: the bearer token is not valid or has expired.');
    const url = new URL(request.url);
    const found = route(request.method, path);
    if (!found) return failure(404, 'Not found.');
    const { projectId = '', name: bucket = '', key = '' } = found.params;
    switch (found.row.operation.id) {
      case 'listBuckets':
        return this.#listBuckets(projectId, url.searchParams.get('search') ?? '');
      case 'listObjects': {
        const body = await readJson(request);
        if (body === invalidJson) return failure(400, 'The request body is not valid JSON.');
        return this.#listObjects(projectId, bucket, (body ?? {}) as ListObjects);
      }
    }
    const versions = this.projects.get(projectId)?.get(bucket)?.objects.get(key);
    if (!versions) return failure(404, 'Object not found.');
    switch (found.row.operation.id) {
      case 'listObjectVersions':
        return this.#listVersions(key, versions, url.searchParams);
      case 'restoreObjectVersion': {
        const body = (await readJson(request)) as { versionId?: string } | typeof invalidJson | undefined;
        const versionId = body === invalidJson ? undefined : body?.versionId;
        const index = versions.findIndex((version) => version.versionId === versionId);
        if (index < 0) return failure(404, 'Version not found.');
        versions.unshift(...versions.splice(index, 1));
        return success(true);
      }
      case 'deleteObjectVersion': {
        const index = versions.findIndex((version) => version.versionId === url.searchParams.get('versionId'));
        if (index < 0) return failure(404, 'Version not found.');
        versions.splice(index, 1);
        if (versions.length === 0) this.projects.get(projectId)!.get(bucket)!.objects.delete(key);
        return success(true);
      }
    }
    return failure(404, 'Not found.');
  }

  #listBuckets(projectId: string, search: string) {
    const buckets = [...(this.projects.get(projectId) ?? new Map<string, FakeBucket>())]
      .filter(([name]) => name.includes(search))
      .map(([name, { objects }]) => {
        const current = [...objects.values()].map((versions) => versions[0]!).filter((version) => !version.isDeleteMarker);
        return {
          name,
          bytes: current.reduce((sum, version) => sum + version.size, 0),
          objects: current.length,
          processingType: null,
          status: 'Active',
          endpoint: `https://${name}.storage.example.net`,
        };
      });
    return success(buckets, info(buckets.length, buckets.length, false, false));
  }

  /** One folder level: the objects right under `key` (whose current version is no delete
   * marker) and the folders, in key order, after `continuationToken`. */
  #listObjects(projectId: string, bucketName: string, { key = '', maxKeys = 100, continuationToken }: ListObjects) {
    const bucket = this.projects.get(projectId)?.get(bucketName);
    if (!bucket) return failure(404, 'Bucket not found.');
    const entries = new Map<string, { isFolder: boolean; version?: FakeVersion }>();
    for (const [objectKey, versions] of bucket.objects) {
      if (!objectKey.startsWith(key) || versions[0]!.isDeleteMarker) continue;
      const rest = objectKey.slice(key.length);
      const slash = rest.indexOf('/');
      if (slash >= 0 && slash < rest.length - 1) entries.set(key + rest.slice(0, slash + 1), { isFolder: true });
      else entries.set(objectKey, { isFolder: false, version: versions[0]! });
    }
    const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).filter(([entryKey]) => !continuationToken || entryKey > continuationToken);
    const page = sorted.slice(0, maxKeys).map(([entryKey, { isFolder, version }]) => ({
      key: entryKey,
      bucket: bucketName,
      size: version?.size ?? 0,
      isFolder,
      lastModified: version?.lastModified ?? new Date(0).toISOString(),
      status: 0,
      eventType: 0,
      url: null,
    }));
    const result = { objectListModel: page, storageEventTypeOptions: { None: 0, Created: 1, Deleted: 2 } };
    return success(result, info(sorted.length, maxKeys, sorted.length > maxKeys, Boolean(continuationToken)));
  }

  #listVersions(key: string, versions: readonly FakeVersion[], query: URLSearchParams) {
    const maxKeys = Number(query.get('maxKeys') ?? 100);
    const marker = query.get('versionIdMarker');
    const start = marker ? versions.findIndex((version) => version.versionId === marker) + 1 : 0;
    const page = versions.slice(start, start + maxKeys).map((version) => ({ key, ...version, isLatest: version === versions[0] }));
    return success(page, info(versions.length, maxKeys, start + maxKeys < versions.length, start > 0));
  }
}

interface ListObjects {
  readonly key?: string;
  readonly maxKeys?: number;
  readonly continuationToken?: string | null;
}
