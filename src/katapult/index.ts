export { createKatapultClient, katapultBaseUrl } from './client.js';
export type { AccessKey, KatapultClient, KatapultClientOptions } from './client.js';
export type { KatapultApiErrorOf } from './api-error.js';
export { isKatapultError, katapultErrorCodes } from './codes.js';
export type * from '../../generated/katapult.methods.js';
import type { KatapultApiError } from '../../generated/katapult.methods.js';

/** Every error code the Katapult API documents. */
export type KatapultErrorCode = KatapultApiError['code'];
