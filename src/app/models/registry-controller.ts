import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PetalMetadata } from '../../core/bundle/bundle-format';
import type { AppServices } from '../shell/app-services';
import { type LoadedModel, type ModelSnapshot, type ModelStore, modelStoreFor } from './model-store';
import type { VersionInfo } from './registry/version-info';

const EMPTY: ModelSnapshot = {
  phase: 'loading',
  switching: false,
  versions: [],
  activeId: null,
  loaded: null,
  storage: null,
  error: null,
};

/**
 * Gives an element the registry's state: the saved versions, the active one and the metadata of the
 * model loaded in the worker, re-rendering the host on every change (including changes made in other
 * tabs). Loading and `useModel` happen once per app in the shared {@link ModelStore}; this controller
 * only follows it, from `hostConnected` to `hostDisconnected`.
 *
 * `services` is read lazily because Lit sets properties after the controller is constructed.
 */
export class RegistryController implements ReactiveController {
  #store: ModelStore | null = null;
  #connected = false;
  readonly #onChange = () => this.host.requestUpdate();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly services: () => AppServices | undefined,
  ) {
    host.addController(this);
  }

  /** The whole state; see {@link ModelSnapshot}. */
  get snapshot(): ModelSnapshot {
    return this.#store?.snapshot ?? EMPTY;
  }

  /** Every saved version, oldest first. */
  get versions(): readonly VersionInfo[] {
    return this.snapshot.versions;
  }

  /** The version whose model is loaded in the worker (it follows the registry's active id). */
  get active(): VersionInfo | null {
    return this.snapshot.loaded?.version ?? null;
  }

  /** The loaded model: version, metadata and scatter sample. */
  get loaded(): LoadedModel | null {
    return this.snapshot.loaded;
  }

  /** The metadata of the loaded model (schema, ranges, class means…). */
  get metadata(): PetalMetadata | null {
    return this.snapshot.loaded?.metadata ?? null;
  }

  /** The shared store, e.g. to call `refresh()` or `refreshStorage()` after a change; null before services. */
  get store(): ModelStore | null {
    return this.#store;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#attach();
  }

  hostUpdate(): void {
    this.#attach();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#store?.removeEventListener('change', this.#onChange);
    this.#store = null;
  }

  #attach(): void {
    const services = this.services();
    if (!this.#connected || !services) return;
    const store = modelStoreFor(services);
    if (store === this.#store) return;
    this.#store?.removeEventListener('change', this.#onChange);
    this.#store = store;
    store.addEventListener('change', this.#onChange);
    store.start();
    this.host.requestUpdate();
  }
}
