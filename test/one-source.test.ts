// The spec is the one place a rule lives: change a rule in a copy of the bundled spec,
// generate again, and the client follows, for inputs and for responses alike.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generate } from '../scripts/codegen/generate.js';
import { root } from '../scripts/codegen/paths.js';
import { envelope, recordingFetch } from './support/recording-fetch.js';
import { loadSpec } from './support/specs.js';

// Inside the project, so that the modules written there find the sources and the packages.
mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
const dir = mkdtempSync(join(root, 'node_modules/.cache/one-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const location = { projectId: 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6', bucket: 'a'.repeat(12), key: 'k' };
const bucket = { name: 'photos', bytes: 1, objects: 1, processingType: null, status: 'Active', endpoint: 'https://s3.example.net' };

async function clientFrom(index: string) {
  vi.resetModules();
  vi.doMock('../generated/captain/index.js', () => import(index));
  const { createCaptainClient } = await import('../src/captain/client.js');
  const recorder = recordingFetch((request) => envelope(request.url.endsWith('/buckets') ? [bucket] : []));
  return { recorder, client: createCaptainClient({ baseUrl: 'https://storage.example.net', auth: { apiKey: 'k' }, fetch: recorder.fetch }) };
}

describe('a rule changed in the spec changes the client', () => {
  it('follows a shorter bucket name and a stricter bucket record', async () => {
    const spec = loadSpec('captain');
    spec.components.parameters.BucketName.schema.maxLength = 10;
    spec.components.schemas.Bucket.properties.bytes = { type: 'string' };
    writeFileSync(join(dir, 'captain.json'), JSON.stringify(spec));
    copyFileSync(join(root, 'generated/katapult.json'), join(dir, 'katapult.json'));
    await generate({ specDir: dir, types: false, src: relative(join(dir, 'captain'), join(root, 'src')) });

    const before = await clientFrom(join(root, 'generated/captain/index.ts'));
    expect((await before.client.listObjectVersions(location)).ok).toBe(true);
    expect((await before.client.listBuckets({ projectId: location.projectId })).ok).toBe(true);

    const after = await clientFrom(join(dir, 'captain/index.ts'));
    const refused = await after.client.listObjectVersions(location);
    expect(!refused.ok && refused.error).toMatchObject({ kind: 'invalid_input', parameter: 'bucket', rule: 'must be 3 to 10 characters long' });
    const listed = await after.client.listBuckets({ projectId: location.projectId });
    if (listed.ok || listed.error.kind !== 'unexpected_response') throw new Error('expected an unexpected_response');
    expect(listed.error.violations[0]).toEqual({ path: '/result/0/bytes', rule: 'must be string' });
    expect(after.recorder.requests).toHaveLength(1);
    vi.doUnmock('../generated/captain/index.js');
  });
});
