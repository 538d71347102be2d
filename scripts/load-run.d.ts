import type { createCaptainClient, createKatapultClient } from '../src/index.js';

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
export function runLoad(options: LoadOptions): Promise<LoadReport>;
