import { type PetalMetadata, sameBundle, type ValidBundle } from '../../core/bundle/bundle-format';
import { parseBundleFiles } from '../../core/bundle/validate-bundle';
import type { AppServices } from '../shell/app-services';
import type { RegistryState, StorageStatus, TrainingSample, VersionInfo } from './registry/model-registry';

/** The model the worker has loaded, with what the UI needs from it. */
export interface LoadedModel {
  readonly version: VersionInfo;
  readonly metadata: PetalMetadata;
  /** Training rows for the scatter plot, when the version was saved with some. */
  readonly sample: TrainingSample | null;
}

/** Everything the UI shows about saved models, as one immutable value (a new object on each change). */
export interface ModelSnapshot {
  /** `loading` until the first model is in the worker; `error` when that failed. */
  readonly phase: 'loading' | 'ready' | 'error';
  /** True while `useModel` for a newly activated version is in flight: predictions wait for it. */
  readonly switching: boolean;
  /** Oldest first. */
  readonly versions: readonly VersionInfo[];
  /** The registry's active version id (the loaded model follows it once `switching` ends). */
  readonly activeId: string | null;
  readonly loaded: LoadedModel | null;
  readonly storage: StorageStatus | null;
  /** The last failure to load the registry or a model, in words; null when the last attempt worked. */
  readonly error: string | null;
}

const INITIAL: ModelSnapshot = {
  phase: 'loading',
  switching: false,
  versions: [],
  activeId: null,
  loaded: null,
  storage: null,
  error: null,
};

/**
 * The one owner of "which model is active and loaded" for an {@link AppServices}: it loads the registry,
 * registers the bundled default model on a first visit, follows registry changes (from this tab and
 * others) and loads the active version into the worker with `useModel`. Several controllers share it
 * (see {@link modelStoreFor}) so a model is loaded once, however many elements watch it.
 * Fires `change` after every update of {@link snapshot}.
 */
export class ModelStore extends EventTarget {
  #snapshot: ModelSnapshot = INITIAL;
  #started = false;
  #syncing = false;
  /** A version whose model failed to load: not retried until `refresh()` or another activation. */
  #failedId: string | null = null;
  /**
   * On a first visit, the bundled default model is sent to the worker as soon as it is downloaded, while
   * it is still being stored. `#load` reuses that load if the active version's stored bundle is the same
   * (byte for byte) and no other model was sent to the worker since; otherwise it loads its own.
   */
  #preloaded: PendingModelLoad | null = null;

  constructor(private readonly services: AppServices) {
    super();
  }

  get snapshot(): ModelSnapshot {
    return this.#snapshot;
  }

  /** Starts loading (once; later calls do nothing). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    // Start the worker (fetching its script, compiling the WASM backend) while IndexedDB is read: on a
    // warm visit that overlap is most of the time to the first prediction.
    this.services.bridge.ready().catch(() => undefined);
    // The registry hands every change (this tab's and other tabs') over with the new state.
    this.services.registry.subscribe((state) => this.#follow(state));
    void this.#init();
  }

  /** Re-reads the registry and loads its active version, retrying one that failed to load before. */
  async refresh(): Promise<void> {
    this.#failedId = null;
    try {
      this.#follow(await this.services.registry.load());
    } catch (error) {
      this.#set({ phase: this.#snapshot.loaded ? 'ready' : 'error', error: messageOf(error) });
    }
  }

  /** Re-reads persistence and usage, e.g. after a persistence request. Saves refresh it by themselves. */
  async refreshStorage(): Promise<void> {
    try {
      this.#set({ storage: await this.services.registry.storageStatus() });
    } catch {
      // Storage estimates are informative only; the header simply keeps the last known value.
    }
  }

  async #init(): Promise<void> {
    try {
      await this.services.registry.ensureDefault(() =>
        loadDefaultModel(this.services, (bundle) => this.#preload(bundle)),
      );
    } catch (error) {
      this.#set({ error: messageOf(error) });
    }
    await this.refresh();
  }

  #follow(state: RegistryState): void {
    const loaded = this.#snapshot.loaded;
    // A rename changes the VersionInfo but not the id: keep the loaded model, show the new name.
    const current = loaded && state.versions.find((v) => v.id === loaded.version.id);
    if (state.activeId !== this.#snapshot.activeId) this.#failedId = null;
    this.#set({
      versions: state.versions,
      activeId: state.activeId,
      loaded: loaded && current ? { ...loaded, version: current } : loaded,
    });
    void this.refreshStorage();
    void this.#syncModel();
  }

  /** Loads the registry's active version into the worker until the two agree (one load at a time). */
  async #syncModel(): Promise<void> {
    if (this.#syncing) return;
    this.#syncing = true;
    try {
      for (;;) {
        const { activeId, loaded, versions } = this.#snapshot;
        if (activeId === null || activeId === loaded?.version.id || activeId === this.#failedId) break;
        await this.#load(activeId, versions);
      }
    } finally {
      this.#syncing = false;
    }
    if (this.#snapshot.activeId === null && this.#snapshot.phase === 'loading') {
      this.#set({
        phase: 'error',
        error: this.#snapshot.error ?? 'There is no saved model. Train one or import model files.',
      });
    }
  }

  /** Starts loading the downloaded default model, unless another model is (being) loaded already. */
  #preload(bundle: ValidBundle): void {
    // A useModel sent after another one would replace that model in the worker behind the snapshot's back.
    if (this.#syncing || this.#snapshot.loaded !== null) return;
    this.#preloaded = startModelLoad(this.services.bridge, bundle);
  }

  async #load(id: string, versions: readonly VersionInfo[]): Promise<void> {
    const { registry, bridge } = this.services;
    const version = versions.find((v) => v.id === id);
    if (!version || version.damaged !== undefined) {
      this.#failedId = id;
      if (version?.damaged !== undefined) {
        this.#set({
          phase: this.#snapshot.loaded ? 'ready' : 'error',
          error: `Model v${version.version} could not be loaded: ${version.damaged}`,
        });
      }
      return;
    }
    this.#set({ switching: true });
    try {
      const samplePromise = registry.getSample(id).catch(() => undefined);
      const bundle = await registry.getBundle(id);
      const preloaded = this.#preloaded;
      this.#preloaded = null;
      const { loading } =
        preloaded && sameBundle(preloaded.bundle, bundle) ? preloaded : startModelLoad(bridge, bundle);
      await loading;
      const { metadata } = bundle;
      const sample = (await samplePromise) ?? null;
      // The registry may have renamed it meanwhile; take the newest VersionInfo.
      const latest = this.#snapshot.versions.find((v) => v.id === id) ?? version;
      this.#set({
        phase: 'ready',
        switching: false,
        error: null,
        loaded: { version: latest, metadata, sample },
      });
    } catch (error) {
      this.#failedId = id;
      this.#set({
        phase: this.#snapshot.loaded ? 'ready' : 'error',
        switching: false,
        error: `Model v${version.version} could not be loaded: ${messageOf(error)}`,
      });
    }
  }

  #set(patch: Partial<ModelSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    this.dispatchEvent(new Event('change'));
  }
}

const stores = new WeakMap<AppServices, ModelStore>();

/** The shared {@link ModelStore} of these services, created on first use. */
export function modelStoreFor(services: AppServices): ModelStore {
  let store = stores.get(services);
  if (!store) {
    store = new ModelStore(services);
    stores.set(services, store);
  }
  return store;
}

/** A `useModel` call in flight. */
interface PendingModelLoad {
  readonly bundle: ValidBundle;
  readonly loading: Promise<void>;
}

function startModelLoad(bridge: AppServices['bridge'], bundle: ValidBundle): PendingModelLoad {
  const loading = bridge.call('useModel', { bundle });
  // A failed load is reported by whoever awaits it; an unused preload must not be an unhandled rejection.
  loading.catch(() => undefined);
  return { bundle, loading };
}

/** Where the bundled default model and the bundled iris CSV live, relative to the page. */
export function bundledUrls(base = document.baseURI) {
  return {
    modelJson: new URL('models/default/model.json', base).href,
    weights: new URL('models/default/weights.bin', base).href,
    irisCsv: new URL('data/iris.csv', base).href,
  };
}

/**
 * Downloads the bundled default model and asks the worker for a scatter-plot sample of the bundled CSV.
 * The sample is optional: without it the model still works, only the plot is empty.
 */
async function loadDefaultModel(services: AppServices, onDownloaded: (bundle: ValidBundle) => void) {
  const urls = bundledUrls();
  const samplePromise = services.bridge
    .call('sampleData', { source: { kind: 'url', url: urls.irisCsv, name: 'iris.csv' } })
    .catch(() => undefined);
  const [modelJson, weights] = await Promise.all([
    fetchOk(urls.modelJson).then((response) => response.text()),
    fetchOk(urls.weights).then((response) => response.arrayBuffer()),
  ]);
  const bundle = parseBundleFiles({ modelJson, weights });
  onDownloaded(bundle);
  return { bundle, sample: await samplePromise };
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`downloading ${url} failed (HTTP ${response.status}).`);
  return response;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
