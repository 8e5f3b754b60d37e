// Noticing at once that the engine worker is gone. A worker that is closed, killed or crashes (out of
// memory, say) sends no event the page can hear; the bridge's silence timers then take seconds. A Web Lock
// held by the worker is released the moment it stops existing, so the page, waiting for the same lock,
// is told straight away.

/** The part of the Web Locks API (`navigator.locks`) the bridge uses; absent outside secure contexts. */
export interface LockManagerLike {
  request(name: string, options: { signal: AbortSignal }, callback: () => unknown): Promise<unknown>;
}

/** The page's lock manager, or null where the Web Locks API is missing (then silence timers alone watch). */
export function hostLocks(): LockManagerLike | null {
  const host = globalThis as { navigator?: { locks?: LockManagerLike } };
  return host.navigator?.locks ?? null;
}

/** A lock name no other worker, tab or page shares. */
export function lifeLockName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `petal-engine-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Waits for the lock the worker holds (it said so with a 'holding-lock' reply) and calls `onGone` when the
 * browser grants it: the worker no longer exists. Returns the function that stops watching, to call
 * before terminating the worker on purpose.
 */
export function watchLife(locks: LockManagerLike, name: string, onGone: () => void): () => void {
  const stop = new AbortController();
  locks
    .request(name, { signal: stop.signal }, () => {
      if (!stop.signal.aborted) onGone();
    })
    // Aborted on purpose (the bridge replaced the worker): nothing to do.
    .catch(() => {});
  return () => stop.abort();
}
