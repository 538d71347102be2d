import { onAbort } from './abort.js';

/** Settles like `promise`, or rejects once `signal` aborts: not every step watches the
 * signal itself (a credential function, a custom fetch). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = onAbort(signal, () => reject(signal.reason));
    // Handling the rejection here also keeps a late failure from going unhandled.
    promise.then(resolve, reject).finally(stop);
  });
}

/** Waits, and resolves true at once if the signal aborts first. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(true);
    const done = (aborted: boolean) => {
      clearTimeout(timer);
      stop();
      resolve(aborted);
    };
    const timer = setTimeout(done, ms, false);
    const stop = signal ? onAbort(signal, () => done(true)) : () => {};
  });
}
