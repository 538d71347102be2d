// Drives a request count at a fixed concurrency through the public clients and checks every
// answer against what the load server derives from the request. Shared by `npm run load`
// and test/load.test.ts, so the test exercises the same code.
import { setMaxListeners } from 'node:events';
import type { CaptainClient, createCaptainClient, createKatapultClient, KatapultClient } from '../src/index.js';
import { expectedVersions, loadCredentials } from './load-server.js';

export interface LoadOptions {
  /** The package's entry: the source in tests, the compiled dist in `npm run load`. */
  readonly client: { readonly createCaptainClient: typeof createCaptainClient; readonly createKatapultClient: typeof createKatapultClient };
  readonly baseUrl: string;
  readonly requests: number;
  readonly concurrency: number;
  readonly timeLimitMs: number;
}

export interface LoadReport {
  /** Calls that completed, successfully or not. */
  readonly requests: number;
  /** Wrong or failed answers, calls never sent, and retries. */
  readonly failures: number;
  readonly notSent: number;
  readonly retries: number;
  readonly firstFailures: readonly { readonly index: number; readonly failure: string }[];
  readonly timedOut: boolean;
  readonly durationMs: number;
  readonly perSecond: number;
}

const projectId = '7d0b6a3c-94b1-4f3e-a2f5-5c8e1b9d0a42';

/** Why one request failed, or undefined when its answer is the expected one. */
async function one(index: number, { captain, katapult }: { readonly captain: CaptainClient; readonly katapult: KatapultClient }, signal: AbortSignal): Promise<string | undefined> {
  if (index % 2 === 0) {
    const key = `load/${index}/é ?#`;
    const maxKeys = (index % 5) + 1;
    const page = await captain.listObjectVersions({ projectId, bucket: 'load-test', key, maxKeys }, { signal });
    if (!page.ok) return page.error.message;
    const expected = JSON.stringify(expectedVersions(key, maxKeys));
    return JSON.stringify(page.data.result) === expected ? undefined : `wrong versions for ${key}`;
  }
  const result = await katapult.revokePresignedUrls(
    { object_storage_cluster: { region: 'uk-lon-01' }, bucket: { name: `bucket-${index}` } },
    { signal },
  );
  if (!result.ok) return result.error.message;
  return result.data.success === true ? undefined : 'revoke did not report success';
}

/**
 * Sends `requests` calls, `concurrency` at a time, alternating a Captain listing and a
 * Katapult revoke. Stops taking work, and aborts what is in flight, after `timeLimitMs`.
 * Retries are off so every failure is counted; any retry event would be one too.
 */
export async function runLoad({ client, baseUrl, requests, concurrency, timeLimitMs }: LoadOptions): Promise<LoadReport> {
  const deadline = new AbortController();
  // Every call in flight listens to this one signal until it settles.
  setMaxListeners(concurrency + 10, deadline.signal);
  const timer = setTimeout(() => deadline.abort(new Error(`time limit of ${timeLimitMs} ms reached`)), timeLimitMs);
  let retries = 0;
  const common = { baseUrl, retry: false as const, onRetry: () => retries++, timeout: 10_000, totalTimeout: 30_000 };
  const clients = {
    captain: client.createCaptainClient({ ...common, auth: { apiKey: loadCredentials.captainKey } }),
    katapult: client.createKatapultClient({ ...common, token: loadCredentials.katapultToken }),
  };

  let next = 0;
  let done = 0;
  const failures: { index: number; failure: string }[] = [];
  const started = performance.now();
  const worker = async () => {
    while (next < requests && !deadline.signal.aborted) {
      const index = next++;
      const failure = await one(index, clients, deadline.signal).catch((error: unknown) => `rejected: ${String(error)}`);
      done++;
      if (failure !== undefined) failures.push({ index, failure });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  } finally {
    clearTimeout(timer);
  }
  const durationMs = performance.now() - started;
  const notSent = requests - done;
  return {
    requests: done,
    failures: failures.length + notSent + retries,
    notSent,
    retries,
    firstFailures: failures.slice(0, 5),
    timedOut: deadline.signal.aborted,
    durationMs,
    perSecond: done / (durationMs / 1000),
  };
}
