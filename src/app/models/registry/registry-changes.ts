import type { RegistryState } from './version-info';

/** 'this-tab' for changes made through this registry, 'other-tab' for those another tab announced. */
export type ChangeOrigin = 'this-tab' | 'other-tab';
export type RegistryListener = (state: RegistryState, origin: ChangeOrigin) => void;

export const REGISTRY_CHANNEL = 'petal-registry';

/**
 * Tells listeners about changes, here and in other tabs. Other tabs get only a "changed" ping over a
 * BroadcastChannel and read the index themselves, so a late or reordered message can never show a stale
 * list. Without BroadcastChannel (old Safari) only local changes are seen.
 */
export class RegistryChanges {
  readonly #listeners = new Set<RegistryListener>();
  readonly #channel: BroadcastChannel | undefined;

  constructor(channelName: string | null, readState: () => Promise<RegistryState>) {
    if (channelName === null || typeof BroadcastChannel === 'undefined') return;
    this.#channel = new BroadcastChannel(channelName);
    this.#channel.onmessage = () => {
      if (this.#listeners.size === 0) return;
      readState().then(
        (state) => this.#emit(state, 'other-tab'),
        // The next local change or reload will show the state; nothing useful to report here.
        () => undefined,
      );
    };
  }

  subscribe(listener: RegistryListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** After a committed change in this tab. */
  announce(state: RegistryState): void {
    this.#emit(state, 'this-tab');
    this.#channel?.postMessage({ type: 'changed' });
  }

  close(): void {
    this.#listeners.clear();
    this.#channel?.close();
  }

  #emit(state: RegistryState, origin: ChangeOrigin): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(state, origin);
      } catch (error) {
        // One broken listener must not stop the others or fail the save that triggered it.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
