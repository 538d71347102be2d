// Secrets the API returns (an access key's S3 secret, a presigned URL) never reach an
// error: its message, its text, its JSON or what util.inspect prints.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createKatapultClient, unwrap } from '../src/index.js';

const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const signedUrl = 'https://backups.uk-lon-1.s3.katapult.io/db.sql.gz?X-Amz-Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7';

const katapult = (status: number, body: string) =>
  createKatapultClient({ token: 't', retry: false, fetch: async () => new Response(body, { status, headers: { 'content-type': 'application/json' } }) });

const leaks = (error: unknown, value: string) =>
  [JSON.stringify(error), inspect(error, { depth: 10 }), String((error as { message?: string }).message), String((error as { text?: string }).text)].some((text) =>
    text.includes(value),
  );

describe('secrets in responses stay out of errors', () => {
  it.each([
    ['a credentials body that misses a member', JSON.stringify({ object_storage_access_key: { id: 'k', s3_secret_access_key: secret } })],
    ['a credentials body that is not JSON', `{"object_storage_access_key": {"s3_secret_access_key": "${secret}", `],
  ])('%s', async (_, body) => {
    const result = await katapult(200, body).generateAccessKeyCredentials({ access_key: { id: 'k' } });
    expect(!result.ok && result.error.kind).toBe('unexpected_response');
    if (result.ok || result.error.kind !== 'unexpected_response') return;
    expect(result.error.text).toMatch(/"s3_secret_access_key":\s*"\[redacted\]"/);
    expect(leaks(result.error, secret)).toBe(false);
    const thrown = await unwrap(katapult(200, body).generateAccessKeyCredentials({ access_key: { id: 'k' } })).catch((error: unknown) => error);
    expect(leaks(thrown, secret)).toBe(false);
  });

  it('a presigned URL under a status the operation does not document', async () => {
    const result = await katapult(202, JSON.stringify({ url: signedUrl, expires: 'soon' })).createPresignedUrl({
      object_storage_cluster: { region: 'uk-lon-1' },
      bucket: { name: 'backups' },
      path: 'db.sql.gz',
      properties: {},
    });
    expect(!result.ok && result.error).toMatchObject({ kind: 'unexpected_response', text: '{"url":"[redacted]","expires":"soon"}' });
    expect(leaks(!result.ok && result.error, signedUrl)).toBe(false);
  });

  it('the secret still reaches the caller on success', async () => {
    const key = {
      id: 'k', name: 'n', created_at: 1, region: 'uk-lon-1', state: 'configured', all_buckets_read: false, all_objects_read: false,
      all_objects_write: false, read_buckets: [], write_buckets: [], server_url: null, s3_access_key_id: 'AKIA', s3_secret_access_key: secret,
    };
    const result = await katapult(200, JSON.stringify({ object_storage_access_key: key })).generateAccessKeyCredentials({ access_key: { id: 'k' } });
    expect(result.ok && result.data.object_storage_access_key.s3_secret_access_key).toBe(secret);
  });
});
