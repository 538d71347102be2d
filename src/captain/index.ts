export { createCaptainClient } from './client.js';
export type { Bucket, BucketLocation, CaptainAuth, CaptainClient, CaptainClientOptions, ObjectLocation, ObjectSummary, ObjectVersion, ObjectVersionInput, ResultInfo } from './client.js';
export type { CaptainApiError } from './api-error.js';
export { isCaptainError } from './guards.js';
export type * from '../../generated/captain.methods.js';
