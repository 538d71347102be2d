// The CLI's errors in text mode, for a person: the server's sentence first, the detail in
// words (never an object literal), the code, status and request ID, and a hint where one
// helps. Run in process through main(), against the fake on loopback; the answers the
// client never lets a request earn (a body that does not parse, a wrong type) are the
// fake's own answers to such requests, served to the CLI's call as they are.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFake, type Fake } from '../src/testing/index.js';
import { serve } from '../src/testing/serve.js';
import { runInProcess, type Ran } from './support/in-process-cli.js';

const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
const token = 'cli-errors-token-5b1d';
const readToken = 'cli-errors-read-token-9c2e';
const captainKey = 'cli-errors-captain-key-77aa';
const requestId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.source;
/** `{` then a member name and a colon: an object literal as util.inspect or JSON writes it. */
const objectLiteral = /\{\s*['"]?[A-Za-z_$][\w$]*['"]?\s*:/;

let fake: Fake;
let servers: { url: string; close(): Promise<void> }[] = [];

function fakeWith(options: Parameters<typeof createFake>[0] = {}): Fake {
  const made = createFake({ katapultTokens: { [token]: ['object_storage'], [readToken]: ['object_storage:read'] }, captainCredentials: { apiKeys: [captainKey], bearerTokens: [captainKey] }, ...options });
  const organization = made.katapult.addOrganization('acme');
  made.katapult.addAccessKey(organization, 'deploy');
  for (const name of ['backups', 'logs']) made.katapult.addBucket(name);
  made.captain.addBucket(projectId, 'app-logs');
  made.captain.putVersion(projectId, 'app-logs', 'api.log', { size: 1 });
  return made;
}

/** Serves `fake` on loopback; the environment points the CLI at it. */
async function listen(served: Fake): Promise<Record<string, string>> {
  const server = await served.listen();
  servers.push(server);
  return { KATAPULT_BASE_URL: served.katapultBaseUrl, KATAPULT_API_TOKEN: token, CAPTAIN_BASE_URL: served.captainBaseUrl, CAPTAIN_API_KEY: captainKey };
}

/** A loopback server that answers every request with `answer()`. */
async function answering(answer: () => Promise<Response> | Response): Promise<Record<string, string>> {
  const server = await serve(async () => answer(), 0);
  servers.push(server);
  return { KATAPULT_BASE_URL: `${server.url}/core/v1`, KATAPULT_API_TOKEN: token, CAPTAIN_BASE_URL: server.url, CAPTAIN_API_KEY: captainKey };
}

let env: Record<string, string>;
beforeEach(async () => {
  fake = fakeWith();
  env = await listen(fake);
});
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});
afterAll(() => vi.restoreAllMocks());

/** Runs main() in this process with `environment` only, of the CLI's variables. */
const cli = (args: readonly string[], environment: Record<string, string | undefined> = env): Promise<Ran> =>
  runInProcess(args, {
    environment: { KATAPULT_BASE_URL: undefined, KATAPULT_API_TOKEN: undefined, CAPTAIN_BASE_URL: undefined, CAPTAIN_API_KEY: undefined, CAPTAIN_TOKEN: undefined, ...environment },
    secrets: [token, readToken, captainKey],
  });

/** The fake's answer to a request the client would never send, as the fake gives it. */
async function fakeAnswer(method: string, path: string, { body, bearer = token }: { body?: string; bearer?: string | null } = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  return fake.fetch(new Request(`${fake.katapultBaseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) }));
}

const getBucket = '/object_storage/object_storage_cluster/buckets/bucket';
const lookup = { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } };
const updateBucket = ['katapult', 'update-bucket', '--bucket', 'backups', '--label', 'Nightly', '--yes'];

/** A Katapult error body, wrapped as the server wraps it. */
const katapultBody = (status: number, code: string, description: string, detail: object) =>
  Response.json({ error: { code, description, detail } }, { status, headers: { 'x-api-schema': 'json-error', 'x-request-id': crypto.randomUUID() } });

describe('an API error in text mode', () => {
  it("a wrong token: the server's sentence first, then the code, status and request ID, and where tokens are made; exit 3 as before", async () => {
    const { code, stdout, stderr } = await cli(['katapult', 'get-bucket', '--bucket', 'backups'], { ...env, KATAPULT_API_TOKEN: 'not-a-token-it-knows' });
    expect(code).toBe(3);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('error: The API token provided was not valid (it may not exist or have expired).');
    expect(lines[1]).toMatch(new RegExp(`^ {2}invalid_api_token, status 403, request ID ${requestId}$`));
    expect(lines[2]).toMatch(/^hint: set KATAPULT_API_TOKEN \(or --token\) to a token Katapult knows: API tokens are made in the Katapult Console.* the scope object_storage\.$/);
    expect(lines).toHaveLength(3);
    expect(stderr).not.toContain('{ details: null }');
    expect(stderr).not.toMatch(objectLiteral);
    // A job whose every item was refused for the token says the hint once, under its report.
    const job = await cli(['katapult', 'revoke-across-buckets', 'backups', 'logs', '--yes'], { ...env, KATAPULT_API_TOKEN: 'not-a-token-it-knows' });
    expect(job.code).toBe(1);
    expect(job.stdout).toMatch(/^backups +failed +403 invalid_api_token, request /m);
    expect(job.stderr.match(/^hint: .*$/gm)).toEqual([lines[2]]);
    // --json gives the error as before: the server's description and detail as they came.
    const json = await cli(['--json', 'katapult', 'get-bucket', '--bucket', 'backups'], { ...env, KATAPULT_API_TOKEN: 'not-a-token-it-knows' });
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stderr).error).toMatchObject({ kind: 'api', code: 'invalid_api_token', description: 'The API token provided was not valid (it may not exist or have expired)', detail: { details: null } });
  });

  it('a missing scope: which scope the token lacks, in words, and which to grant', async () => {
    const write = await cli(['katapult', 'delete-bucket', '--bucket', 'logs', '--yes'], { ...env, KATAPULT_API_TOKEN: readToken });
    expect(write.code).toBe(3);
    expect(write.stderr).toMatch(
      new RegExp(
        [
          '^error: The scope required for this endpoint has not been granted to the authenticating identity\\.',
          '  The token lacks the scope object_storage\\.',
          `  scope_not_granted, status 403, request ID ${requestId}`,
          'hint: give the token the scope object_storage \\(it covers object_storage:read too\\), or set KATAPULT_API_TOKEN \\(or --token\\) to a token that has it\\. API tokens are made in the Katapult Console[^\\n]*\\n$',
        ].join('\\n'),
      ),
    );
    expect(write.stderr).not.toMatch(objectLiteral);
    // Several scopes, and a read-only one: in words, and object_storage offered for it.
    const several = await answering(() => katapultBody(403, 'scope_not_granted', 'The scope required for this endpoint has not been granted to the authenticating identity', { scopes: ['object_storage:read', 'dns_zones'] }));
    const { stderr } = await cli(['katapult', 'get-bucket', '--bucket', 'backups'], several);
    expect(stderr).toContain('\n  The token lacks the scopes object_storage:read and dns_zones.\n');
    expect(stderr).toMatch(/^hint: give the token the scopes object_storage:read \(or object_storage, which covers it\) and dns_zones \(it covers dns_zones:read too\), or set KATAPULT_API_TOKEN \(or --token\) to a token that has them\./m);
  });

  it("a Captain 404 in the envelope's words: its first error as the sentence, the others and the messages after it", async () => {
    const missing = await cli(['captain', 'list-object-versions', '--project', projectId, '--bucket', 'nope', '--key', 'api.log']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(new RegExp(`^error: Object not found\\.\\n {2}status 404, request ID ${requestId}\\n$`));
    const envelope = await answering(() =>
      Response.json({ success: false, errors: ['Bucket not found', 'The project has no bucket named nope.'], messages: ['See the project’s buckets.'], result: null }, { status: 404, headers: { 'x-request-id': 'req-404' } }),
    );
    const { code, stderr } = await cli(['captain', 'list-buckets', '--project', projectId], envelope);
    expect(code).toBe(3);
    expect(stderr).toBe('error: Bucket not found.\n  The project has no bucket named nope.\n  See the project’s buckets.\n  status 404, request ID req-404\n');
    // A refused key: where to look.
    const refused = await cli(['captain', 'list-buckets', '--project', projectId], { ...env, CAPTAIN_API_KEY: 'not-a-key-it-knows' });
    expect(refused.stderr).toMatch(/^error: Unauthorized: the API key is not valid or has expired\.\n {2}status 401, request ID \S+\nhint: check CAPTAIN_API_KEY \(or --api-key\) or CAPTAIN_TOKEN/);
  });

  it('each code with a detail says it in words: an argument by its path, issue, errors and flag; a validation error by its messages; a network, a limit, a trash entry', async () => {
    const said = async (args: readonly string[], environment: Record<string, string> = env) => (await cli(args, environment)).stderr;
    // The fake's own answers to a value of the wrong type and a page that is no number.
    const scalar = await said(updateBucket, await answering(() => fakeAnswer('PATCH', getBucket, { body: JSON.stringify({ ...lookup, properties: { label: 5 } }) })));
    expect(scalar).toMatch(/^error: The 'properties\.label' argument is invalid\.\n {2}The argument properties\.label, set by --label, has the issue invalid_scalar\.\n {2}The value provided was not of an appropriate type/);
    const page = await said(['katapult', 'list-access-keys', '--org', 'acme'], await answering(() => fakeAnswer('GET', '/organizations/organization/object_storage/access_keys?organization[sub_domain]=acme&page=second')));
    expect(page).toContain('\n  The argument page, set by --page, has the issue parse_error.\n');
    expect(page).toContain('\n  Integer must be provided as an integer or a string only containing numbers.\n');
    expect(page).toMatch(new RegExp(`\\n {2}invalid_argument, status 400, request ID ${requestId}\\n$`));
    const required = await said(updateBucket, await answering(() => fakeAnswer('PATCH', getBucket, { body: JSON.stringify({ object_storage_cluster: { region: 'uk-lon-1' } }) })));
    expect(required).toContain('\n  The argument bucket is missing: --bucket gives it.\n');
    const validation = await said(['katapult', 'create-bucket', '--org', 'acme', '--name', '']);
    expect(validation).toMatch(/^error: A validation error occurred with the object that was being created\/updated\/deleted\.\n {2}Name can't be blank\.\n {2}validation_error, status 422/);
    const network = await said(['katapult', 'get-bucket', '--bucket', 'backups'], await answering(() => katapultBody(403, 'unauthorized_network_for_api_token', 'Network is not allowed to access the API with this API token', { ip_address: '203.0.113.7' })));
    expect(network).toContain('\n  The request came from 203.0.113.7, a network this token may not be used from.\n');
    expect(network).toMatch(/^hint: the token works only from the networks it allows: allow 203\.0\.113\.7 /m);
    const trash = await said(updateBucket, await answering(() => katapultBody(406, 'object_in_trash', 'The object found is in the trash and cannot be used', { trash_object: { id: 'trsh_1', keep_until: 1_800_000_000, object_id: 'bkt_1', object_type: 'ObjectStorageBucket' } })));
    expect(trash).toContain('\n  ObjectStorageBucket bkt_1 is in the trash (entry trsh_1), kept there until 2027-01-15T08:00:00Z.\n');
    const denied = await said(['katapult', 'get-bucket', '--bucket', 'backups'], await answering(() => katapultBody(403, 'permission_denied', 'The authenticated identity is not permitted to perform this action', { details: 'Only owners may read this bucket' })));
    expect(denied).toContain('\n  Only owners may read this bucket.\n');
    // Errors of a shape no code says in words: name: value, never an object.
    const odd = await said(updateBucket, await answering(() => katapultBody(400, 'invalid_argument', "The 'properties.label' argument is invalid", { path: ['properties', 'label'], index: null, issue: 'validation_errors', issue_description: null, errors: [{ rule: 'length', maximum: 255 }], argument: { id: 'x', name: 'label', description: null } })));
    expect(odd).toContain('\n  The argument properties.label, set by --label, has the issue validation_errors.\n  rule: length\n  maximum: 255\n');
  });

  it('the limit per minute, from the fake that holds the rate', async () => {
    const limited = fakeWith({ rateLimit: { perSecond: 2 / 60, burst: 1 } });
    const environment = await listen(limited);
    const revoke = ['katapult', 'revoke-presigned-urls', '--bucket', 'backups', '--yes'];
    expect((await cli(revoke, environment)).code).toBe(0);
    const { code, stderr } = await cli(revoke, environment);
    expect(code).toBe(3);
    expect(stderr).toMatch(new RegExp(`^error: You have reached the rate limit for this type of request\\.\\n {2}The limit is 2 requests a minute\\.\\n {2}rate_limit_reached, status 429, request ID ${requestId}\\nhint: wait a minute and try again\\.\\n$`));
  });

  it("no text-mode error for any of the fake's error answers holds an object literal", async () => {
    const limited = fakeWith({ rateLimit: { perSecond: 2 / 60, burst: 1 } });
    const throttled = await listen(limited);
    const bad = (method: string, path: string, options?: Parameters<typeof fakeAnswer>[2]) => answering(() => fakeAnswer(method, path, options));
    const accessKeys = '/organizations/organization/object_storage/access_keys';
    // Each case: the command, where it runs, and the code or words its answer carries.
    const cases: [readonly string[], Record<string, string | undefined>, string][] = [
      [['katapult', 'get-bucket', '--bucket', 'backups'], { ...env, KATAPULT_API_TOKEN: 'not-a-token-it-knows' }, 'invalid_api_token'],
      [['katapult', 'delete-bucket', '--bucket', 'logs', '--yes'], { ...env, KATAPULT_API_TOKEN: readToken }, 'scope_not_granted'],
      [['katapult', 'get-bucket', '--bucket', 'nope'], env, 'object_storage_bucket_not_found'],
      [['katapult', 'get-bucket', '--bucket', 'backups', '--region', 'nowhere'], env, 'object_storage_cluster_not_found'],
      [['katapult', 'get-object', '--bucket', 'backups', '--path', 'nope'], env, 'object_not_found'],
      [['katapult', 'get-account', '--org', 'nope'], env, 'organization_not_found'],
      [['katapult', 'get-access-key', '--access-key', 'objkey_nope'], env, 'object_storage_access_key_not_found'],
      [['katapult', 'create-bucket', '--org', 'acme', '--name', ''], env, 'validation_error'],
      [['katapult', 'create-account', '--org', 'acme'], env, 'validation_error'],
      [['katapult', 'revoke-presigned-urls', '--bucket', 'backups', '--yes'], throttled, 'rate_limit_reached'],
      [updateBucket, await bad('PATCH', getBucket, { body: JSON.stringify(lookup), bearer: null }), 'missing_api_token'],
      [updateBucket, await bad('PATCH', getBucket, { body: '{"bucket":' }), 'invalid_json_body'],
      [updateBucket, await bad('PATCH', getBucket, { body: JSON.stringify({ ...lookup, properties: { label: 5 } }) }), 'invalid_argument'],
      [updateBucket, await bad('PATCH', getBucket, { body: JSON.stringify({ object_storage_cluster: { region: 'uk-lon-1' } }) }), 'missing_required_argument'],
      [updateBucket, await bad('PATCH', getBucket, { body: JSON.stringify({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: '' } }) }), 'invalid_argument'],
      [['katapult', 'list-access-keys', '--org', 'acme'], await bad('GET', `${accessKeys}?organization[sub_domain]=acme&page=second`), 'invalid_argument'],
      [['katapult', 'list-access-keys', '--org', 'acme'], await bad('GET', `${accessKeys}?organization[sub_domain]=acme&organization[id]=org_1`), 'invalid_argument'],
      [['katapult', 'get-bucket', '--bucket', 'backups'], await bad('GET', '/object_storage/object_storage_cluster/buckets'), 'route_not_found'],
      [['captain', 'list-buckets', '--project', projectId], { ...env, CAPTAIN_API_KEY: 'not-a-key-it-knows' }, 'status 401'],
      [['captain', 'list-buckets', '--project', projectId], { ...env, CAPTAIN_API_KEY: undefined, CAPTAIN_TOKEN: 'not-a-token-it-knows' }, 'status 401'],
      [['captain', 'list-object-versions', '--project', projectId, '--bucket', 'app-logs', '--key', 'nope'], env, 'status 404'],
      [['captain', 'restore-object-version', '--project', projectId, '--bucket', 'app-logs', '--key', 'api.log', '--version-id', 'nope', '--yes'], env, 'status 404'],
      [['captain', 'delete-object-version', '--project', projectId, '--bucket', 'app-logs', '--key', 'api.log', '--version-id', 'nope', '--yes'], env, 'status 404'],
      [['captain', 'list-objects', '--project', projectId, '--bucket', 'app-logs'], throttled, 'status 429'],
    ];
    // One request through each throttled API first: the answers above are then the 429s.
    await cli(['katapult', 'get-bucket', '--bucket', 'backups'], throttled);
    await cli(['captain', 'list-buckets', '--project', projectId], throttled);
    for (const [args, environment, carries] of cases) {
      const { code, stdout, stderr } = await cli(args, environment);
      const ran = `${args.join(' ')} → ${stderr}`;
      expect(code, ran).toBeGreaterThanOrEqual(3);
      expect(stdout, ran).toBe('');
      expect(stderr, ran).toMatch(/^error: /);
      expect(stderr, ran).toContain(carries);
      expect(stderr, ran).not.toMatch(objectLiteral);
      expect(stderr, ran).not.toMatch(/\[object Object\]|\[Object\]|\[Array\]/);
    }
  }, 60_000);
});
