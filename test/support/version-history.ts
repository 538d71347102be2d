// A Captain listing that really pages, S3 ListObjectVersions style: at most maxKeys versions,
// resuming after the version named by keyMarker/versionIdMarker, hasNextPage while more remain.
import type { ObjectVersion } from '../../src/index.js';
import { sendJson, type Handler } from './fault-server.js';

/** `count` versions of one key, newest first; every fifth is a delete marker. */
export function makeHistory(key: string, count: number): ObjectVersion[] {
  const newest = Date.UTC(2024, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const isDeleteMarker = i % 5 === 2;
    return {
      key,
      versionId: `ver-${String(count - i).padStart(5, '0')}`,
      isLatest: i === 0,
      isDeleteMarker,
      lastModified: new Date(newest - i * 60_000).toISOString(),
      size: isDeleteMarker ? 0 : 100 + i,
    };
  });
}

export interface ListingOptions {
  readonly projectId: string;
  readonly bucket: string;
  /** Page size when the request names none. */
  readonly defaultPageSize?: number;
  /** The most a page holds whatever maxKeys asks. */
  readonly maxPageSize?: number;
}

const listPath = /^\/api\/v1\/projects\/([^/]+)\/buckets\/([^/]+)\/objects\/([^/]+)$/;
const failure = (error: string) => ({ success: false, errors: [error], messages: [], result: null });

/** A handler that lists `history` (the versions of `history[0].key`) page by page. */
export function pagedListing(history: readonly ObjectVersion[], options: ListingOptions): Handler {
  const { defaultPageSize = 50, maxPageSize = 1000 } = options;
  return ({ req, res }) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = listPath.exec(url.pathname);
    if (req.method !== 'GET' || !match) return sendJson(res, 404, failure('No such route'));
    const [, projectId, bucket, key] = match.map((part) => decodeURIComponent(part));
    if (projectId !== options.projectId || bucket !== options.bucket) return sendJson(res, 404, failure('Bucket not found'));
    const versions = history.filter((version) => version.key === key);

    const maxKeys = url.searchParams.get('maxKeys');
    if (maxKeys !== null && !/^[1-9]\d*$/.test(maxKeys)) return sendJson(res, 400, failure('maxKeys must be a positive integer'));
    const size = Math.min(maxKeys === null ? defaultPageSize : Number(maxKeys), maxPageSize);

    const keyMarker = url.searchParams.get('keyMarker');
    const versionIdMarker = url.searchParams.get('versionIdMarker');
    if ((keyMarker === null) !== (versionIdMarker === null)) return sendJson(res, 400, failure('Send both markers or neither'));
    let start = 0;
    if (keyMarker !== null) {
      const at = versions.findIndex((version) => version.key === keyMarker && version.versionId === versionIdMarker);
      if (at < 0) return sendJson(res, 400, failure('Unknown marker'));
      start = at + 1;
    }

    const result = versions.slice(start, start + size);
    sendJson(res, 200, {
      success: true,
      errors: [],
      messages: [],
      result,
      resultInfo: {
        totalCount: versions.length,
        pageIndex: Math.floor(start / size),
        pageSize: size,
        totalPages: Math.ceil(versions.length / size),
        hasNextPage: start + result.length < versions.length,
        hasPreviousPage: start > 0,
      },
    });
  };
}
