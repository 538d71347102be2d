// The walkers, one for each kind of paging the table of operations knows, against loopback
// servers that really page: listAllAccessKeys (Katapult's page numbers), listAllObjects
// and listAllObjectVersions (Captain, resuming after the last item: a continuation token,
// and the S3-style markers). The rule "is there another page, and does it advance" is one
// (src/core/paging.ts); each kind is walked to its end, stopped early, and failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestError, createCaptainClient, createKatapultClient, isApiRequestError, type CallOptions, type ObjectVersion } from '../src/index.js';
import { sendJson, startFaultServer, type FaultServer, type HandlerContext, type LoggedRequest } from './support/fault-server.js';
import { makeHistory, pagedListing } from './support/version-history.js';

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
});

const bucket = 'archive.2024';
// Slashes, a space, a question mark and non-ASCII: it must travel as one path segment.
const key = 'reports/2024/q1 summary?.pdf—ü';
const location = { projectId, bucket, key };
const serverDefaultPageSize = 50;
const history = makeHistory(key, 257);
/** More than any real listing here: a loop that never ends fails instead of hanging. */
const runaway = 10_000;

function versionsClient() {
  return createCaptainClient({ baseUrl: server.url, auth: { bearer: 'token' }, retry: { baseDelay: 1, maxDelay: 10 }, timeout: 2_000 });
}

async function collectVersions(iterator: AsyncIterable<ObjectVersion>): Promise<ObjectVersion[]> {
  const seen: ObjectVersion[] = [];
  for await (const version of iterator) {
    seen.push(version);
    if (seen.length > runaway) throw new Error('the iterator does not stop');
  }
  return seen;
}

/** Runs `iterate` and returns what it yielded before it threw, with what it threw. */
async function collectUntilThrow(iterator: AsyncIterable<ObjectVersion>): Promise<{ seen: ObjectVersion[]; thrown: unknown }> {
  const seen: ObjectVersion[] = [];
  try {
    for await (const version of iterator) {
      seen.push(version);
      if (seen.length > runaway) throw new Error('the iterator does not stop');
    }
  } catch (thrown) {
    return { seen, thrown };
  }
  throw new Error(`expected the iteration to throw; it ended after ${seen.length} versions`);
}

const query = (request: LoggedRequest) => new URL(request.url, server.url).searchParams;

describe('listAllObjectVersions over a real paging server', () => {
  it.each([1, 7, 100, undefined])('page size %s: every version exactly once, in order, one request per page', async (pageSize) => {
    server.handle(pagedListing(history, { projectId, bucket, defaultPageSize: serverDefaultPageSize }));
    const input = pageSize === undefined ? location : { ...location, pageSize };
    const seen = await collectVersions(versionsClient().listAllObjectVersions(input));

    expect(seen).toEqual(history);
    expect(new Set(seen.map((version) => version.versionId)).size).toBe(history.length);
    const size = pageSize ?? serverDefaultPageSize;
    expect(server.requests).toHaveLength(Math.ceil(history.length / size));
    server.requests.forEach((request, page) => {
      const params = query(request);
      expect(request.url.startsWith(`/api/v1/projects/${projectId}/buckets/${bucket}/objects/${encodeURIComponent(key)}`)).toBe(true);
      expect(params.get('maxKeys')).toBe(pageSize === undefined ? null : String(pageSize));
      // Each page asks to resume after the last version of the page before.
      const previous = page === 0 ? undefined : history[page * size - 1];
      expect(params.get('keyMarker')).toBe(previous?.key ?? null);
      expect(params.get('versionIdMarker')).toBe(previous?.versionId ?? null);
    });
  });

  it('a history that fills its pages exactly: no request for an empty page', async () => {
    const exact = makeHistory(key, 14);
    server.handle(pagedListing(exact, { projectId, bucket }));
    expect(await collectVersions(versionsClient().listAllObjectVersions({ ...location, pageSize: 7 }))).toEqual(exact);
    expect(server.requests).toHaveLength(2);
  });

  it('an object with no versions: one request, nothing yielded', async () => {
    server.handle(pagedListing([], { projectId, bucket }));
    expect(await collectVersions(versionsClient().listAllObjectVersions(location))).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('a server that returns fewer than maxKeys per page is followed to the end', async () => {
    server.handle(pagedListing(history, { projectId, bucket, maxPageSize: 30 }));
    expect(await collectVersions(versionsClient().listAllObjectVersions({ ...location, pageSize: 100 }))).toEqual(history);
    expect(server.requests).toHaveLength(Math.ceil(history.length / 30));
  });
});

describe('stopping early', () => {
  it('breaking out of the loop stops fetching', async () => {
    server.handle(pagedListing(history, { projectId, bucket }));
    const seen: ObjectVersion[] = [];
    for await (const version of versionsClient().listAllObjectVersions({ ...location, pageSize: 7 })) {
      seen.push(version);
      if (seen.length === 10) break;
    }
    expect(seen).toEqual(history.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(2);
  });

  it('breaking at the last version of a page fetches no further page', async () => {
    server.handle(pagedListing(history, { projectId, bucket }));
    let count = 0;
    for await (const _ of versionsClient().listAllObjectVersions({ ...location, pageSize: 7 })) {
      if (++count === 7) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(1);
  });

  it('aborting the signal mid-listing throws the aborted member', async () => {
    const listing = pagedListing(history, { projectId, bucket });
    const controller = new AbortController();
    server.handle(async (context) => {
      if (context.index === 3) controller.abort('enough');
      // Hold the third page so the abort lands while it is pending.
      if (context.index === 3 && !(await context.wait(2_000))) return;
      await listing(context);
    });
    const options: CallOptions = { signal: controller.signal };
    const { seen, thrown } = await collectUntilThrow(versionsClient().listAllObjectVersions({ ...location, pageSize: 7 }, options));
    expect(seen).toEqual(history.slice(0, 14));
    expect(thrown).toBeInstanceOf(ApiRequestError);
    expect((thrown as ApiRequestError).error).toMatchObject({ kind: 'aborted', reason: 'enough' });
    expect(server.requests).toHaveLength(3);
  });
});

describe('failures', () => {
  it('a failed page throws an ApiRequestError carrying the union member', async () => {
    const listing = pagedListing(history, { projectId, bucket });
    server.handle((context) => {
      if (context.index === 3) return sendJson(context.res, 404, { success: false, errors: ['Object not found'], messages: ['gone'], result: null });
      return listing(context);
    });
    const { seen, thrown } = await collectUntilThrow(versionsClient().listAllObjectVersions({ ...location, pageSize: 7 }));
    expect(seen).toEqual(history.slice(0, 14));
    expect(isApiRequestError(thrown)).toBe(true);
    expect(thrown).toBeInstanceOf(ApiRequestError);
    const error = (thrown as ApiRequestError).error;
    expect(error).toMatchObject({ kind: 'api', status: 404, errors: ['Object not found'], messages: ['gone'] });
    expect((thrown as Error).message).toBe(error.message);
    expect(server.requests).toHaveLength(3);
  });

  it('a page that fails once with 503 is retried and the listing completes', async () => {
    const listing = pagedListing(history, { projectId, bucket });
    server.handle((context) => {
      if (context.index === 2) return void context.res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
      return listing(context);
    });
    expect(await collectVersions(versionsClient().listAllObjectVersions({ ...location, pageSize: 100 }))).toEqual(history);
    expect(server.requests).toHaveLength(Math.ceil(history.length / 100) + 1);
  });

  it('a page that keeps failing with 503 throws once the attempts run out', async () => {
    const listing = pagedListing(history, { projectId, bucket });
    server.handle((context) => {
      if (context.index >= 2) return void context.res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
      return listing(context);
    });
    const { seen, thrown } = await collectUntilThrow(versionsClient().listAllObjectVersions({ ...location, pageSize: 100 }));
    expect(seen).toHaveLength(100);
    expect((thrown as ApiRequestError).error).toMatchObject({ kind: 'unexpected_response', status: 503, text: 'busy' });
    expect(server.requests).toHaveLength(1 + 3);
  });

  it('an invalid page size throws invalid_input before any request', async () => {
    server.handle(pagedListing(history, { projectId, bucket }));
    const { seen, thrown } = await collectUntilThrow(versionsClient().listAllObjectVersions({ ...location, pageSize: 0 }));
    expect(seen).toEqual([]);
    expect((thrown as ApiRequestError).error).toMatchObject({ kind: 'invalid_input', parameter: 'maxKeys' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('servers that do not advance', () => {
  it('hasNextPage while ignoring the markers: throws after the repeat, yielding nothing twice', async () => {
    const listing = pagedListing(history, { projectId, bucket });
    // Drop the markers: every request gets the first page again.
    server.handle((context) => {
      const url = new URL(context.req.url ?? '/', server.url);
      url.searchParams.delete('keyMarker');
      url.searchParams.delete('versionIdMarker');
      context.req.url = url.pathname + url.search;
      return listing(context);
    });
    const { seen, thrown } = await collectUntilThrow(versionsClient().listAllObjectVersions({ ...location, pageSize: 7 }));
    expect(seen).toEqual(history.slice(0, 7));
    expect(isApiRequestError(thrown)).toBe(true);
    expect((thrown as ApiRequestError).error).toMatchObject({ kind: 'unexpected_response', status: 200 });
    expect((thrown as Error).message).toMatch(/did not advance/);
    expect(server.requests).toHaveLength(2);
  });

  it('hasNextPage with an empty page: throws instead of asking again', async () => {
    server.handle(({ res }) =>
      sendJson(res, 200, {
        success: true,
        errors: [],
        messages: [],
        result: [],
        resultInfo: { totalCount: 3, pageIndex: 0, pageSize: 7, totalPages: 1, hasNextPage: true, hasPreviousPage: false },
      }),
    );
    const { seen, thrown } = await collectUntilThrow(versionsClient().listAllObjectVersions({ ...location, pageSize: 7 }));
    expect(seen).toEqual([]);
    expect((thrown as ApiRequestError).error).toMatchObject({ kind: 'unexpected_response', status: 200 });
    expect(server.requests).toHaveLength(1);
  });
});
