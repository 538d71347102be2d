// orval as a team consuming the bundles would set it up: the fetch client, and zod
// schemas, for each bundle. test/consumers.test.ts runs it with JOBS set: a JSON list of
// { name, spec, out } (the bundle, and a temp folder for what is written from it).
const jobs = JSON.parse(process.env.JOBS ?? '[]');

export default Object.fromEntries(
  jobs.flatMap(({ name, spec, out }) => [
    [`${name}-client`, { input: spec, output: { target: `${out}/client.ts`, client: 'fetch', mode: 'single' } }],
    [`${name}-zod`, { input: spec, output: { target: `${out}/zod.ts`, client: 'zod', mode: 'single' } }],
  ]),
);
