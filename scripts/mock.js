// Keeps a Prism mock of each API running until Ctrl-C, for developing against.
// Ports: KATAPULT_MOCK_PORT (default 4010) and CAPTAIN_MOCK_PORT (default 4011).
import { startMock } from './prism.js';

const mocks = await Promise.all([
  startMock('katapult', { port: Number(process.env.KATAPULT_MOCK_PORT ?? 4010) }),
  startMock('captain', { port: Number(process.env.CAPTAIN_MOCK_PORT ?? 4011) }),
]);
for (const mock of mocks) console.log(`${mock.api.padEnd(8)} mock listening on ${mock.url}`);
console.log('Pick a documented case with a Prefer header, e.g. "Prefer: code=403, example=scope_not_granted". Ctrl-C stops.');

const stop = async () => {
  await Promise.all(mocks.map((mock) => mock.stop()));
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
