import { describe, expect, it } from 'vitest';
import { createKatapultClient } from '../src/index.js';
import { recordingFetch } from './support/recording-fetch.js';
import { documentedCases, loadSpec } from './support/specs.js';

const body = { object_storage_cluster: { region: 'uk-lon-01' }, bucket: { name: 'backups' } };
const errors = documentedCases(loadSpec('katapult')).filter((c) => c.status >= 400);

const answer = (status: number, json: unknown) =>
  createKatapultClient({ token: 't', retry: false, fetch: recordingFetch(() => Response.json(json, { status })).fetch }).revokePresignedUrls(body, { retry: false });

describe('a Katapult error is the documented member only when its body fits', () => {
  it.each(errors)('$status $example as documented', async ({ status, example, value }) => {
    const result = await answer(status, value);
    expect(!result.ok && result.error).toMatchObject({ kind: 'api', status, code: example, detail: value.detail });
  });

  it.each(errors)('$status $example under the wrong status', async ({ status, value }) => {
    const result = await answer(status === 400 ? 403 : 400, value);
    expect(!result.ok && result.error.kind).toBe('unexpected_response');
  });

  const broken: Array<[string, number, Record<string, unknown>]> = [
    ['rate_limit_reached', 429, {}],
    ['rate_limit_reached', 429, { total_permitted: '60' }],
    ['scope_not_granted', 403, { scopes: 'object_storage' }],
    ['unauthorized_network_for_api_token', 403, { ip: '203.0.113.7' }],
    ['invalid_api_token', 403, { details: 42 }],
    ['permission_denied', 403, {}],
    ['object_in_trash', 406, { trash_object: { id: 'x' } }],
    ['object_in_trash', 406, {}],
  ];

  it.each(broken)('%s with detail %j is an unexpected response', async (code, status, detail) => {
    const result = await answer(status, { code, description: 'd', detail });
    expect(!result.ok && result.error).toMatchObject({ kind: 'unexpected_response', status });
  });

  it('an unknown code is an unexpected response, not a documented one', async () => {
    const result = await answer(403, { code: 'brand_new_code', description: 'd', detail: {} });
    expect(!result.ok && result.error).toMatchObject({ kind: 'unexpected_response', status: 403 });
  });
});
