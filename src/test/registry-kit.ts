// What the registry's tests share: a database of its own per test, registries that are closed after each
// test, and a registry with the default version saved.
import { createStore, type UseStore } from 'idb-keyval';
import { afterEach } from 'vitest';
import { ModelRegistry, type TrainingSample } from '../app/models/registry/model-registry';
import type { ModelBundle } from '../core/bundle/bundle-format';

/** The training sample every test version is saved with. */
export const sample: TrainingSample = { x: [[1, 2, 3, 4]], y: [0] };

/** A database of its own per test, so tests never see each other's models. */
export function freshStore(): UseStore {
  return createStore(`petal-test-${crypto.randomUUID()}`, 'registry');
}

/**
 * `registryOn` and `withDefault` for one test file; every registry they open is closed after each test.
 * `bundle` gives the file's default model (trained in its `beforeAll`).
 */
export function registryKit(bundle: () => ModelBundle) {
  const opened: ModelRegistry[] = [];
  afterEach(() => {
    for (const registry of opened.splice(0)) registry.close();
  });

  function registryOn(
    store: UseStore,
    channelName: string | null = null,
    now: () => number = Date.now,
  ): ModelRegistry {
    const registry = new ModelRegistry({ store, channelName, storage: null, now });
    opened.push(registry);
    return registry;
  }

  /** A registry with v1 (the default) saved and active. */
  async function withDefault(store = freshStore()) {
    const registry = registryOn(store);
    await registry.ensureDefault(async () => ({ bundle: bundle(), sample }));
    return { registry, store };
  }

  return { registryOn, withDefault };
}
