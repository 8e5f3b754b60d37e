import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { createStore, set, type UseStore } from 'idb-keyval';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ValidBundle } from '../../core/bundle/bundle-format';
import { classifierFromBundle } from '../../core/classifiers/classifier-from-bundle';
import { blobs } from '../../test/blobs';
import { defaultModel } from '../../test/default-model';
import { type InProcessWorker, inProcessBridge } from '../../test/in-process-worker';
import { trainedBundle } from '../../test/trained-bundle';
import type { AppServices } from '../shell/app-services';
import type { WorkerBridge } from '../worker-bridge/worker-bridge';
import { type ModelSnapshot, ModelStore, modelStoreFor } from './model-store';
import {
  DEFAULT_MODEL_NAME,
  DEFAULT_MODEL_SOURCE,
  ModelRegistry,
  type TrainingSample,
  type VersionInfo,
} from './registry/model-registry';
import type { StorageLike } from './registry/storage-status';

const BASE = 'http://petal.test/app/';
const publicFile = (path: string) => new URL(`../../../public/${path}`, import.meta.url);
const served: Record<string, URL> = {
  [`${BASE}models/default/model.json`]: publicFile('models/default/model.json'),
  [`${BASE}models/default/weights.bin`]: publicFile('models/default/weights.bin'),
  [`${BASE}data/iris.csv`]: publicFile('data/iris.csv'),
};
const SETOSA = [5.1, 3.5, 1.4, 0.2];
const blobSample: TrainingSample = { x: [[1, 2, 3, 4]], y: [2] };

let blobModel: ValidBundle;
beforeAll(async () => {
  blobModel = await trainedBundle({ dataset: blobs({ perClass: 10 }) });
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  vi.unstubAllGlobals();
});

/** The page's static files, served from public/ at BASE; `missing` answer 404. */
function serveStaticFiles(missing: readonly string[] = []) {
  const fetchMock = vi.fn(async (input: string | URL) => {
    const url = String(input);
    const file = served[url];
    if (!file || missing.some((name) => url.endsWith(name))) return new Response('', { status: 404 });
    return new Response(new Uint8Array(readFileSync(file)));
  });
  vi.stubGlobal('fetch', fetchMock);
  vi.stubGlobal('document', { baseURI: BASE });
  return fetchMock;
}

function probabilitiesOf(bundle: ValidBundle, values: readonly number[]): number[] {
  return Array.from(classifierFromBundle(bundle).predictProbabilities(Float32Array.from(values)));
}

async function predictInWorker(bridge: WorkerBridge, values: readonly number[]): Promise<number[]> {
  // One text cell per feature, as the Predict form sends them.
  return Array.from((await bridge.call('predict', { cells: values.map(String) })).probabilities);
}

const useModelCalls = (workers: InProcessWorker[]) =>
  workers.flatMap((worker) => worker.methods()).filter((method) => method === 'useModel').length;

function setup(options: { storage?: StorageLike } = {}) {
  const idb: UseStore = createStore(`petal-test-${crypto.randomUUID()}`, 'registry');
  const registry = new ModelRegistry({ store: idb, channelName: null, storage: options.storage ?? null });
  const { bridge, workers } = inProcessBridge();
  cleanups.push(() => {
    registry.close();
    bridge.terminate();
  });
  const services: AppServices = { bridge, registry };
  const models = new ModelStore(services);
  const seen: ModelSnapshot[] = [];
  models.addEventListener('change', () => seen.push(models.snapshot));
  return { idb, registry, bridge, workers, services, models, seen };
}

/** v1 the default iris model, v2 a 3-class blob model (active): what a returning visitor has stored. */
async function seedTwoVersions(registry: ModelRegistry): Promise<[VersionInfo, VersionInfo]> {
  const { versions } = await registry.ensureDefault(async () => ({ bundle: defaultModel }));
  const v2 = await registry.save(blobModel, { source: 'trained on blobs.csv', sample: blobSample });
  return [versions[0], v2];
}

/** Resolves with the first snapshot (the current one included) for which `predicate` holds. */
function until(models: ModelStore, predicate: (snapshot: ModelSnapshot) => boolean): Promise<ModelSnapshot> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!predicate(models.snapshot)) return;
      models.removeEventListener('change', check);
      clearTimeout(timer);
      resolve(models.snapshot);
    };
    const timer = setTimeout(() => {
      models.removeEventListener('change', check);
      reject(new Error(`timed out; last snapshot: ${JSON.stringify(models.snapshot)}`));
    }, 15_000);
    models.addEventListener('change', check);
    check();
  });
}

const isReady = (s: ModelSnapshot) => s.phase === 'ready' && !s.switching && s.loaded !== null;

describe('ModelStore', () => {
  it('on a first visit downloads the default model, registers it as v1 and loads it once', async () => {
    const fetchMock = serveStaticFiles();
    const { models, seen, workers, idb } = setup();
    expect(models.snapshot).toMatchObject({ phase: 'loading', versions: [], activeId: null, loaded: null });

    models.start();
    const ready = await until(models, (s) => isReady(s) && s.storage !== null);

    expect(ready.error).toBeNull();
    expect(ready.versions).toHaveLength(1);
    expect(ready.versions[0]).toMatchObject({
      version: 1,
      name: DEFAULT_MODEL_NAME,
      source: DEFAULT_MODEL_SOURCE,
    });
    expect(ready.activeId).toBe(ready.versions[0].id);
    const loaded = ready.loaded!;
    expect(loaded.version.id).toBe(ready.activeId);
    expect(loaded.metadata).toEqual(defaultModel.metadata);
    // The scatter-plot sample the worker read from the bundled iris.csv: all 150 rows.
    expect(loaded.sample?.x).toHaveLength(150);
    expect(loaded.sample?.x[0]).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(ready.storage).toEqual({ persisted: false });

    expect(fetchMock.mock.calls.map(([url]) => String(url)).sort()).toEqual(Object.keys(served).sort());
    // The download was sent to the worker while it was being stored, and that load was reused.
    expect(useModelCalls(workers)).toBe(1);
    // Every update was announced with a new snapshot; nothing before `ready` was an error.
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, seen.indexOf(ready)).every((s) => s.phase === 'loading')).toBe(true);
    // The default is stored for the next visit.
    const reopened = new ModelRegistry({ store: idb, channelName: null, storage: null });
    expect(await reopened.load()).toEqual({ versions: ready.versions, activeId: ready.activeId });
  });

  it('on a returning visit loads the active version without downloading anything', async () => {
    const fetchMock = vi.fn(async () => new Response('', { status: 500 }));
    vi.stubGlobal('fetch', fetchMock);
    const storage: StorageLike = {
      persisted: async () => true,
      estimate: async () => ({ usage: 1234, quota: 5678 }),
    };
    const { models, registry, workers, bridge } = setup({ storage });
    const [v1, v2] = await seedTwoVersions(registry);

    models.start();
    const ready = await until(models, (s) => isReady(s) && s.storage !== null);

    expect(ready.versions.map((v) => v.id)).toEqual([v1.id, v2.id]);
    expect(ready.activeId).toBe(v2.id);
    expect(ready.loaded?.version).toEqual(v2);
    expect(ready.loaded?.metadata).toEqual(blobModel.metadata);
    expect(ready.loaded?.sample).toEqual(blobSample);
    expect(ready.storage).toEqual({ persisted: true, usage: 1234, quota: 5678 });
    expect(fetchMock).not.toHaveBeenCalled();
    expect(useModelCalls(workers)).toBe(1);
    expect(await predictInWorker(bridge, [1, 2, 3, 4])).toEqual(probabilitiesOf(blobModel, [1, 2, 3, 4]));
  });

  it('switches the loaded model when another version is activated; predictions then come from it', async () => {
    const { models, registry, bridge, seen } = setup();
    const [v1, v2] = await seedTwoVersions(registry);
    models.start();
    await until(models, isReady);
    const from = seen.length;

    await registry.activate(v1.id);
    const switched = await until(models, (s) => isReady(s) && s.loaded?.version.id === v1.id);

    // While the new version loads, the old one stays loaded and `switching` says predictions must wait.
    const during = seen.slice(from, seen.indexOf(switched));
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((s) => s.activeId === v1.id && s.loaded?.version.id === v2.id)).toBe(true);
    expect(during.some((s) => s.switching)).toBe(true);
    expect(switched).toMatchObject({ activeId: v1.id, switching: false, error: null });
    expect(switched.loaded?.metadata).toEqual(defaultModel.metadata);
    expect(await predictInWorker(bridge, SETOSA)).toEqual(probabilitiesOf(defaultModel, SETOSA));
  });

  it('follows a rename of the loaded version without loading it again', async () => {
    const { models, registry, workers } = setup();
    const [, v2] = await seedTwoVersions(registry);
    models.start();
    await until(models, isReady);

    await registry.rename(v2.id, 'Blobs, take two');
    const renamed = await until(models, (s) => s.loaded?.version.name === 'Blobs, take two');
    expect(renamed.versions[1].name).toBe('Blobs, take two');
    expect(useModelCalls(workers)).toBe(1);
  });

  it('keeps the previous model and explains when the activated version is damaged; refresh retries', async () => {
    const { models, registry, bridge, workers, idb } = setup();
    const [v1, v2] = await seedTwoVersions(registry);
    models.start();
    await until(models, isReady);
    const getBundle = vi.spyOn(registry, 'getBundle');

    await set(`bundle:${v1.id}`, { modelJson: { garbage: true }, weights: new ArrayBuffer(3) }, idb);
    await registry.activate(v1.id);
    const failed = await until(models, (s) => s.error !== null && !s.switching);

    expect(failed.phase).toBe('ready');
    expect(failed.activeId).toBe(v1.id);
    expect(failed.loaded?.version.id).toBe(v2.id);
    expect(failed.error).toMatch(/^Model v1 could not be loaded: This saved model is damaged: \S/);
    expect(useModelCalls(workers)).toBe(1);
    expect(await predictInWorker(bridge, [1, 2, 3, 4])).toEqual(probabilitiesOf(blobModel, [1, 2, 3, 4]));

    // Other registry changes do not retry the broken version...
    await registry.rename(v2.id, 'Still loaded');
    await until(models, (s) => s.loaded?.version.name === 'Still loaded');
    expect(getBundle).toHaveBeenCalledTimes(1);
    expect(models.snapshot.error).toBe(failed.error);

    // ...refresh() does, and once the data is intact again the version loads.
    await set(`bundle:${v1.id}`, { modelJson: defaultModel.modelJson, weights: defaultModel.weights }, idb);
    await models.refresh();
    const repaired = await until(models, (s) => isReady(s) && s.loaded?.version.id === v1.id);
    expect(repaired.error).toBeNull();
    expect(await predictInWorker(bridge, SETOSA)).toEqual(probabilitiesOf(defaultModel, SETOSA));
  });

  it('ends in the error phase with no model when the only version to load is damaged', async () => {
    const { models, registry, idb } = setup();
    const [, v2] = await seedTwoVersions(registry);
    await set(`bundle:${v2.id}`, { modelJson: 'not a model', weights: new ArrayBuffer(0) }, idb);

    models.start();
    const failed = await until(models, (s) => s.phase === 'error');
    expect(failed.loaded).toBeNull();
    expect(failed.switching).toBe(false);
    expect(failed.error).toMatch(/^Model v2 could not be loaded: This saved model is damaged: \S/);
  });

  it('ends in the error phase, saying why, when the default model cannot be downloaded', async () => {
    serveStaticFiles(['weights.bin']);
    const { models } = setup();

    models.start();
    const failed = await until(models, (s) => s.phase === 'error');
    expect(failed).toMatchObject({ versions: [], activeId: null, loaded: null, switching: false });
    expect(failed.error).toBe(
      `The default model could not be loaded: downloading ${BASE}models/default/weights.bin failed (HTTP 404).`,
    );
  });

  it('starts once however often start() is called', async () => {
    const { models, registry } = setup();
    await seedTwoVersions(registry);
    const ensureDefault = vi.spyOn(registry, 'ensureDefault');
    models.start();
    models.start();
    await until(models, isReady);
    expect(ensureDefault).toHaveBeenCalledTimes(1);
  });
});

describe('modelStoreFor', () => {
  it('gives one shared store per services object', () => {
    const a = setup().services;
    const b = setup().services;
    expect(modelStoreFor(a)).toBeInstanceOf(ModelStore);
    expect(modelStoreFor(a)).toBe(modelStoreFor(a));
    expect(modelStoreFor(b)).not.toBe(modelStoreFor(a));
    expect(modelStoreFor({ ...a })).not.toBe(modelStoreFor(a));
  });
});
