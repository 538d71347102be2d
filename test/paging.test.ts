// listAllAccessKeys (Katapult, page numbers) and listAllObjects (Captain, continuation
// token) against loopback servers that really page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestError, createCaptainClient, createKatapultClient } from '../src/index.js';
import { sendJson, startFaultServer, type FaultServer, type HandlerContext } from './support/fault-server.js';

const keys = Array.from({ length: 53 }, (_, n) => ({
  id: `key_${String(n).padStart(4, '0')}`,
  name: `key ${n}`,
  created_at: 1763683200 + n,
  region: 'uk-lon-1',
  state: 'configured',
  all_buckets_read: false,
  all_objects_read: n % 2 === 0,
  all_objects_write: false,
  read_buckets: [],
  write_buckets: [],
  server_url: 'https://uk-lon-1.s3.katapult.io',
  s3_access_key_id: `AKIA${n}`,
  s3_secret_access_key: null,
}));
const objects = Array.from({ length: 41 }, (_, n) => ({
  key: `photos/2021/${String(n).padStart(3, '0')}.jpg`,
  bucket: 'holiday-photos',
  size: 1000 + n,
  isFolder: false,
  lastModified: '2021-07-16T14:12:27.138Z',
  status: 1,
  eventType: 0,
  url: null,
}));
const projectId = '0b7c6f0e-2a51-4a8e-9a43-0f3d2c1b5e77';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server?.close();
});

/** Katapult's access-key listing: `page` from 1, `per_page` (default 20), `pagination`. */
function accessKeyPages({ largeSet = false, stuck = false } = {}) {
  return ({ req, res }: HandlerContext) => {
    const query = new URL(req.url ?? '/', server.url).searchParams;
    expect(query.get('organization[sub_domain]')).toBe('acme');
    const perPage = Number(query.get('per_page') ?? 20);
    const page = stuck ? 1 : Number(query.get('page') ?? 1);
    const totalPages = Math.ceil(keys.length / perPage);
    sendJson(res, 200, {
      pagination: { current_page: page, total_pages: largeSet ? null : totalPages, total: largeSet ? null : keys.length, per_page: perPage, large_set: largeSet },
      object_storage_access_keys: keys.slice((page - 1) * perPage, page * perPage),
    });
  };
}

/** Captain's object listing: resumes after `continuationToken`, a key. */
function objectPages({ stuck = false } = {}) {
  return ({ request, res }: HandlerContext) => {
    const { maxKeys = 10, continuationToken } = JSON.parse(request.body) as { maxKeys?: number; continuationToken?: string };
    const start = stuck || !continuationToken ? 0 : objects.findIndex((object) => object.key === continuationToken) + 1;
    const page = objects.slice(start, start + maxKeys);
    sendJson(res, 200, {
      success: true,
      errors: [],
      messages: [],
      result: { objectListModel: page, storageEventTypeOptions: { None: 0 } },
      resultInfo: { totalCount: objects.length, pageIndex: 0, pageSize: maxKeys, totalPages: 1, hasNextPage: start + maxKeys < objects.length, hasPreviousPage: start > 0 },
    });
  };
}

const katapult = () => createKatapultClient({ token: 'token', baseUrl: server.url, timeout: 2_000 });
const captain = () => createCaptainClient({ baseUrl: server.url, auth: { apiKey: 'key' }, timeout: 2_000 });

async function collect<T>(iterator: AsyncIterable<T>): Promise<{ seen: T[]; thrown?: unknown }> {
  const seen: T[] = [];
  try {
    for await (const item of iterator) {
      seen.push(item);
      if (seen.length > 1_000) throw new Error('the iterator does not stop');
    }
  } catch (thrown) {
    return { seen, thrown };
  }
  return { seen };
}

describe('listAllAccessKeys over a real paging server', () => {
  it.each([1, 7, 100, undefined])('per_page %s: every key once, in order, one request per page', async (perPage) => {
    server.handle(accessKeyPages());
    const { seen, thrown } = await collect(katapult().listAllAccessKeys({ organization: { sub_domain: 'acme' }, per_page: perPage }));
    expect(thrown).toBeUndefined();
    expect(seen).toEqual(keys);
    expect(server.requests).toHaveLength(Math.ceil(keys.length / (perPage ?? 20)));
    expect(server.requests.map((request) => new URL(request.url, server.url).searchParams.get('page'))).toEqual(
      server.requests.map((_, n) => (n === 0 ? null : String(n + 1))),
    );
  });

  it('a large set, whose total_pages is null, ends on its short page', async () => {
    server.handle(accessKeyPages({ largeSet: true }));
    const { seen } = await collect(katapult().listAllAccessKeys({ organization: { sub_domain: 'acme' }, per_page: 10 }));
    expect(seen).toEqual(keys);
    expect(server.requests).toHaveLength(6);
  });

  it('a server that repeats a page: throws, yielding nothing twice', async () => {
    server.handle(accessKeyPages({ stuck: true }));
    const { seen, thrown } = await collect(katapult().listAllAccessKeys({ organization: { sub_domain: 'acme' }, per_page: 10 }));
    expect(seen).toEqual(keys.slice(0, 10));
    expect(thrown).toBeInstanceOf(ApiRequestError);
    expect((thrown as Error).message).toMatch(/next page did not advance/);
    expect(server.requests).toHaveLength(2);
  });
});

describe('listAllObjects over a real paging server', () => {
  it.each([1, 7, 100])('page size %s: every object once, in order, resuming after the last key', async (pageSize) => {
    server.handle(objectPages());
    const { seen, thrown } = await collect(captain().listAllObjects({ projectId, bucket: 'holiday-photos', key: 'photos/2021/', pageSize }));
    expect(thrown).toBeUndefined();
    expect(seen).toEqual(objects);
    expect(server.requests).toHaveLength(Math.ceil(objects.length / pageSize));
    const tokens = server.requests.map((request) => JSON.parse(request.body).continuationToken);
    expect(tokens[0]).toBeUndefined();
    expect(tokens.slice(1)).toEqual(tokens.slice(1).map((_, n) => objects[(n + 1) * pageSize - 1]!.key));
    expect(server.requests.every((request) => request.method === 'POST' && JSON.parse(request.body).key === 'photos/2021/')).toBe(true);
  });

  it('a server that ignores the token: throws, yielding nothing twice', async () => {
    server.handle(objectPages({ stuck: true }));
    const { seen, thrown } = await collect(captain().listAllObjects({ projectId, bucket: 'holiday-photos', pageSize: 7 }));
    expect(seen).toEqual(objects.slice(0, 7));
    expect((thrown as ApiRequestError).error).toMatchObject({ kind: 'unexpected_response', status: 200 });
    expect(server.requests).toHaveLength(2);
  });
});
