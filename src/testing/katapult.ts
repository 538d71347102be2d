import { admit, faultResponse, KatapultFault, tokensOf, type Tokens } from './apia.js';
import { json } from './http.js';

type Json = Record<string, any>;

/** The server's 404 for a lookup that finds nothing. Its wording varies by object: the
 * access key's ends with a full stop, the others do not (as recorded). */
const notFound = (what: string, code: string, stop = '') =>
  new KatapultFault(404, code, `No ${what} was found matching any of the criteria provided in the arguments${stop}`, {});

/** The scopes a Katapult API token can hold. `object_storage` covers the read operations too. */
export type KatapultScope = 'object_storage' | 'object_storage:read';

/** Every scope: what a token has when `createFake` is given no tokens. */
export const allKatapultScopes: readonly KatapultScope[] = ['object_storage', 'object_storage:read'];

export interface KatapultFakeOptions {
  /**
   * The API tokens the fake accepts, each with the scopes it was granted. Any other token
   * is refused with 403 `invalid_api_token`, and a token without an operation's scope with
   * 403 `scope_not_granted`. Without this option every token is accepted with every scope.
   */
  readonly tokens?: Readonly<Record<string, readonly KatapultScope[]>> | undefined;
}

export interface FakeBucket {
  readonly region: string;
  readonly name: string;
  label: string | null;
  readonly createdAt: number;
  /** Object paths and sizes, for getObject and presigned URLs. */
  readonly objects: Map<string, number>;
  /** How often its presigned URLs were revoked. */
  revocations: number;
  acl: Json;
}

export interface FakeAccessKey {
  readonly id: string;
  readonly organizationId: string;
  readonly region: string;
  name: string;
  readonly createdAt: number;
  allBucketsRead: boolean;
  allObjectsRead: boolean;
  allObjectsWrite: boolean;
  s3AccessKeyId: string | null;
}

const regions = new Set(['uk-lon-1']);
const dataCenter = {
  id: 'loc_UUhPmoCbpic6UX0Y',
  name: 'London',
  permalink: 'uk-lon-01',
  country: { id: 'ctry_6AO9tYYugvTGnd5b', name: 'United Kingdom', iso_code2: 'GB', iso_code3: 'GBR', time_zone: 'Europe/London', eu: false },
};
const seconds = () => Math.floor(Date.now() / 1000);

/** Katapult's object storage, in memory: organizations, accounts, access keys, buckets. */
export class KatapultFake {
  readonly organizations = new Map<string, { id: string; subDomain: string }>();
  readonly accounts = new Map<string, { createdAt: number; trashed: boolean }>();
  readonly accessKeys = new Map<string, FakeAccessKey>();
  readonly buckets = new Map<string, FakeBucket>();
  #serial = 0;

  #id(prefix: string) {
    this.#serial += 1;
    // Katapult's IDs are a prefix and 16 letters and digits (`objkey_Q7mX2pLr9VtK4bNc`).
    return `${prefix}_${this.#serial.toString(36).padStart(16, '0')}`;
  }

  /** Adds an organization, with an object storage account in `uk-lon-1`. */
  addOrganization(subDomain: string, { account = true } = {}): string {
    const id = this.#id('org');
    this.organizations.set(id, { id, subDomain });
    if (account) this.accounts.set(`${id}/uk-lon-1`, { createdAt: seconds(), trashed: false });
    return id;
  }

  addBucket(name: string, { region = 'uk-lon-1', objects = {} as Record<string, number> } = {}): FakeBucket {
    const bucket: FakeBucket = { region, name, label: null, createdAt: seconds(), objects: new Map(Object.entries(objects)), revocations: 0, acl: {} };
    this.buckets.set(`${region}/${name}`, bucket);
    return bucket;
  }

  addAccessKey(organizationId: string, name: string): FakeAccessKey {
    const key: FakeAccessKey = {
      id: this.#id('objkey'),
      organizationId,
      region: 'uk-lon-1',
      name,
      createdAt: seconds(),
      allBucketsRead: false,
      allObjectsRead: false,
      allObjectsWrite: false,
      s3AccessKeyId: this.#s3AccessKeyId(),
    };
    this.accessKeys.set(key.id, key);
    return key;
  }

  /** An S3 access key ID as Katapult's look: 32 lowercase hexadecimal digits. */
  #s3AccessKeyId() {
    return this.#serial.toString(16).padStart(32, '0');
  }

  readonly #tokens: Tokens;

  constructor(options: KatapultFakeOptions = {}) {
    this.#tokens = tokensOf(options.tokens);
  }

  /** Answers one request to a path under `/core/v1`; the caller adds the common headers. */
  async handle(request: Request, path: string): Promise<Response> {
    try {
      // The framework's own checks, as `npm run mock` makes them too; then the operation.
      const { row, input } = await admit(request, path, this.#tokens);
      const handler = this.#routes[row.operation.id];
      if (!handler) throw new KatapultFault(404, 'route_not_found', `No route matches "${path}" in the fake`, {});
      const [status, result] = handler(input);
      return json(status, result);
    } catch (fault) {
      if (!(fault instanceof KatapultFault)) throw fault;
      return faultResponse(fault);
    }
  }

  /** What each operation does, by operationId, once Apia has admitted the request. */
  readonly #routes: Record<string, (input: Json) => [number, unknown]> = {
    createAccount: (input) => {
      const organization = this.#organization(input);
      const region = this.#region(input);
      const existing = this.accounts.get(`${organization.id}/${region}`);
      if (existing && !existing.trashed) throw new KatapultFault(422, 'validation_error', 'A validation error occurred with the object that was being created/updated/deleted', { errors: ['Organization already has an object storage account in this cluster'] });
      const account = { createdAt: seconds(), trashed: false };
      this.accounts.set(`${organization.id}/${region}`, account);
      return [201, { object_storage_account: this.#accountBody(organization.id, region, 'provisioning') }];
    },
    getAccount: (input) => {
      const organization = this.#organization(input);
      const region = this.#region(input);
      this.#account(organization.id, region);
      return [200, { object_storage_account: this.#accountBody(organization.id, region, 'provisioned') }];
    },
    moveAccountToTrash: (input) => {
      const organization = this.#organization(input);
      const region = this.#region(input);
      const account = this.#account(organization.id, region);
      account.trashed = true;
      const trash_object = { id: this.#id('trsh'), keep_until: seconds() + 7 * 86_400, object_type: 'ObjectStorageAccount' };
      return [200, { trash_object, object_storage_account: this.#accountBody(organization.id, region, 'provisioned') }];
    },
    listAccessKeys: (input) => {
      const organization = this.#organization(input);
      const page: number = input.page ?? 1;
      const perPage: number = input.per_page ?? 20;
      const keys = [...this.accessKeys.values()].filter((key) => key.organizationId === organization.id);
      // No keys is no pages: the server sent `total_pages: 0` for an empty list.
      const pages = Math.ceil(keys.length / perPage);
      return [
        200,
        {
          pagination: { current_page: page, total_pages: pages, total: keys.length, per_page: perPage, large_set: false },
          object_storage_access_keys: keys.slice((page - 1) * perPage, page * perPage).map((key) => this.#keyBody(key, null)),
        },
      ];
    },
    createAccessKey: (input) => {
      const organization = this.#organization(input);
      this.#account(organization.id, this.#region(input));
      const properties = (input.properties ?? {}) as Json;
      if (!properties.name) throw new KatapultFault(422, 'validation_error', 'A validation error occurred with the object that was being created/updated/deleted', { errors: ["Name can't be blank"] });
      const key = this.addAccessKey(organization.id, properties.name);
      Object.assign(key, this.#keyProperties(properties));
      return [201, { object_storage_access_key: this.#keyBody(key, null) }];
    },
    getAccessKey: (input) => [200, { object_storage_access_key: this.#keyBody(this.#accessKey(input), null) }],
    updateAccessKey: (input) => {
      const key = this.#accessKey(input);
      Object.assign(key, this.#keyProperties((input.properties ?? {}) as Json));
      return [200, { object_storage_access_key: this.#keyBody(key, null) }];
    },
    deleteAccessKey: (input) => {
      this.accessKeys.delete(this.#accessKey(input).id);
      return [200, { success: true }];
    },
    generateAccessKeyCredentials: (input) => {
      const key = this.#accessKey(input);
      this.#serial += 1;
      key.s3AccessKeyId = this.#s3AccessKeyId();
      const secret = Array.from({ length: 40 }, (_, n) => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[(this.#serial * 31 + n * 7) % 62]).join('');
      return [200, { object_storage_access_key: this.#keyBody(key, secret) }];
    },
    createBucket: (input) => {
      const organization = this.#organization(input);
      const region = this.#region(input);
      this.#account(organization.id, region);
      const properties = (input.properties ?? {}) as Json;
      const problems = !properties.name ? ["Name can't be blank"] : this.buckets.has(`${region}/${properties.name}`) ? ['Name has already been taken'] : [];
      if (problems.length > 0) throw new KatapultFault(422, 'validation_error', 'A validation error occurred with the object that was being created/updated/deleted', { errors: problems });
      const bucket = this.addBucket(properties.name, { region });
      bucket.label = properties.label ?? null;
      return [201, { object_storage_bucket: this.#bucketBody(bucket) }];
    },
    getBucket: (input) => [200, { object_storage_bucket: this.#bucketBody(this.#bucket(input)) }],
    updateBucket: (input) => {
      const bucket = this.#bucket(input);
      const properties = (input.properties ?? {}) as Json;
      if ('label' in properties) bucket.label = properties.label;
      return [200, { object_storage_bucket: this.#bucketBody(bucket) }];
    },
    deleteBucket: (input) => {
      const bucket = this.#bucket(input);
      this.buckets.delete(`${bucket.region}/${bucket.name}`);
      return [200, { success: true }];
    },
    revokePresignedUrls: (input) => {
      this.#bucket(input).revocations += 1;
      return [200, { success: true }];
    },
    getObject: (input) => {
      const bucket = this.#bucket(input);
      const path = String(input.path ?? '');
      const size = bucket.objects.get(path);
      if (size === undefined) throw notFound('object', 'object_not_found');
      const object_details = {
        filename: path.split('/').at(-1),
        bucket_name: bucket.name,
        full_path: path,
        public_url: `https://${bucket.name}.${bucket.region}.katapultobjects.com/${path}`,
        size,
        folder: false,
      };
      return [200, { object_details }];
    },
    createPresignedUrl: (input) => {
      const bucket = this.#bucket(input);
      const path = String(input.path ?? '');
      const expiry = Number((input.properties as Json | undefined)?.expiry_seconds ?? 3600);
      const url = `https://${bucket.name}.${bucket.region}.s3.katapult.io/${encodeURI(path)}?X-Amz-Expires=${expiry}&X-Amz-Signature=${(bucket.revocations + 1).toString(16).padStart(64, '0')}`;
      return [200, { url }];
    },
  };

  #organization(input: Json) {
    const lookup = input.organization as Json;
    const found = [...this.organizations.values()].find((organization) => organization.id === lookup.id || organization.subDomain === lookup.sub_domain);
    if (!found) throw notFound('organization', 'organization_not_found');
    return found;
  }

  #region(input: Json): string {
    const region = (input.object_storage_cluster as Json).region;
    if (!regions.has(region)) throw notFound('object storage cluster', 'object_storage_cluster_not_found');
    return region;
  }

  #account(organizationId: string, region: string) {
    const account = this.accounts.get(`${organizationId}/${region}`);
    if (!account || account.trashed) throw notFound('object storage account', 'object_storage_account_not_found');
    return account;
  }

  #bucket(input: Json): FakeBucket {
    const region = this.#region(input);
    const name = (input.bucket as Json).name;
    const bucket = this.buckets.get(`${region}/${name}`);
    if (!bucket) throw notFound('object storage bucket', 'object_storage_bucket_not_found');
    return bucket;
  }

  #accessKey(input: Json): FakeAccessKey {
    const id = (input.access_key as Json).id;
    const key = this.accessKeys.get(id);
    if (!key) throw notFound('object storage access key', 'object_storage_access_key_not_found', '.');
    return key;
  }

  #keyProperties(properties: Json): Partial<FakeAccessKey> {
    return {
      ...(properties.name === undefined ? {} : { name: properties.name }),
      ...(properties.all_buckets_read === undefined ? {} : { allBucketsRead: properties.all_buckets_read }),
      ...(properties.all_objects_read === undefined ? {} : { allObjectsRead: properties.all_objects_read }),
      ...(properties.all_objects_write === undefined ? {} : { allObjectsWrite: properties.all_objects_write }),
    };
  }

  #accountBody(organizationId: string, region: string, provisioning_state: string) {
    const buckets = [...this.buckets.values()].filter((bucket) => bucket.region === region);
    const size = buckets.reduce((sum, bucket) => sum + [...bucket.objects.values()].reduce((a, b) => a + b, 0), 0);
    const account = this.accounts.get(`${organizationId}/${region}`);
    return { region, created_at: account?.createdAt ?? seconds(), provisioning_state, size, bucket_count: buckets.length, data_center: dataCenter };
  }

  #keyBody(key: FakeAccessKey, secret: string | null) {
    return {
      id: key.id,
      name: key.name,
      created_at: key.createdAt,
      region: key.region,
      state: 'configured',
      all_buckets_read: key.allBucketsRead,
      all_objects_read: key.allObjectsRead,
      all_objects_write: key.allObjectsWrite,
      read_buckets: [],
      write_buckets: [],
      server_url: `${key.region}.katapultobjects.com:443`,
      s3_access_key_id: key.s3AccessKeyId,
      s3_secret_access_key: secret,
    };
  }

  #bucketBody(bucket: FakeBucket) {
    return {
      name: bucket.name,
      label: bucket.label,
      created_at: bucket.createdAt,
      state: 'configured',
      custom_domains: [],
      object_count: bucket.objects.size,
      size: [...bucket.objects.values()].reduce((a, b) => a + b, 0),
      serve_static_site: false,
      static_site_index: null,
      static_site_error: null,
      cors_origins: [],
      public_url: `https://${bucket.name}.${bucket.region}.katapultobjects.com/`,
      access_control_list: { public_read: false, public_list: false, all_keys_read: true, all_keys_write: false, read_key_ids: [], write_key_ids: [], ...bucket.acl },
    };
  }
}

/** Katapult's answer when the token has used its requests for now. */
export const katapultRateLimited = (permitted: number) =>
  ({ error: { code: 'rate_limit_reached', description: 'You have reached the rate limit for this type of request', detail: { total_permitted: permitted } } });
