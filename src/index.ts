export { createKatapultClient, katapultBaseUrl } from './katapult.js';
export type {
  KatapultApiError,
  KatapultApiErrorOf,
  KatapultClient,
  KatapultClientOptions,
  KatapultErrorCode,
  RevokePresignedUrlsBody,
  RevokePresignedUrlsData,
  RevokePresignedUrlsError,
} from './katapult.js';

export { createCaptainClient } from './captain.js';
export type {
  CaptainApiError,
  CaptainAuth,
  CaptainClient,
  CaptainClientOptions,
  DeleteObjectVersionError,
  ListAllObjectVersionsInput,
  ListObjectVersionsError,
  ListObjectVersionsInput,
  ObjectLocation,
  ObjectVersion,
  ObjectVersionInput,
  ObjectVersionList,
  RestoreObjectVersionError,
  ResultInfo,
  VersionDeleted,
  VersionRestored,
} from './captain.js';

export { ApiRequestError, isApiRequestError } from './errors.js';
export type {
  Aborted,
  AnyError,
  ClientFailure,
  CredentialFailure,
  InvalidInput,
  NetworkFailure,
  Timeout,
  UnexpectedResponse,
} from './errors.js';

export { unwrap } from './result.js';
export type { Failure, Result, Success } from './result.js';

export type { BaseClientOptions, CallOptions, Credential, RetryEvent, RetryOptions } from './options.js';
