import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ModelRegistry, VersionDetails } from './registry/model-registry';

/** A version's details as the views show them: being read, read, or why they could not be. */
export type DetailsState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly details: VersionDetails }
  | { readonly status: 'failed'; readonly message: string };

/**
 * Reads versions' details (metadata and kept figures) from the registry for the details and comparison
 * views, once per version: a version never changes after it is saved (a rename changes only the list
 * entry), so what was read stays right until the version is deleted. Re-renders the host when a read ends.
 */
export class VersionDetailsController implements ReactiveController {
  readonly #states = new Map<string, DetailsState>();
  readonly #host: ReactiveControllerHost;
  readonly #registry: () => Pick<ModelRegistry, 'getDetails'> | undefined;

  constructor(host: ReactiveControllerHost, registry: () => Pick<ModelRegistry, 'getDetails'> | undefined) {
    this.#host = host;
    this.#registry = registry;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The version's details, starting to read them on the first call. */
  get(id: string): DetailsState {
    const known = this.#states.get(id);
    if (known) return known;
    const registry = this.#registry();
    if (!registry) return { status: 'loading' };
    const loading: DetailsState = { status: 'loading' };
    this.#states.set(id, loading);
    registry.getDetails(id).then(
      (details) => this.#settle(id, loading, { status: 'ready', details }),
      (error: unknown) =>
        this.#settle(id, loading, {
          status: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return loading;
  }

  /** Reads a version again if the last read failed (opening a view again retries). */
  retryFailed(id: string): void {
    if (this.#states.get(id)?.status === 'failed') this.#states.delete(id);
  }

  #settle(id: string, pending: DetailsState, state: DetailsState): void {
    if (this.#states.get(id) !== pending) return;
    this.#states.set(id, state);
    this.#host.requestUpdate();
  }
}
