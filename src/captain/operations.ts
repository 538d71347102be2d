// `object-storage-openapi/captain/operations`: a base and one function per operation,
// for programs that call a few operations and want to bundle only those.
export { createCaptainBase } from './base.js';
export type { CaptainAuth, CaptainBase, CaptainClientOptions } from './base.js';
export * from '../../generated/captain/index.js';
export type * from '../../generated/captain.methods.js';
