// @hey-api/openapi-ts as a team consuming one of the bundles would set it up: the fetch
// client with its SDK and types, and the zod and valibot plugins. test/consumers.test.ts
// runs it with SPEC (the bundle) and OUT (a temp folder) set.
export default {
  input: process.env.SPEC,
  output: process.env.OUT,
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk', 'zod', 'valibot'],
  logs: { level: 'silent' },
};
