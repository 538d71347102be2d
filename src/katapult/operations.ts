// `object-storage-openapi/katapult/operations`: a base and one function per operation,
// for programs that call a few operations and want to bundle only those.
export { createKatapultBase, katapultBaseUrl } from './base.js';
export type { KatapultBase, KatapultClientOptions } from './base.js';
export * from '../../generated/katapult/index.js';
export type * from '../../generated/katapult.methods.js';
