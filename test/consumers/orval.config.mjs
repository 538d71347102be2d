// orval as a team consuming one of the bundles would set it up: the fetch client, and zod
// schemas. test/consumers.test.ts runs it with SPEC (the bundle) and OUT (a temp folder) set.
export default {
  client: { input: process.env.SPEC, output: { target: `${process.env.OUT}/client.ts`, client: 'fetch', mode: 'single' } },
  zod: { input: process.env.SPEC, output: { target: `${process.env.OUT}/zod.ts`, client: 'zod', mode: 'single' } },
};
