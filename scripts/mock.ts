// Keeps a Prism mock of each API running until Ctrl-C, for developing against: logs each
// request, and lists every operation's documented cases with the header that asks for one.
// Ports: KATAPULT_MOCK_PORT (default 4010) and CAPTAIN_MOCK_PORT (default 4011).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apis, root, type Api } from './codegen/paths.js';
import { resolve, type Json } from './codegen/spec.js';
import { startKatapultFront } from './mock-front.js';
import { portFree, startMock, type Mock } from './prism.js';

const ports: Record<Api, number> = { katapult: Number(process.env.KATAPULT_MOCK_PORT ?? 4010), captain: Number(process.env.CAPTAIN_MOCK_PORT ?? 4011) };
const variables: Record<Api, string> = { katapult: 'KATAPULT_MOCK_PORT', captain: 'CAPTAIN_MOCK_PORT' };

for (const api of apis) {
  const port = ports[api];
  try {
    await portFree(port);
  } catch (failure) {
    const error = failure as NodeJS.ErrnoException;
    const why = error.code === 'EADDRINUSE' ? 'is in use' : `cannot be bound (${error.code ?? error.message})`;
    console.error(`Port ${port} for the ${api} mock ${why}. Stop what holds it, or pick another: ${variables[api]}=<port> npm run mock`);
    process.exit(1);
  }
}

/** Each operation's documented cases: status and example name. */
function cases(api: Api) {
  const spec = JSON.parse(readFileSync(join(root, 'generated', `${api}.json`), 'utf8')) as Json;
  return Object.entries<Json>(spec.paths).flatMap(([path, item]) =>
    Object.entries<Json>(item)
      .filter(([, operation]) => operation.operationId)
      .map(([method, operation]) => ({
        title: `${operation.operationId} (${method.toUpperCase()} ${path})`,
        cases: Object.entries<unknown>(operation.responses).flatMap(([status, response]) =>
          Object.keys(resolve(spec, response).content?.['application/json']?.examples ?? {}).map((example) => `code=${status}, example=${example}`),
        ),
      })),
  );
}

const requestLine = /Request received|Responding with|Request terminated|violat/i;
// Katapult's Prism listens on a free port behind a front on the public one, which answers
// a missing token and a request that breaks the spec as Katapult does (scripts/mock-front.js).
const mocks = await Promise.all(
  apis.map((api) =>
    startMock(api, { port: api === 'katapult' ? undefined : ports[api], onLine: (line) => requestLine.test(line) && console.log(`${api.padEnd(8)} ${line.replace(/^\[[^\]]*\]\s*/, '').trim()}`) }),
  ),
);
const front = await startKatapultFront({ target: mocks.find((mock) => mock.api === 'katapult')!.url, port: ports.katapult });
const publicUrl = (mock: Mock) => (mock.api === 'katapult' ? front.url : mock.url);
for (const mock of mocks) {
  console.log(`\n${mock.api} mock on ${publicUrl(mock)}. Each operation's documented cases; send one as a header, Prefer: <case>:`);
  for (const { title, cases: list } of cases(mock.api)) console.log(`  ${title}\n    ${list.join('\n    ')}`);
}
console.log(`
Without Prefer, Prism answers with the first documented success. "Prefer: code=404" picks a
status; "Prefer: code=403, example=scope_not_granted" a named case; "Prefer: dynamic=true"
a random body that fits the schema. As Katapult does, the Katapult mock checks the token
(fake-token has every scope, fake-read-token object_storage:read only; none is 400
missing_api_token, another 403 invalid_api_token) and the arguments (400
missing_required_argument, invalid_argument or invalid_json_body), as the fake does.
Ctrl-C stops both mocks.
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await Promise.all([front.stop(), ...mocks.map((mock) => mock.stop())]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
// `npm run` starts this through sh, which does not pass on a signal sent to npm: when the
// process that started this one goes away, stop too rather than leave the mocks bound.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && stop(), 500);
