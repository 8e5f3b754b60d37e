// Long-running work (training, batch scoring) marks itself busy here so that the update prompt waits:
// reloading into a new version mid-training would throw the run away. TF-free and DOM-free.

const running = new Map<number, string>();
const changes = new EventTarget();
let nextId = 1;

/**
 * Marks work as running, e.g. `const done = markBusy('training')` … `done()` in a `finally`. The returned
 * function ends this mark; calling it again does nothing.
 */
export function markBusy(reason: string): () => void {
  const id = nextId++;
  running.set(id, reason);
  changes.dispatchEvent(new Event('change'));
  return () => {
    if (running.delete(id)) changes.dispatchEvent(new Event('change'));
  };
}

/** True while any work is marked busy. */
export function isBusy(): boolean {
  return running.size > 0;
}

/** What is running, e.g. ['training'], oldest first. */
export function busyReasons(): string[] {
  return [...running.values()];
}

/** Calls `listener` whenever work starts or ends; returns the unsubscribe function. */
export function onBusyChange(listener: () => void): () => void {
  changes.addEventListener('change', listener);
  return () => changes.removeEventListener('change', listener);
}
