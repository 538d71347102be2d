export { createPacer } from './pace.js';
export { JobInputError } from './input-error.js';
export type { PaceOptions, PaceStats, Pacer, RunOptions } from './pace.js';
export type { Failed, JobOptions, JobProgress, JobReport, Skipped, Uncertain } from './run.js';
export { revokePresignedUrlsAcrossBuckets, rotateAccessKeyCredentials } from './katapult.js';
export type { RevokeAcrossBucketsError, RevokeAcrossBucketsInput, RotateCredentialsError, RotateCredentialsInput, RotateCredentialsReport } from './katapult.js';
export { pruneVersions, restoreObjectToInstant, undeleteObject } from './captain.js';
export type { PruneError, PruneInput, RestoreToInstantError, RestoreToInstantInput, UndeleteError, VersionRef } from './captain.js';
