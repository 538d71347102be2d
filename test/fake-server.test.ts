// The fake held to the real server rather than to the spec alone: its success bodies have
// the members the recorded api.katapult.io bodies have (test/fixtures/recordings/), it
// checks credentials and scopes as Katapult and Captain do, and it refuses bad lookups
// and missing arguments with the framework errors the server sends. Every answer must
// still fit the spec, judged by the generated validators.
import { describe, expect, it } from 'vitest';
import { createCaptainClient, createKatapultClient } from '../src/index.js';
import { createFake, type Fake, type FakeOptions } from '../src/testing/index.js';
import { fits, operationFor } from './support/fits.js';
import { memberPaths, operationOf, recordings } from './support/recordings.js';

const cluster = { region: 'uk-lon-1' };
const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';


/** A fake whose every answer is checked against the spec; `misfits` lists any that break it. */
function checkedFake(options: FakeOptions = {}) {
  const fake = createFake(options);
  const misfits: string[] = [];
  const fetch = async (request: Request) => {
    const operation = operationFor(request);
    const response = await fake.fetch(request);
    if (!operation || !fits(operation, response.status, await response.clone().json())) misfits.push(`${request.method} ${new URL(request.url).pathname} ${response.status} ${await response.clone().text()}`);
    return response;
  };
  return { fake, fetch, misfits };
}

/** A request straight to the fake, bypassing the client's own input checks. */
const send = (fetch: (request: Request) => Promise<Response>, fake: Fake, method: string, path: string, body?: unknown, token: string | null = 't') =>
  fetch(
    new Request(`${fake.katapultBaseUrl}${path}`, {
      method,
      headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );

/** Member paths that can be compared: those under an array only where both sides have items there. */
function comparable(paths: Set<string>, other: Set<string>): string[] {
  const inhabited = (prefix: string, set: Set<string>) => [...set].some((path) => path.startsWith(`${prefix}.`));
  return [...paths]
    .filter((path) => {
      const arrays = [...path.matchAll(/\[\]/g)].map((match) => path.slice(0, match.index + 2));
      return arrays.every((prefix) => inhabited(prefix, paths) && inhabited(prefix, other));
    })
    .sort();
}

describe('the fake sends the members the server sends', () => {
  /** The recorded success bodies' member paths, per operation. */
  const recorded = new Map<string, Set<string>>();
  for (const recording of recordings) {
    if (recording.response.status >= 300) continue;
    const { operationId } = operationOf(recording);
    memberPaths(recording.response.body, '', recorded.get(operationId) ?? recorded.set(operationId, new Set()).get(operationId));
  }

  /** One success of every operation the recordings cover, from the fake, through the client. */
  async function fakeSuccesses() {
    const { fake, fetch, misfits } = checkedFake();
    const organization = fake.katapult.addOrganization('terraform-acc-test');
    fake.katapult.addOrganization('new-customer', { account: false });
    fake.katapult.addBucket('existing');
    const katapult = createKatapultClient({ token: 't', baseUrl: fake.katapultBaseUrl, fetch, retry: false }) as any;
    const org = { id: organization };
    const bucket = { object_storage_cluster: cluster, bucket: { name: 'tf-bucket' } };
    const calls: [string, unknown][] = [
      ['getAccount', { organization: org, object_storage_cluster: cluster }],
      ['createAccount', { organization: { sub_domain: 'new-customer' }, object_storage_cluster: cluster }],
      ['createAccessKey', { organization: org, object_storage_cluster: cluster, properties: { name: 'tf-key', all_buckets_read: false } }],
      ['listAccessKeys', { organization: org, page: 1, per_page: 100 }],
      ['createBucket', { organization: org, object_storage_cluster: cluster, properties: { name: 'tf-bucket', access_control_list: { read_key_ids: [], write_key_ids: [] } } }],
      ['getBucket', bucket],
      ['updateBucket', { ...bucket, properties: { label: 'Updated' } }],
      ['deleteBucket', bucket],
      ['moveAccountToTrash', { organization: { sub_domain: 'new-customer' }, object_storage_cluster: cluster }],
    ];
    const bodies = new Map<string, unknown>();
    for (const [operationId, input] of calls) {
      const result = await katapult[operationId](input);
      expect(result.ok, `${operationId}: ${result.error?.message}`).toBe(true);
      bodies.set(operationId, result.data);
    }
    const id = (bodies.get('createAccessKey') as any).object_storage_access_key.id;
    for (const [operationId, input] of [
      ['getAccessKey', { access_key: { id } }],
      ['updateAccessKey', { access_key: { id }, properties: { name: 'tf-key-renamed' } }],
      ['generateAccessKeyCredentials', { access_key: { id } }],
      ['deleteAccessKey', { access_key: { id } }],
    ] as const) {
      const result = await katapult[operationId](input);
      expect(result.ok, `${operationId}: ${result.error?.message}`).toBe(true);
      bodies.set(operationId, result.data);
    }
    return { bodies, misfits };
  }

  it('for every operation the recordings cover, the same member paths, recursively', async () => {
    const { bodies, misfits } = await fakeSuccesses();
    expect([...recorded.keys()].sort()).toEqual([...bodies.keys()].sort());
    for (const [operationId, paths] of recorded) {
      const fake = memberPaths(bodies.get(operationId));
      expect({ operationId, members: comparable(fake, paths) }).toEqual({ operationId, members: comparable(paths, fake) });
    }
    // The recorded key listings were all empty: hold the fake's listed key to a recorded key.
    const listed = memberPaths((bodies.get('listAccessKeys') as any).object_storage_access_keys[0]);
    expect([...listed].sort()).toEqual([...memberPaths((recordings.find((r) => r.response.body?.object_storage_access_key)!.response.body as any).object_storage_access_key)].sort());
    expect(misfits).toEqual([]);
  });

  it('not-found errors worded as recorded, full stop and all', async () => {
    const { fake, fetch, misfits } = checkedFake();
    fake.katapult.addOrganization('no-account', { account: false });
    const recordedWords = (code: string) => recordings.find((r) => r.response.body?.error?.code === code)!.response.body.error.description;
    const lookup = 'object_storage_cluster[region]=uk-lon-1';
    for (const [path, code] of [
      ['/object_storage/access_keys/access_key?access_key[id]=objkey_0000000000000000', 'object_storage_access_key_not_found'],
      [`/object_storage/object_storage_cluster/buckets/bucket?${lookup}&bucket[name]=nope`, 'object_storage_bucket_not_found'],
      [`/organizations/organization/object_storage/object_storage_cluster?${lookup}&organization[sub_domain]=no-account`, 'object_storage_account_not_found'],
    ]) {
      const { error } = await (await send(fetch, fake, 'GET', path!)).json();
      expect(error).toEqual({ code, description: recordedWords(code!), detail: {} });
    }
    expect(misfits).toEqual([]);
  });

  it('a bucket as the server sends it: custom_domains and cors_origins, no custom_domain', async () => {
    const { bodies } = await fakeSuccesses();
    const bucket = (bodies.get('getBucket') as any).object_storage_bucket;
    expect(bucket).toMatchObject({ custom_domains: [], cors_origins: [], public_url: 'https://tf-bucket.uk-lon-1.katapultobjects.com/' });
    expect(bucket).not.toHaveProperty('custom_domain');
  });
});

describe('the fake checks Katapult tokens and scopes as the server does', () => {
  const tokens = { reader: ['object_storage:read'], admin: ['object_storage'], nothing: [] } as const;
  const lookup = { object_storage_cluster: cluster, bucket: { name: 'backups' } };

  function setUp(options: FakeOptions = { katapultTokens: tokens }) {
    const checked = checkedFake(options);
    checked.fake.katapult.addOrganization('acme');
    checked.fake.katapult.addBucket('backups');
    const as = (token: string) => createKatapultClient({ token, baseUrl: checked.fake.katapultBaseUrl, fetch: checked.fetch, retry: false });
    return { ...checked, as };
  }

  it('no token: 400 missing_api_token, wrapped, whatever the options', async () => {
    for (const options of [{}, { katapultTokens: tokens }]) {
      const { fake, fetch, misfits } = setUp(options);
      const response = await send(fetch, fake, 'GET', '/object_storage/object_storage_cluster/buckets/bucket?object_storage_cluster[region]=uk-lon-1&bucket[name]=backups', undefined, null);
      expect(response.status).toBe(400);
      expect(response.headers.get('x-api-schema')).toBe('json-error');
      expect(await response.json()).toEqual({
        error: { code: 'missing_api_token', description: 'No API token was provided in the Authorization header. Ensure a token is provided prefixed with Bearer', detail: {} },
      });
      expect(misfits).toEqual([]);
    }
  });

  it('a token it does not know: 403 invalid_api_token', async () => {
    const { as, misfits } = setUp();
    const result = await as('wrong-token').getBucket(lookup);
    expect(!result.ok && result.error).toMatchObject({ kind: 'api', status: 403, code: 'invalid_api_token', detail: { details: null } });
    expect(misfits).toEqual([]);
  });

  it('a token without the scope: 403 scope_not_granted naming the missing scope', async () => {
    const { as, misfits } = setUp();
    const write = await as('reader').updateBucket({ ...lookup, properties: { label: 'x' } });
    expect(!write.ok && write.error).toMatchObject({ kind: 'api', status: 403, code: 'scope_not_granted', detail: { scopes: ['object_storage'] } });
    // Listing access keys is a read, but the server asks the full scope for it.
    const keys = await as('reader').listAccessKeys({ organization: { sub_domain: 'acme' } });
    expect(!keys.ok && keys.error).toMatchObject({ code: 'scope_not_granted', detail: { scopes: ['object_storage'] } });
    const read = await as('nothing').getBucket(lookup);
    expect(!read.ok && read.error).toMatchObject({ code: 'scope_not_granted', detail: { scopes: ['object_storage:read'] } });
    expect(misfits).toEqual([]);
  });

  it('a token with the scope is served; the full scope covers reads', async () => {
    const { as, misfits } = setUp();
    expect((await as('reader').getBucket(lookup)).ok).toBe(true);
    expect((await as('admin').getBucket(lookup)).ok).toBe(true);
    expect((await as('admin').updateBucket({ ...lookup, properties: { label: 'x' } })).ok).toBe(true);
    expect(misfits).toEqual([]);
  });

  it('by default any token is served with every scope, so examples work unchanged', async () => {
    const { as } = setUp({});
    expect((await as('anything').updateBucket({ ...lookup, properties: { label: 'x' } })).ok).toBe(true);
  });
});

describe('the fake checks Captain credentials', () => {
  const credentials = { apiKeys: ['good-key'], bearerTokens: ['good-token'] };

  function setUp(options: FakeOptions = { captainCredentials: credentials }) {
    const checked = checkedFake(options);
    checked.fake.captain.addBucket(projectId, 'photos');
    const as = (auth: { apiKey: string } | { bearer: string }) => createCaptainClient({ auth, baseUrl: checked.fake.captainBaseUrl, fetch: checked.fetch, retry: false });
    return { ...checked, as };
  }

  it('serves the keys and tokens it was given, and answers 401 in the envelope to any other', async () => {
    const { as, misfits } = setUp();
    const list = { projectId, search: '' };
    expect((await as({ apiKey: 'good-key' }).listBuckets(list)).ok).toBe(true);
    expect((await as({ bearer: 'good-token' }).listBuckets(list)).ok).toBe(true);
    for (const auth of [{ apiKey: 'bad-key' }, { bearer: 'bad-token' }, { apiKey: 'good-token' }]) {
      const result = await as(auth).listBuckets(list);
      expect(!result.ok && result.error, JSON.stringify(auth)).toMatchObject({
        kind: 'api',
        status: 401,
        errors: [expect.stringMatching(/^Unauthorized: the (API key|bearer token) is not valid/)],
        messages: [],
      });
    }
    expect(misfits).toEqual([]);
  });

  it('a kind of credential given no list is refused once credentials are given', async () => {
    const list = { projectId, search: '' };
    const keysOnly = setUp({ captainCredentials: { apiKeys: ['good-key'] } });
    expect((await keysOnly.as({ apiKey: 'good-key' }).listBuckets(list)).ok).toBe(true);
    const bearer = await keysOnly.as({ bearer: 'any-token' }).listBuckets(list);
    expect(!bearer.ok && bearer.error).toMatchObject({ kind: 'api', status: 401, errors: ['Unauthorized: the bearer token is not valid or has expired.'] });
    const tokensOnly = setUp({ captainCredentials: { bearerTokens: ['good-token'] } });
    expect((await tokensOnly.as({ bearer: 'good-token' }).listBuckets(list)).ok).toBe(true);
    expect((await tokensOnly.as({ apiKey: 'any-key' }).listBuckets(list)).ok).toBe(false);
    expect([...keysOnly.misfits, ...tokensOnly.misfits]).toEqual([]);
  });

  it('no credential: 401 with the envelope; by default any credential is served', async () => {
    const { fake, fetch, misfits } = setUp({});
    const response = await fetch(new Request(`${fake.captainBaseUrl}/api/v1/projects/${projectId}/buckets?search=`));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ success: false, result: null });
    expect((await setUp({}).as({ apiKey: 'anything' }).listBuckets({ projectId, search: '' })).ok).toBe(true);
    expect(misfits).toEqual([]);
  });
});

describe('the fake refuses bad arguments with the framework errors the server sends', () => {
  function setUp() {
    const checked = checkedFake();
    checked.fake.katapult.addOrganization('acme');
    checked.fake.katapult.addBucket('backups');
    return checked;
  }
  const bucketsPath = '/organizations/organization/object_storage/object_storage_cluster/buckets';

  it('a lookup with both keys: 400 invalid_argument, ambiguous_lookup_values', async () => {
    const { fake, fetch, misfits } = setUp();
    const response = await send(fetch, fake, 'POST', bucketsPath, { organization: { id: 'org_1', sub_domain: 'acme' }, object_storage_cluster: cluster, properties: { name: 'x' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 'invalid_argument',
        description: "The 'organization' argument is invalid",
        detail: {
          path: ['organization'],
          index: null,
          issue: 'ambiguous_lookup_values',
          issue_description: 'More than one value has been provided for a lookup argument set. Only one option may be provided.',
          errors: [],
          argument: { id: 'CoreAPI/ArgumentSets/OrganizationLookup', name: 'organization', description: null },
        },
      },
    });
    expect(misfits).toEqual([]);
  });

  it('an empty lookup: 400 invalid_argument, missing_lookup_value', async () => {
    const { fake, fetch, misfits } = setUp();
    const response = await send(fetch, fake, 'PATCH', '/object_storage/object_storage_cluster/buckets/bucket', { object_storage_cluster: cluster, bucket: {}, properties: {} });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({
      code: 'invalid_argument',
      detail: { path: ['bucket'], issue: 'missing_lookup_value', argument: { id: 'CoreAPI/ArgumentSets/BucketLookup', name: 'bucket', description: null } },
    });
    expect(misfits).toEqual([]);
  });

  it('a missing required argument: 400 missing_required_argument, checked in the spec order before anything is looked up', async () => {
    const { fake, fetch, misfits } = setUp();
    const query = await send(fetch, fake, 'GET', '/object_storage/object_storage_cluster/buckets/bucket/object?object_storage_cluster[region]=uk-lon-1&bucket[name]=nope');
    expect(query.status).toBe(400);
    expect(await query.json()).toEqual({
      error: {
        code: 'missing_required_argument',
        description: "The 'path' argument is required but has not been provided",
        detail: { path: ['path'], argument: { name: 'path', description: null } },
      },
    });
    const body = await send(fetch, fake, 'POST', bucketsPath, { organization: { sub_domain: 'nobody' }, object_storage_cluster: cluster });
    expect((await body.json()).error).toMatchObject({ code: 'missing_required_argument', detail: { path: ['properties'] } });
    expect(misfits).toEqual([]);
  });
  it('a value of the wrong type: 400 invalid_argument naming it, invalid_scalar, and nothing changes', async () => {
    const { fake, fetch, misfits } = setUp();
    const bucket = { object_storage_cluster: cluster, bucket: { name: 'backups' } };
    const response = await send(fetch, fake, 'PATCH', '/object_storage/object_storage_cluster/buckets/bucket', { ...bucket, properties: { label: 5 } });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-api-schema')).toBe('json-error');
    expect(await response.json()).toEqual({
      error: {
        code: 'invalid_argument',
        description: "The 'properties.label' argument is invalid",
        detail: {
          path: ['properties', 'label'],
          index: null,
          issue: 'invalid_scalar',
          issue_description: expect.stringMatching(/^The value provided was not of an appropriate type/),
          errors: [],
          argument: { id: 'CoreAPI/Arguments/PropertiesArgument/LabelArgument', name: 'label', description: null },
        },
      },
    });
    expect(fake.katapult.buckets.get('uk-lon-1/backups')!.label).toBeNull();
    // An item of an array names its index; an object where a value belongs is refused too.
    const acl = await send(fetch, fake, 'PATCH', '/object_storage/object_storage_cluster/buckets/bucket', { ...bucket, properties: { access_control_list: { read_key_ids: ['k', 7] } } });
    expect((await acl.json()).error.detail).toMatchObject({ path: ['properties', 'access_control_list', 'read_key_ids'], index: 1, issue: 'invalid_scalar' });
    const whole = await send(fetch, fake, 'PATCH', '/object_storage/object_storage_cluster/buckets/bucket', { ...bucket, properties: 'x' });
    expect((await whole.json()).error.detail).toMatchObject({ path: ['properties'], issue: 'object_expected' });
    expect(misfits).toEqual([]);
  });

  it('text that is no integer: 400 parse_error; text that is one is read as one', async () => {
    const { fake, fetch, misfits } = setUp();
    const list = '/organizations/organization/object_storage/access_keys?organization[sub_domain]=acme';
    const bad = await send(fetch, fake, 'GET', `${list}&page=abc`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toEqual({
      code: 'invalid_argument',
      description: "The 'page' argument is invalid",
      detail: {
        path: ['page'],
        index: null,
        issue: 'parse_error',
        issue_description: expect.stringMatching(/^The value provided could not be parsed/),
        errors: ['Integer must be provided as an integer or a string only containing numbers'],
        argument: { id: 'CoreAPI/Arguments/PageArgument', name: 'page', description: null },
      },
    });
    const low = await send(fetch, fake, 'GET', `${list}&per_page=0`);
    // Apia raises a broken validation rule as `validation_errors`, whose description it does not hold (lib/apia/argument_set.rb).
    expect((await low.json()).error.detail).toMatchObject({ path: ['per_page'], issue: 'validation_errors', issue_description: null, errors: ['must be an integer of at least 1'] });
    const good = await send(fetch, fake, 'GET', `${list}&page=2&per_page=5&unknown=x`);
    expect(good.status).toBe(200);
    expect((await good.json()).pagination).toEqual({ current_page: 2, total_pages: 0, total: 0, per_page: 5, large_set: false });
    expect(misfits).toEqual([]);
  });

  it('a boolean as the server reads one: "yes", 1 and "1" are true; "maybe" is a parse_error', async () => {
    const { fake, fetch, misfits } = setUp();
    const create = (all_buckets_read: unknown) =>
      send(fetch, fake, 'POST', '/organizations/organization/object_storage/object_storage_cluster/access_keys', {
        organization: { sub_domain: 'acme' },
        object_storage_cluster: cluster,
        properties: { name: 'k', all_buckets_read },
      });
    for (const yes of ['yes', 1, '1']) expect((await (await create(yes)).json()).object_storage_access_key.all_buckets_read).toBe(true);
    expect((await (await create('maybe')).json()).error.detail).toMatchObject({ path: ['properties', 'all_buckets_read'], issue: 'parse_error' });
    expect(misfits).toEqual([]);
  });
});
