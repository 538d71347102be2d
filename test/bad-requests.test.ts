// The fake and `npm run mock` answer a bad request alike, because both run one model of
// Katapult's API framework (src/testing/apia.ts): the same status, code and issue for each
// of ten bad requests. The wrong enum is sent to an operation added to a copy of the spec,
// since no Katapult object storage operation takes an enum.
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { Front } from '../scripts/mock-front.js';
import type { Fake } from '../src/testing/index.js';
import { madeUp, madeUpKatapult, type MadeUp } from './support/made-up.js';

let copy: MadeUp;
let fake: Fake;
let served: { url: string; close(): Promise<void> };
let front: Front;
beforeAll(async () => {
  copy = await madeUpKatapult();
  // Both surfaces read the table with the made-up operation in it.
  vi.resetModules();
  vi.doMock('../generated/katapult/index.js', () => import(copy.modules.index));
  vi.doMock('../generated/katapult/table.js', () => import(copy.modules.table));
  const [{ createFake, demoCredentials, seedDemo }, { startKatapultFront }] = await Promise.all([import('../src/testing/index.js'), import('../scripts/mock-front.js')]);
  fake = createFake(demoCredentials);
  seedDemo(fake);
  served = await fake.listen();
  front = await startKatapultFront({ target: inject('katapultMockUrl') });
}, 60_000);
afterAll(async () => {
  await Promise.all([served?.close(), front?.stop()]);
  copy?.remove();
  vi.doUnmock('../generated/katapult/index.js');
  vi.doUnmock('../generated/katapult/table.js');
});

const lookup = { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } };
const getBucket = '/object_storage/object_storage_cluster/buckets/bucket';
const query = (values: Record<string, string>) => `?${new URLSearchParams(values)}`;

interface Bad {
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly token?: string | null;
  /** What the answer must be, on both. */
  readonly expected: { readonly status: number; readonly code: string; readonly issue?: string };
}

const bad: Record<string, Bad> = {
  'a wrong enum': { method: 'POST', path: madeUp.path, body: JSON.stringify({ ...lookup, properties: { storage_class: 'glacier' } }), expected: { status: 400, code: 'invalid_argument', issue: 'invalid_enum_value' } },
  'a wrong scalar': { method: 'PATCH', path: getBucket, body: JSON.stringify({ ...lookup, properties: { label: 5 } }), expected: { status: 400, code: 'invalid_argument', issue: 'invalid_scalar' } },
  'a missing argument': { method: 'GET', path: `${getBucket}${query({ 'object_storage_cluster[region]': 'uk-lon-1' })}`, expected: { status: 400, code: 'missing_required_argument' } },
  'an empty lookup': { method: 'GET', path: `${getBucket}${query({ 'object_storage_cluster[region]': 'uk-lon-1', 'bucket[name]': '' })}`, expected: { status: 400, code: 'invalid_argument', issue: 'missing_lookup_value' } },
  'a double lookup': {
    method: 'POST',
    path: '/organizations/organization/object_storage/object_storage_cluster/buckets',
    body: JSON.stringify({ organization: { id: 'org_1', sub_domain: 'acme' }, object_storage_cluster: { region: 'uk-lon-1' }, properties: { name: 'x' } }),
    expected: { status: 400, code: 'invalid_argument', issue: 'ambiguous_lookup_values' },
  },
  'a body that does not parse': { method: 'DELETE', path: getBucket, body: '{"bucket":', expected: { status: 400, code: 'invalid_json_body' } },
  'an unknown token': { method: 'GET', path: `${getBucket}${query({ 'object_storage_cluster[region]': 'uk-lon-1', 'bucket[name]': 'backups' })}`, token: 'not-a-token', expected: { status: 403, code: 'invalid_api_token' } },
  'a missing scope': { method: 'DELETE', path: getBucket, body: JSON.stringify(lookup), token: 'fake-read-token', expected: { status: 403, code: 'scope_not_granted' } },
  'a wrong page': {
    method: 'GET',
    path: `/organizations/organization/object_storage/access_keys${query({ 'organization[sub_domain]': 'acme', page: 'second' })}`,
    expected: { status: 400, code: 'invalid_argument', issue: 'parse_error' },
  },
  'an unknown route': { method: 'GET', path: '/object_storage/object_storage_cluster/buckets', expected: { status: 404, code: 'route_not_found' } },
};

async function answer(base: string, { method, path, body, token = 'fake-token' }: Bad) {
  const headers: Record<string, string> = { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  const response = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const { error } = (await response.json()) as { error?: { code: string; detail?: { issue?: string } } };
  return { status: response.status, code: error?.code, ...(error?.detail?.issue === undefined ? {} : { issue: error.detail.issue }), schema: response.headers.get('x-api-schema') };
}

describe('the fake and npm run mock answer ten bad requests alike', () => {
  it.each(Object.entries(bad))('%s', async (_, request) => {
    const fromFake = await answer(fake.katapultBaseUrl, request);
    const fromMock = await answer(front.url, request);
    expect(fromFake).toEqual({ ...request.expected, schema: 'json-error' });
    expect(fromMock).toEqual(fromFake);
  });

  it('and a good one alike: both let it through', async () => {
    const good = { method: 'GET', path: `${getBucket}${query({ 'object_storage_cluster[region]': 'uk-lon-1', 'bucket[name]': 'backups' })}`, expected: { status: 200, code: '' } };
    const [fromFake, fromMock] = await Promise.all([answer(fake.katapultBaseUrl, good), answer(front.url, good)]);
    expect([fromFake.status, fromMock.status]).toEqual([200, 200]);
  });
});
