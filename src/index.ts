export * from './katapult/index.js';
export * from './captain/index.js';

export { ApiRequestError, clientFailureKinds, isApiRequestError } from './core/errors.js';
export type {
  Aborted,
  AnyError,
  ClientFailure,
  CredentialFailure,
  InvalidInput,
  NetworkFailure,
  Timeout,
  UnexpectedResponse,
  Violation,
} from './core/errors.js';

export { unwrap } from './core/result.js';
export type { Failure, Result, Success } from './core/result.js';
export type { RateLimit, ResponseMeta } from './core/meta.js';

export type { BaseClientOptions, CallOptions, Credential, HeadersOption, RetryEvent, RetryOptions } from './core/options.js';
