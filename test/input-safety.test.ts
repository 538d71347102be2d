import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surfaces } from './support/standalone.js';
import { envelope, recordingFetch } from './support/recording-fetch.js';

const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
const object = { projectId, bucket: 'holiday-photos', key: 'a.jpg' };
const base = 'https://storage.example.net/prefix';
// One flat pattern holds the character set and the first and last character, so that
// generators can read it; its words name both.
const bucketCharacters = 'may hold only lowercase letters, digits, dots and hyphens, and must begin and end with a letter or digit';

describe.each(Object.entries(surfaces))('through %s', (_, surface) => {
  function captain() {
    const recorder = recordingFetch((request) => envelope(request.method === 'GET' ? [] : true));
    return { ...recorder, client: surface.captain({ baseUrl: base, auth: { apiKey: 'k' }, fetch: recorder.fetch }) };
  }

  describe('values that cannot be valid are refused before anything is sent', () => {
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      ['an empty project id', { projectId: '' }, 'projectId', 'must be a GUID such as f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6'],
      ['a project id that is no GUID', { projectId: 'f5faa2e3-316b-4dd0-8f4d' }, 'projectId', 'must be a GUID such as f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6'],
      ['a project id with a path in it', { projectId: `../${projectId}` }, 'projectId', 'must be a GUID such as f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6'],
      ['a short bucket name', { bucket: 'ab' }, 'bucket', 'must be 3 to 63 characters long'],
      ['a long bucket name', { bucket: 'a'.repeat(64) }, 'bucket', 'must be 3 to 63 characters long'],
      ['an upper-case bucket name', { bucket: 'Photos' }, 'bucket', bucketCharacters],
      ['a bucket name with a slash', { bucket: 'a/b/c' }, 'bucket', bucketCharacters],
      ['a bucket name ending in a hyphen', { bucket: 'photos-' }, 'bucket', bucketCharacters],
      ['a bucket name starting with a dot', { bucket: '.photos' }, 'bucket', bucketCharacters],
      ['an IPv4-shaped bucket name', { bucket: '192.168.5.4' }, 'bucket', 'must not look like an IPv4 address'],
      ['an empty key', { key: '' }, 'key', 'must not be empty'],
      ['the key .', { key: '.' }, 'key', "must not be '.' or '..'"],
      ['the key ..', { key: '..' }, 'key', "must not be '.' or '..'"],
      ['a key with a lone surrogate', { key: 'a\uD800b' }, 'key', 'must be well-formed Unicode (no lone surrogates)'],
      ['a key that is not a string', { key: 42 }, 'key', 'must be a string'],
      ['a page size of 0', { maxKeys: 0 }, 'maxKeys', 'must be an integer from 1 to 2147483647'],
      ['a fractional page size', { maxKeys: 2.5 }, 'maxKeys', 'must be an integer'],
      ['an empty key marker', { keyMarker: '' }, 'keyMarker', 'must not be empty'],
    ];

    it.each(cases)('%s', async (_, change, parameter, rule) => {
      const { client, requests } = captain();
      const result = await client.listObjectVersions({ ...object, ...change } as never);
      expect(result).toEqual({
        ok: false,
        response: undefined,
        error: {
          kind: 'invalid_input',
          parameter,
          rule,
          operationId: 'listObjectVersions',
          message: `Request failed (not sent, ${parameter} ${rule}): GET ${base}/api/v{version}/projects/{projectId}/buckets/{name}/objects/{key}`,
        },
      });
      expect(requests).toHaveLength(0);
    });

    it.each([
      ['restoreObjectVersion', ''],
      ['deleteObjectVersion', ''],
      ['deleteObjectVersion', undefined],
    ] as const)('%s refuses the version id %j', async (method, versionId) => {
      const { client, requests } = captain();
      const result = await client[method]({ ...object, versionId } as never);
      expect(!result.ok && result.error).toMatchObject({ kind: 'invalid_input', parameter: 'versionId' });
      expect(requests).toHaveLength(0);
    });

    it('refuses empty Katapult lookups', async () => {
      const recorder = recordingFetch();
      const katapult = surface.katapult({ token: 't', fetch: recorder.fetch });
      const noRegion = await katapult.revokePresignedUrls({ object_storage_cluster: { region: '' }, bucket: { name: 'b' } });
      expect(!noRegion.ok && noRegion.error).toMatchObject({ kind: 'invalid_input', parameter: 'body.object_storage_cluster.region', rule: 'must not be empty' });
      const noBucket = await katapult.revokePresignedUrls({ object_storage_cluster: { region: 'uk-lon-1' } } as never);
      expect(!noBucket.ok && noBucket.error).toMatchObject({ kind: 'invalid_input', parameter: 'body.bucket', rule: 'is required' });
      const bucketNumber = await katapult.getBucket({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 7 } } as never);
      expect(!bucketNumber.ok && bucketNumber.error).toMatchObject({ kind: 'invalid_input', parameter: 'bucket.name', rule: 'must be a string' });
      expect(recorder.requests).toHaveLength(0);
    });

    it('takes an organization by exactly one of id or sub_domain', async () => {
      const recorder = recordingFetch();
      const katapult = surface.katapult({ token: 't', fetch: recorder.fetch });
      const cluster = { region: 'uk-lon-1' };
      const both = await katapult.getAccount({ organization: { id: 'org_1', sub_domain: 'acme' }, object_storage_cluster: cluster });
      expect(!both.ok && both.error).toMatchObject({ kind: 'invalid_input', parameter: 'organization', rule: 'must hold exactly one of id or sub_domain' });
      const none = await katapult.createBucket({ organization: {} as never, object_storage_cluster: cluster, properties: { name: 'b' } });
      expect(!none.ok && none.error).toMatchObject({ kind: 'invalid_input', parameter: 'body.organization', rule: 'must hold exactly one of id or sub_domain' });
      const empty = await katapult.getAccount({ organization: { id: '' }, object_storage_cluster: cluster });
      expect(!empty.ok && empty.error).toMatchObject({ kind: 'invalid_input', parameter: 'organization.id', rule: 'must not be empty' });
      const unknown = await katapult.getAccount({ organization: { sub_domain: 'acme' }, object_storage_cluster: cluster, region: 'uk-lon-1' } as never);
      expect(!unknown.ok && unknown.error).toMatchObject({ kind: 'invalid_input', parameter: 'region', rule: 'is not a parameter of this operation' });
      expect(recorder.requests).toHaveLength(0);
      const one = await katapult.getAccount({ organization: { sub_domain: 'acme' }, object_storage_cluster: cluster });
      expect(one.ok || one.error.kind).not.toBe('invalid_input');
      // Bracket style, as the server reads lookups; Rack decodes the brackets raw or encoded.
      expect(new URL(recorder.requests[0]!.url).search).toBe('?organization[sub_domain]=acme&object_storage_cluster[region]=uk-lon-1');
    });

    it('accepts the boundaries of each rule', async () => {
      const { client, requests } = captain();
      for (const change of [{ bucket: 'abc' }, { bucket: 'a'.repeat(63) }, { bucket: 'my.bucket-1' }, { bucket: '192.168.5.4a' }, { maxKeys: 1 }, { maxKeys: 2 ** 31 - 1 }, { projectId: projectId.toUpperCase() }]) {
        const result = await client.listObjectVersions({ ...object, ...change });
        expect(result.ok, JSON.stringify(change)).toBe(true);
      }
      expect(requests).toHaveLength(7);
    });
  });

  describe('no path parameter can change which resource a request targets', () => {
    const keys = [
      'photos/2021/beach.jpg',
      '../../../admin',
      'a/../../b',
      '%2e%2e',
      '%2F..%2F',
      './',
      'with space and +plus',
      'query?x=1&y=2',
      'fragment#top',
      'percent%20and%25',
      "dollar $' $& $$ $`",
      '日本語/ファイル.txt',
      'emoji 🪣/ok',
      'back\\slash',
      'new\nline\ttab',
      ';matrix=1,comma',
      '/leading and trailing/',
      '//',
    ];

    it.each(keys)('the key %j goes to the intended endpoint as one segment', async (key) => {
      const { client, requests } = captain();
      const result = await client.deleteObjectVersion({ ...object, key, versionId: 'v?1&x=#' });
      expect(result.ok).toBe(true);
      expect(requests).toHaveLength(1);
      const url = new URL(requests[0]!.url);
      expect(url.origin).toBe('https://storage.example.net');
      const segments = url.pathname.split('/');
      expect(segments.slice(0, -1).join('/')).toBe(`/prefix/api/v1/projects/${projectId}/buckets/holiday-photos/objects`);
      expect(decodeURIComponent(segments.at(-1)!)).toBe(key);
      expect([...url.searchParams]).toEqual([['versionId', 'v?1&x=#']]);
      expect(url.hash).toBe('');
    });

    it('sends restore to the /version sub-resource of the same key', async () => {
      const { client, requests } = captain();
      await client.restoreObjectVersion({ ...object, key: 'a/version', versionId: 'v' });
      expect(new URL(requests[0]!.url).pathname).toBe(`/prefix/api/v1/projects/${projectId}/buckets/holiday-photos/objects/a%2Fversion/version`);
    });
  });

  describe('keys reach a real server as that one key', () => {
    let server: Server;
    let baseUrl: string;
    const received: string[] = [];

    beforeAll(async () => {
      server = createServer((request, response) => {
        received.push(request.url!);
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ success: true, errors: [], messages: [], result: true }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it.each(['photos/2021/a.jpg', 'two  spaces', 'ünïcödé/日本', 'what?', 'hash#tag', '100%', '%41'])('%j', async (key) => {
      const client = surface.captain({ baseUrl, auth: { apiKey: 'k' } });
      const result = await client.deleteObjectVersion({ ...object, key, versionId: 'v1' });
      expect(result.ok).toBe(true);
      const url = new URL(received.at(-1)!, baseUrl);
      const prefix = `/api/v1/projects/${projectId}/buckets/holiday-photos/objects/`;
      expect(url.pathname.startsWith(prefix)).toBe(true);
      expect(decodeURIComponent(url.pathname.slice(prefix.length))).toBe(key);
      expect(url.searchParams.get('versionId')).toBe('v1');
    });
  });
});
