// @hey-api/openapi-ts as a team consuming the bundles would set it up: the fetch client
// with its SDK and types, and the zod and valibot plugins, for each bundle (a list of
// configurations, one job each). test/consumers.test.ts runs it with JOBS set: a JSON list
// of { name, spec, out } (the bundle, and a temp folder for what is written from it).
const jobs = JSON.parse(process.env.JOBS ?? '[]');

export default jobs.map(({ spec, out }) => ({
  input: spec,
  output: out,
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk', 'zod', 'valibot'],
  logs: { level: 'silent' },
}));
