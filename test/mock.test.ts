// What the mocks answer where Prism alone would mislead: random rate-limit headers that
// make sense, an invalid request answered with a framework error, and (through the front
// `npm run mock` puts before Katapult's Prism) a missing token answered as Katapult does.
// Against the real Prism of the test run, and `npm run mock` itself as a user starts it.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { operations } from '../generated/katapult/index.js';
import { katapultTable } from '../generated/katapult/table.js';
import { createKatapultClient } from '../src/index.js';
import type { OperationSpec } from '../src/core/operation.js';
import { startKatapultFront, type Front } from '../scripts/mock-front.js';
import { freePort } from '../scripts/prism.js';
import { fits } from './support/fits.js';

const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const all = Object.entries(operations) as [string, OperationSpec][];
const getBucket = '/object_storage/object_storage_cluster/buckets/bucket';
const bucketsPath = '/organizations/organization/object_storage/object_storage_cluster/buckets';

/** A request with a token (unless `token` is null) and a JSON body (when given). */
function request(base: string, method: string, path: string, { body, token = 'fake-token', prefer }: { body?: unknown; token?: string | null; prefer?: string } = {}) {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (prefer) headers.prefer = prefer;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
}

/** The status and body of an answer, and whether it fits the operation's documented response. */
async function read(operation: OperationSpec, response: Response) {
  const body = await response.json();
  return { status: response.status, code: body.error?.code as string | undefined, description: body.error?.description as string | undefined, detail: body.error?.detail, fits: fits(operation, response.status, body), headers: response.headers };
}

describe('Prism alone, serving the bundled spec', () => {
  it('random rate-limit headers are non-negative integers, and the request ID a UUID', async () => {
    for (let n = 0; n < 20; n++) {
      const response = await request(inject('katapultMockUrl'), 'GET', `${getBucket}?object_storage_cluster%5Bregion%5D=uk-lon-1&bucket%5Bname%5D=b`, { prefer: 'dynamic=true' });
      await response.body?.cancel();
      expect(response.headers.get('x-ratelimit-permitted')).toMatch(/^\d+$/);
      expect(response.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
      expect(response.headers.get('x-request-id')).toMatch(uuid);
    }
  });

  it("answers a request without arguments with a framework error or a documented 422, never missing_api_token", async () => {
    const passed: string[] = [];
    for (const [name, operation] of all) {
      const result = await read(operation, await request(inject('katapultMockUrl'), operation.method, operation.path, operation.method === 'GET' ? {} : { body: {} }));
      // Prism answers a request that breaks the spec with the first example of the 422
      // where there is one, else of the 400: the 400's examples put the argument errors first.
      if (result.status === 200) passed.push(name);
      else if ('422' in { ...operation.responses, ...operation.errors }) expect(result, name).toMatchObject({ status: 422, fits: true });
      else expect(result, name).toMatchObject({ status: 400, code: 'missing_required_argument', fits: true });
    }
    // Every operation is refused: since Katapult spec 3.0.0 the organization lookup is a
    // union whose branches each require their member, so Prism sees a missing one too.
    expect(passed).toEqual([]);
  });
});

describe("the front `npm run mock` puts before Katapult's Prism", () => {
  let front: Front;
  beforeAll(async () => {
    front = await startKatapultFront({ target: inject('katapultMockUrl') });
  });
  afterAll(() => front?.stop());

  it('no token: 400 missing_api_token, wrapped, as Katapult answers (Prism alone: its own 401 problem+json)', async () => {
    const path = `${getBucket}?object_storage_cluster%5Bregion%5D=uk-lon-1&bucket%5Bname%5D=b`;
    const bare = await request(inject('katapultMockUrl'), 'GET', path, { token: null });
    await bare.body?.cancel();
    expect([bare.status, bare.headers.get('content-type')]).toEqual([401, 'application/problem+json']);
    const result = await read(operations.getBucket, await request(front.url, 'GET', path, { token: null }));
    expect(result).toMatchObject({ status: 400, code: 'missing_api_token', detail: {}, fits: true });
    expect(result.headers.get('x-api-schema')).toBe('json-error');
    expect(result.headers.get('x-request-id')).toMatch(uuid);
  });

  it.each(all)('%s without its arguments: 400 missing_required_argument naming the first', async (_, operation) => {
    const result = await read(operation, await request(front.url, operation.method, operation.path, operation.method === 'GET' ? {} : { body: {} }));
    const first = katapultTable.rows.find((row) => row.operation === operation)!.required[0]!;
    expect(result).toMatchObject({ status: 400, code: 'missing_required_argument', detail: { path: [first], argument: { name: first } }, fits: true });
  });

  it('an empty lookup, and one with two values: invalid_argument with the issue Katapult names', async () => {
    const base = { object_storage_cluster: { region: 'uk-lon-1' }, properties: { name: 'logs' } };
    const empty = await read(operations.createBucket, await request(front.url, 'POST', bucketsPath, { body: { ...base, organization: {} } }));
    expect(empty).toMatchObject({
      status: 400,
      code: 'invalid_argument',
      detail: { path: ['organization'], issue: 'missing_lookup_value', argument: { id: 'CoreAPI/ArgumentSets/OrganizationLookup', name: 'organization' } },
      fits: true,
    });
    const both = await read(operations.createBucket, await request(front.url, 'POST', bucketsPath, { body: { ...base, organization: { id: 'org_1', sub_domain: 'acme' } } }));
    expect(both).toMatchObject({ status: 400, code: 'invalid_argument', detail: { issue: 'ambiguous_lookup_values' }, fits: true });
    const query = await read(operations.getBucket, await request(front.url, 'GET', `${getBucket}?object_storage_cluster%5Bregion%5D=uk-lon-1&bucket%5Bname%5D=`));
    expect(query).toMatchObject({ status: 400, code: 'invalid_argument', detail: { path: ['bucket'], issue: 'missing_lookup_value' }, fits: true });
  });

  it('a value that breaks the spec: invalid_argument naming the argument, as the fake answers it', async () => {
    const result = await read(operations.listAccessKeys, await request(front.url, 'GET', '/organizations/organization/object_storage/access_keys?organization%5Bsub_domain%5D=acme&page=first'));
    // Apia reads `page` as an integer where the text is one; `first` it cannot parse.
    expect(result).toMatchObject({
      status: 400,
      code: 'invalid_argument',
      description: "The 'page' argument is invalid",
      detail: { path: ['page'], issue: 'parse_error', errors: ['Integer must be provided as an integer or a string only containing numbers'] },
      fits: true,
    });
  });

  it('a body that does not parse: 400 invalid_json_body', async () => {
    const result = await read(operations.createBucket, await request(front.url, 'POST', bucketsPath, { body: '{"organization":' }));
    expect(result).toMatchObject({ status: 400, code: 'invalid_json_body', fits: true });
  });

  it('passes everything else to Prism: a valid call, and a case asked for with Prefer', async () => {
    const katapult = createKatapultClient({ token: 'fake-token', baseUrl: front.url, retry: false });
    const bucket = await katapult.getBucket({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } });
    expect(bucket).toMatchObject({ ok: true, status: 200, data: { object_storage_bucket: { name: 'backups', custom_domains: [], cors_origins: [] } } });
    const asked = await read(operations.getBucket, await request(front.url, 'GET', getBucket, { prefer: 'code=400, example=missing_api_token' }));
    expect(asked).toMatchObject({ status: 400, code: 'missing_api_token', fits: true });
  });
});

describe('npm run mock', () => {
  it('starts both mocks; Katapult answers a missing token as the server does, Captain with its 401 envelope', async () => {
    const [katapultPort, captainPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, [tsx, 'scripts/mock.ts'], { env: { ...process.env, KATAPULT_MOCK_PORT: String(katapultPort), CAPTAIN_MOCK_PORT: String(captainPort) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm run mock did not start:\n${output}`)), 45_000);
        const check = () => output.includes('Ctrl-C stops both mocks') && (clearTimeout(timer), resolve());
        child.stdout.on('data', check);
        child.once('exit', (code) => reject(new Error(`npm run mock exited with ${code}:\n${output}`)));
      });
      expect(output).toContain(`katapult mock on http://127.0.0.1:${katapultPort}`);
      const katapult = await read(operations.getBucket, await request(`http://127.0.0.1:${katapultPort}`, 'GET', getBucket, { token: null }));
      expect(katapult).toMatchObject({ status: 400, code: 'missing_api_token', fits: true });
      const captain = await fetch(`http://127.0.0.1:${captainPort}/api/v1/projects/f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6/buckets?search=a`);
      expect([captain.status, await captain.json()]).toEqual([401, { success: false, errors: ['Unauthorized.'], messages: [], result: null }]);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
