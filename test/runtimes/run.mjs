// Runs the smoke on Node, Bun or Deno: `<runtime> run.mjs <base URL> <run name>`; prints JSON.
import { smoke } from './smoke.mjs';

const [baseUrl, run] = globalThis.Deno ? Deno.args : process.argv.slice(2);
console.log(JSON.stringify(await smoke(baseUrl, run)));
