// `npm run bench`: every case in one process, interleaved in a seeded random order each
// round after a warm-up. Prints medians with min–max, and ratios paired round by round;
// writes bench/results.json.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { assertOutcome, clientCalls, clientNames, type Call, type Fetch, type Target } from './clients.js';
import { startLoopbackServer } from './loopback.js';
import { machine } from './machine.js';
import { caseId, misses, rowsOf, table, verdict, type CaseKey, type Mode, type Sample } from './report.js';
import { answers, deniedPrefix, jsonHeaders, katapultPath, type ShapeName } from './shapes.js';
import { seededRandom, shuffled } from './stats.js';

const shapes: readonly ShapeName[] = ['captain-list', 'katapult-revoke', 'katapult-403'];
const concurrencies = [1, 32] as const;
const target = 1.05;

/** Requests per sample: sequential ones, or batches of 32. Sized so a sample takes ~30 ms here. */
const samplesOf: Record<Mode, Record<(typeof concurrencies)[number], number>> = {
  'in-memory': { 1: 1000, 32: 32 },
  loopback: { 1: 100, 32: 4 },
};
const warmupSamples = Number(process.env.BENCH_WARMUP ?? 3);
const maxRounds = Number(process.env.BENCH_ROUNDS ?? 60);
const maxSeconds = Number(process.env.BENCH_SECONDS ?? 100);
const minRounds = Math.min(maxRounds, 5);
const output = process.argv[2] ?? 'bench/results.json';

interface Case extends CaseKey {
  readonly concurrency: (typeof concurrencies)[number];
  readonly call: Call;
}

const urlsAt = (origin: string) => ({
  captainUrl: origin,
  katapultUrl: `${origin}${katapultPath}`,
  deniedUrl: `${origin}${deniedPrefix}${katapultPath}`,
});

/** A fetch that answers at once with a fresh Response, as the loopback server would. */
const answering = (shape: ShapeName): Fetch => {
  const { status, body } = answers[shape];
  return () => Promise.resolve(new Response(body, { status, headers: jsonHeaders }));
};

function casesFor(mode: Mode, targetOf: (shape: ShapeName) => Target): Case[] {
  return shapes.flatMap((shape) => {
    const calls = clientCalls(targetOf(shape));
    return concurrencies.flatMap((concurrency) => clientNames.map((client) => ({ mode, concurrency, shape, client, call: calls[client][shape] })));
  });
}

async function sample({ mode, concurrency, call }: Case): Promise<Sample> {
  const count = samplesOf[mode][concurrency];
  const cpu = process.cpuUsage();
  const start = performance.now();
  if (concurrency === 1) {
    for (let i = 0; i < count; i++) await call();
  } else {
    for (let i = 0; i < count; i++) await Promise.all(Array.from({ length: concurrency }, () => call()));
  }
  const wall = (performance.now() - start) * 1000;
  const { user, system } = process.cpuUsage(cpu);
  return { wall: wall / (count * concurrency), cpu: (user + system) / (count * concurrency) };
}

async function main() {
  const server = await startLoopbackServer();
  try {
    const cases = [
      ...casesFor('in-memory', (shape) => ({ ...urlsAt('http://memory.test'), fetch: answering(shape) })),
      ...casesFor('loopback', () => urlsAt(server.origin)),
    ];
    for (const c of cases) assertOutcome(c.client, c.shape, await c.call());

    const random = seededRandom(20_250_101);
    for (let i = 0; i < warmupSamples; i++) for (const c of shuffled(cases, random)) await sample(c);

    const samples = new Map<string, Sample[]>(cases.map((c) => [caseId(c), []]));
    const began = performance.now();
    let rounds = 0;
    while (rounds < maxRounds && (rounds < minRounds || performance.now() - began < maxSeconds * 1000)) {
      for (const c of shuffled(cases, random)) samples.get(caseId(c))!.push(await sample(c));
      rounds++;
    }
    const seconds = (performance.now() - began) / 1000;

    const rows = rowsOf(cases, samples);
    console.log(table(rows));
    console.log(`\n${rounds} rounds in ${seconds.toFixed(1)} s after ${warmupSamples} warm-up samples per case; ratios are medians of per-round pairs.`);
    console.log('CPU columns: this process only (loopback leaves the server out); other load on the machine disturbs them less.');
    console.log(verdict(rows, target));

    const results = { date: new Date().toISOString(), machine: machine(), rounds, seconds: Math.round(seconds * 10) / 10, samplesOf, target, met: misses(rows, target).length === 0, rows };
    writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`Wrote ${output}`);
  } finally {
    server.stop();
  }
}

await main();
