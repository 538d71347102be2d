import * as operations from '../../generated/captain.operations.js';
import type { ListObjectsData, ListObjectVersionsData } from '../../generated/captain.methods.js';
import type { AnyError } from '../core/errors.js';
import { walk } from '../core/pages.js';
import type { Result } from '../core/result.js';
import type { components } from '../../generated/captain.js';

type Schemas = components['schemas'];

/** Where the next page of versions starts: after this version. */
export interface VersionMarkers {
  readonly keyMarker: string;
  readonly versionIdMarker: string;
}

/**
 * Every version of an object, page by page, with the S3-style markers the spec settled
 * on: each page resumes after the `key` and `versionId` of the last version before it.
 */
export const versionsOf = (fetchPage: (markers: VersionMarkers | undefined) => Promise<Result<ListObjectVersionsData, AnyError>>) =>
  walk<ListObjectVersionsData, Schemas['ObjectVersion'], VersionMarkers>(
    fetchPage,
    ({ result, resultInfo }) => {
      const last = result.at(-1);
      return { items: result, more: resultInfo?.hasNextPage === true, next: last && { keyMarker: last.key, versionIdMarker: last.versionId } };
    },
    operations.listObjectVersions,
  );

/** Every object and folder under a folder key, page by page: each page resumes after the
 * last key of the one before, sent as `continuationToken`. */
export const objectsOf = (fetchPage: (continuationToken: string | undefined) => Promise<Result<ListObjectsData, AnyError>>) =>
  walk<ListObjectsData, Schemas['ObjectSummary'], string>(
    fetchPage,
    ({ result, resultInfo }) => ({
      items: result.objectListModel,
      more: resultInfo?.hasNextPage === true,
      next: result.objectListModel.at(-1)?.key,
    }),
    operations.listObjects,
  );
