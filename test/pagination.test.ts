// listAllObjectVersions against a loopback server that really pages with the spec's markers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestError, createCaptainClient, isApiRequestError, type CallOptions, type ObjectVersion } from '../src/index.js';
import { sendJson, startFaultServer, type FaultServer, type LoggedRequest } from './support/fault-server.js';
import { makeHistory, pagedListing } from './support/version-history.js';

const projectId = '0b7c6f0e-2a51-4a8e-9a43-0f3d2c1b5e77';
const bucket = 'archive.2024';
// Slashes, a space, a question mark and non-ASCII: it must travel as one path segment.
const key = 'reports/2024/q1 summary?.pdf—ü';
const location = { projectId, bucket, key };
const serverDefaultPageSize = 50;
const history = makeHistory(key, 257);
/** More than any real listing here: a loop that never ends fails instead of hanging. */
const runaway = 10_000;

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server?.close();
});

function captain() {
  return createCaptainClient({ baseUrl: server.url, auth: { bearer: 'token' }, retry: { baseDelay: 1, maxDelay: 10 }, timeout: 2_000 });
}

async function collect(iterator: AsyncIterable<ObjectVersion>): Promise<ObjectVersion[]> {
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
    const seen = await collect(captain().listAllObjectVersions(input));

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
    expect(await collect(captain().listAllObjectVersions({ ...location, pageSize: 7 }))).toEqual(exact);
    expect(server.requests).toHaveLength(2);
  });

  it('an object with no versions: one request, nothing yielded', async () => {
    server.handle(pagedListing([], { projectId, bucket }));
    expect(await collect(captain().listAllObjectVersions(location))).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('a server that returns fewer than maxKeys per page is followed to the end', async () => {
    server.handle(pagedListing(history, { projectId, bucket, maxPageSize: 30 }));
    expect(await collect(captain().listAllObjectVersions({ ...location, pageSize: 100 }))).toEqual(history);
    expect(server.requests).toHaveLength(Math.ceil(history.length / 30));
  });
});

describe('stopping early', () => {
  it('breaking out of the loop stops fetching', async () => {
    server.handle(pagedListing(history, { projectId, bucket }));
    const seen: ObjectVersion[] = [];
    for await (const version of captain().listAllObjectVersions({ ...location, pageSize: 7 })) {
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
    for await (const _ of captain().listAllObjectVersions({ ...location, pageSize: 7 })) {
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
    const { seen, thrown } = await collectUntilThrow(captain().listAllObjectVersions({ ...location, pageSize: 7 }, options));
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
    const { seen, thrown } = await collectUntilThrow(captain().listAllObjectVersions({ ...location, pageSize: 7 }));
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
    expect(await collect(captain().listAllObjectVersions({ ...location, pageSize: 100 }))).toEqual(history);
    expect(server.requests).toHaveLength(Math.ceil(history.length / 100) + 1);
  });

  it('a page that keeps failing with 503 throws once the attempts run out', async () => {
    const listing = pagedListing(history, { projectId, bucket });
    server.handle((context) => {
      if (context.index >= 2) return void context.res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
      return listing(context);
    });
    const { seen, thrown } = await collectUntilThrow(captain().listAllObjectVersions({ ...location, pageSize: 100 }));
    expect(seen).toHaveLength(100);
    expect((thrown as ApiRequestError).error).toMatchObject({ kind: 'unexpected_response', status: 503, text: 'busy' });
    expect(server.requests).toHaveLength(1 + 3);
  });

  it('an invalid page size throws invalid_input before any request', async () => {
    server.handle(pagedListing(history, { projectId, bucket }));
    const { seen, thrown } = await collectUntilThrow(captain().listAllObjectVersions({ ...location, pageSize: 0 }));
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
    const { seen, thrown } = await collectUntilThrow(captain().listAllObjectVersions({ ...location, pageSize: 7 }));
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
    const { seen, thrown } = await collectUntilThrow(captain().listAllObjectVersions({ ...location, pageSize: 7 }));
    expect(seen).toEqual([]);
    expect((thrown as ApiRequestError).error).toMatchObject({ kind: 'unexpected_response', status: 200 });
    expect(server.requests).toHaveLength(1);
  });
});
