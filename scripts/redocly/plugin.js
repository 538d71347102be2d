// @ts-check
// Project lint rules that configurable rules cannot express, because they need to
// follow `$ref`s from an error response down to each error body it can carry.
// JavaScript, as Redocly's CLI loads plugins; type-checked by tsc (`npm run typecheck`).
import errorBodyHasCode from './error-body-has-code.js';

export default function storageApisPlugin() {
  return {
    id: 'storage-apis',
    rules: {
      oas3: { 'error-body-has-code': errorBodyHasCode },
    },
  };
}
