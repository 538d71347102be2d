/** What watches each signal: one listener of ours, and the waits it tells. */
const watchers = new WeakMap<AbortSignal, { readonly waits: Set<() => void>; readonly fire: () => void }>();

/**
 * Calls `callback` once `signal` aborts (at once if it has), and returns what stops
 * watching, to call when the wait or attempt ends. However many watch one signal at once,
 * it holds one abort listener of ours, removed when the last of them stops: a job's signal
 * is watched by every call waiting to be sent or sent again, often more than Node's 10
 * listeners before it warns of a leak (MaxListenersExceededWarning).
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  if (signal.aborted) {
    callback();
    return () => {};
  }
  let watcher = watchers.get(signal);
  if (!watcher) {
    const waits = new Set<() => void>();
    const fire = () => {
      watchers.delete(signal);
      for (const wait of [...waits]) wait();
      waits.clear();
    };
    watcher = { waits, fire };
    watchers.set(signal, watcher);
    signal.addEventListener('abort', fire, { once: true });
  }
  const { waits, fire } = watcher;
  // Its own entry, so that one function watching twice is two waits.
  const wait = () => callback();
  waits.add(wait);
  return () => {
    if (!waits.delete(wait) || waits.size > 0 || watchers.get(signal) !== watcher) return;
    watchers.delete(signal);
    signal.removeEventListener('abort', fire);
  };
}
