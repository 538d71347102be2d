// What the Katapult server really sends, served byte for byte from a loopback server:
// every error wrapped in `error`, with X-Api-Schema, the rate-limit headers and a request
// ID. The evidence, all of it public: the traffic recorded against api.katapult.io in
// test/fixtures/recordings/ (from Krystal's Terraform provider, krystal/terraform-provider-katapult,
// internal/v6provider/testdata/), whose every error is wrapped; the vendor's framework,
// krystal/apia (lib/apia/endpoint.rb sets `error` and X-Api-Schema); and the vendor's Go
// client, krystal/go-katapult (errors.go reads `error.code`). The spec's root description
// (openapi/katapult/openapi.yaml) says the same.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKatapultClient } from '../src/index.js';

interface Fixture {
  readonly status: number;
  readonly body: string;
  readonly permitted: string;
}

const errorHeaders = { 'x-api-schema': 'json-error' };
const fixtures: Record<string, Fixture> = {
  // Recorded verbatim from api.katapult.io (a 404 from getting a bucket).
  bucketNotFound: {
    status: 404,
    permitted: '1000',
    body: '{"error":{"code":"object_storage_bucket_not_found","description":"No object storage bucket was found matching any of the criteria provided in the arguments","detail":{}}}',
  },
  invalidArgument: {
    status: 400,
    permitted: '200',
    body: JSON.stringify({
      error: {
        code: 'invalid_argument',
        description: 'The value for an argument was invalid',
        detail: { path: ['bucket'], index: null, issue: 'missing_lookup_value', issue_description: null, errors: [], argument: { id: 'Katapult/Core/v1/Arguments/ObjectStorageBucketLookup', name: 'bucket', description: null } },
      },
    }),
  },
  missingRequiredArgument: {
    status: 400,
    permitted: '1000',
    body: JSON.stringify({ error: { code: 'missing_required_argument', description: 'A required argument was not provided', detail: { path: ['bucket'], argument: { name: 'bucket', description: null } } } }),
  },
  invalidJsonBody: {
    status: 400,
    permitted: '1000',
    body: JSON.stringify({ error: { code: 'invalid_json_body', description: 'The JSON body provided was not valid', detail: { details: "unexpected token at '{'" } } }),
  },
  validationError: {
    status: 422,
    permitted: '1000',
    body: JSON.stringify({ error: { code: 'validation_error', description: 'A validation error occurred with the object that was being created/updated/deleted', detail: { errors: ["Label can't be blank"] } } }),
  },
  unhandledException: {
    status: 500,
    permitted: '1000',
    body: JSON.stringify({ error: { code: 'unhandled_exception', description: null, detail: {} } }),
  },
  bucket: {
    status: 200,
    permitted: '1000',
    body: JSON.stringify({
      object_storage_bucket: {
        name: 'backups', label: null, created_at: 1763683200, state: 'configured', custom_domains: [], object_count: 12, size: 4096,
        serve_static_site: false, static_site_index: null, static_site_error: null, cors_origins: [], public_url: 'https://backups.uk-lon-1.katapultobjects.com/',
        access_control_list: { public_read: false, public_list: false, all_keys_read: true, all_keys_write: false, read_key_ids: [], write_key_ids: [] },
      },
    }),
  },
};

const requestId = '0b6d2f1c-3e4a-4b5c-8d9e-0f1a2b3c4d5e';
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const fixture = fixtures[request.headers['x-fixture'] as string]!;
    response.writeHead(fixture.status, {
      'content-type': 'application/json',
      'x-ratelimit-permitted': fixture.permitted,
      'x-ratelimit-remaining': '917',
      'x-request-id': requestId,
      ...(fixture.status >= 400 ? errorHeaders : {}),
    });
    response.end(fixture.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/core/v1`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const katapult = (fixture: string) =>
  createKatapultClient({
    token: 'wire-token',
    baseUrl,
    retry: false,
    fetch: (request) => {
      request.headers.set('x-fixture', fixture);
      return fetch(request);
    },
  });
const lookup = { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } };

describe('recorded Katapult responses come back as their typed members', () => {
  it.each([
    ['bucketNotFound', 404, 'object_storage_bucket_not_found', {}, 1000],
    ['invalidArgument', 400, 'invalid_argument', JSON.parse(fixtures.invalidArgument!.body).error.detail, 200],
    ['missingRequiredArgument', 400, 'missing_required_argument', { path: ['bucket'], argument: { name: 'bucket', description: null } }, 1000],
    ['unhandledException', 500, 'unhandled_exception', {}, 1000],
  ] as const)('%s on getBucket', async (fixture, status, code, detail, permitted) => {
    const result = await katapult(fixture).getBucket(lookup);
    expect(result).toMatchObject({ ok: false, requestId, rateLimit: { permitted, remaining: 917 } });
    expect(!result.ok && result.error).toMatchObject({ kind: 'api', status, code, detail, requestId });
    expect(!result.ok && result.error.message).toBe(
      `Request failed (status ${status} ${code}): GET ${baseUrl}/object_storage/object_storage_cluster/buckets/bucket (request ID ${requestId})`,
    );
  });

  it('invalid_json_body and validation_error on updateBucket, which has a body', async () => {
    const json = await katapult('invalidJsonBody').updateBucket({ ...lookup, properties: { label: 'x' } });
    expect(!json.ok && json.error).toMatchObject({ kind: 'api', status: 400, code: 'invalid_json_body', detail: { details: "unexpected token at '{'" } });
    const invalid = await katapult('validationError').updateBucket({ ...lookup, properties: { label: '' } });
    expect(!invalid.ok && invalid.error).toMatchObject({ kind: 'api', status: 422, code: 'validation_error', detail: { errors: ["Label can't be blank"] } });
  });

  it('a success carries its request ID and rate limit too', async () => {
    const result = await katapult('bucket').getBucket(lookup);
    expect(result).toMatchObject({ ok: true, status: 200, requestId, rateLimit: { permitted: 1000, remaining: 917 } });
    expect(result.ok && result.data.object_storage_bucket.name).toBe('backups');
  });
});
