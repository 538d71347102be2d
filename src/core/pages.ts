import { objectPath, type CaptainClient, type ListAllObjectVersionsInput, type ObjectVersion } from './captain.js';
import { ApiRequestError, failureMessage } from './errors.js';
import type { CallOptions } from './options.js';

/**
 * Walks an object's versions with the S3-style markers the spec settled on: each page
 * resumes after the `key` and `versionId` of the last version of the one before, while
 * `resultInfo.hasNextPage` is true.
 */
export async function* paginate(
  client: CaptainClient,
  { pageSize, ...location }: ListAllObjectVersionsInput,
  options?: CallOptions,
): AsyncGenerator<ObjectVersion, void, undefined> {
  let markers: { keyMarker?: string; versionIdMarker?: string } = {};
  for (;;) {
    const page = await client.listObjectVersions({ ...location, ...markers, ...(pageSize === undefined ? {} : { maxKeys: pageSize }) }, options);
    if (!page.ok) throw new ApiRequestError(page.error);
    const { result, resultInfo } = page.data;
    const last = result.at(-1);
    // A server that says "more" without moving on would loop forever. Checked before
    // yielding, so a repeated page is not handed out twice.
    const repeated = last !== undefined && last.key === markers.keyMarker && last.versionId === markers.versionIdMarker;
    if (repeated || (!last && resultInfo?.hasNextPage)) {
      const message = failureMessage('status 200, next page did not advance', 'GET', objectPath);
      throw new ApiRequestError({ kind: 'unexpected_response', status: page.status, contentType: page.response.headers.get('content-type'), text: '', message });
    }
    yield* result;
    if (!last || !resultInfo?.hasNextPage) return;
    markers = { keyMarker: last.key, versionIdMarker: last.versionId };
  }
}
