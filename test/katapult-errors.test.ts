import { describe, expect, it } from 'vitest';
import { katapultErrorCodes } from '../src/index.js';
import { callOperation } from './support/inputs.js';
import { documentedCases, loadSpec } from './support/specs.js';

const requestId = '5f0c2b7e-8d1a-4e3b-9c6f-2a7d1e0b4c93';
const headers = { 'x-api-schema': 'json-error', 'x-request-id': requestId, 'x-ratelimit-permitted': '1000', 'x-ratelimit-remaining': '997' };

// Each documented (status, code) once, through the first operation that documents it.
const seen = new Set<string>();
const errors = documentedCases(loadSpec('katapult')).filter((c) => {
  const key = `${c.status} ${c.example}`;
  if (c.status < 400 || seen.has(key)) return false;
  seen.add(key);
  return true;
});

const answer = (operationId: string, status: number, json: unknown) =>
  callOperation(operationId, {
    baseUrl: 'https://api.katapult.io/core/v1',
    fetch: async () => Response.json(json, { status, headers }),
    options: { retry: false },
  });

describe('a Katapult error is the documented member only when its body fits', () => {
  // Each documented case, wrapped as the server sends it, comes back as its member in
  // test/contract.test.ts (through Prism); here, what only an injected answer can show.
  it('has an example for every code the spec documents, each one', () => {
    expect(errors.map((c) => c.example).sort()).toEqual([...katapultErrorCodes].sort());
  });

  it.each(errors)('$status $example, bare as the vendor page shows it, gives the member the wrapped body gives', async ({ operationId, status, example, value }) => {
    const wrapped = await answer(operationId, status, value);
    const bare = await answer(operationId, status, value.error);
    expect(wrapped.error).toMatchObject({ kind: 'api', status, code: example, detail: value.error.detail, requestId });
    expect(bare.error).toEqual(wrapped.error);
  });

  it.each(errors)('$status $example under another status is an unexpected response that keeps the code', async ({ operationId, status, example, value }) => {
    const result = await answer(operationId, status === 400 ? 403 : 400, value);
    expect(result.error).toMatchObject({ kind: 'unexpected_response', code: example, violations: [{ path: '/error/code' }] });
  });

  const broken: Array<[string, number, string, Record<string, unknown>]> = [
    ['revokePresignedUrls', 429, 'rate_limit_reached', {}],
    ['revokePresignedUrls', 429, 'rate_limit_reached', { total_permitted: '60' }],
    ['revokePresignedUrls', 403, 'scope_not_granted', { scopes: 'object_storage' }],
    ['revokePresignedUrls', 403, 'unauthorized_network_for_api_token', { ip: '203.0.113.7' }],
    ['revokePresignedUrls', 403, 'invalid_api_token', { details: 42 }],
    ['revokePresignedUrls', 403, 'permission_denied', {}],
    ['revokePresignedUrls', 406, 'object_in_trash', { trash_object: { id: 'x' } }],
    ['revokePresignedUrls', 406, 'object_in_trash', {}],
    ['createBucket', 422, 'validation_error', { errors: [1] }],
    ['getBucket', 400, 'invalid_argument', { path: ['bucket'], index: null, issue: 'no_such_issue', issue_description: null, errors: [], argument: { id: 'a', name: 'bucket', description: null } }],
  ];

  it.each(broken)('%s %i %s with detail %j is an unexpected response with the code and where it breaks', async (operationId, status, code, detail) => {
    const result = await answer(operationId, status, { error: { code, description: 'd', detail } });
    expect(result.error).toMatchObject({ kind: 'unexpected_response', status, code, requestId });
    expect(result.error.violations.length).toBeGreaterThan(0);
    expect(result.error.violations[0].path).toMatch(/^\/error\/detail/);
  });

  it('an unknown code is an unexpected response, not a documented one', async () => {
    const result = await answer('revokePresignedUrls', 403, { error: { code: 'brand_new_code', description: 'd', detail: {} } });
    expect(result.error).toMatchObject({
      kind: 'unexpected_response',
      status: 403,
      code: 'brand_new_code',
      violations: [{ path: '/error/code', rule: 'is not a code documented for status 403' }],
      message: `Request failed (status 403 brand_new_code, unexpected response): POST https://api.katapult.io/core/v1/object_storage/object_storage_cluster/buckets/bucket/revoke_presigned_urls (request ID ${requestId})`,
    });
  });

  it('unhandled_exception carries a null description', async () => {
    const result = await answer('getBucket', 500, { error: { code: 'unhandled_exception', description: null, detail: {} } });
    expect(result.error).toMatchObject({ kind: 'api', status: 500, code: 'unhandled_exception', description: null, detail: {} });
  });

  it('a success body that breaks its schema is an unexpected response pointing at the member', async () => {
    const result = await answer('revokePresignedUrls', 200, { success: 'yes' });
    expect(result.error).toMatchObject({ kind: 'unexpected_response', status: 200, violations: [{ path: '/success', rule: 'must be boolean' }] });
  });
});
