import 'fake-indexeddb/auto';
import { get, keys, promisifyRequest, set, type UseStore } from 'idb-keyval';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ModelBundle } from '../../../core/bundle/bundle-format';
import { freshStore, registryKit, sample } from '../../../test/registry-kit';
import { trainedBundle } from '../../../test/trained-bundle';
import { DEFAULT_MODEL_NAME, ModelRegistry, type RegistryState } from './model-registry';
import { isQuotaError, QUOTA_MESSAGE, RegistryError } from './registry-error';
import { LEASE_MS } from './registry-store';

let bundle: ModelBundle;

beforeAll(async () => {
  bundle = await trainedBundle();
});

const { registryOn, withDefault } = registryKit(() => bundle);

/**
 * Wraps a store so `put` first calls `fault(key, value)`, which may throw (a storage failure) or return
 * the value to store instead (silent corruption).
 */
function faultyStore(base: UseStore, fault: (key: IDBValidKey, value: unknown) => unknown): UseStore {
  return (mode, callback) =>
    base(mode, (objects) =>
      callback(
        new Proxy(objects, {
          get(target, property) {
            if (property === 'put') {
              return (value: unknown, key: IDBValidKey) => target.put(fault(key, value), key);
            }
            const member = Reflect.get(target, property, target);
            return typeof member === 'function' ? member.bind(target) : member;
          },
        }),
      ),
    );
}

async function storedKeys(store: UseStore): Promise<string[]> {
  return ((await keys(store)) as string[]).sort();
}

/** Everything stored, for "nothing changed" assertions. */
async function snapshot(store: UseStore) {
  return { keys: await storedKeys(store), index: await get('index', store) };
}

function truncated(source: ModelBundle): ModelBundle {
  return { modelJson: source.modelJson, weights: source.weights.slice(0, 40) };
}

describe('ensureDefault', () => {
  it('registers the default model as v1 once, across reloads, without fetching it again', async () => {
    const store = freshStore();
    const loadDefault = vi.fn(async () => ({ bundle, sample }));
    const state = await registryOn(store).ensureDefault(loadDefault);
    expect(state.versions).toMatchObject([
      {
        version: 1,
        name: DEFAULT_MODEL_NAME,
        source: 'bundled default model',
        createdAt: '2026-01-02T03:04:05.000Z',
      },
    ]);
    expect(state.activeId).toBe(state.versions[0].id);

    const reloaded = registryOn(store);
    expect(await reloaded.ensureDefault(loadDefault)).toEqual(state);
    expect(await reloaded.load()).toEqual(state);
    expect(loadDefault).toHaveBeenCalledTimes(1);
    expect(await reloaded.getSample(state.versions[0].id)).toEqual(sample);
  });

  it('keeps a single default when two tabs open at once', async () => {
    const store = freshStore();
    const [a, b] = await Promise.all([
      registryOn(store).ensureDefault(async () => ({ bundle })),
      registryOn(store).ensureDefault(async () => ({ bundle })),
    ]);
    expect(a).toEqual(b);
    expect(a.versions).toHaveLength(1);
    const id = a.versions[0].id;
    expect(await storedKeys(store)).toEqual([`bundle:${id}`, 'index']);
  });

  it('reports a default model that cannot be fetched', async () => {
    const registry = registryOn(freshStore());
    await expect(registry.ensureDefault(() => Promise.reject(new Error('HTTP 404')))).rejects.toThrow(
      'The default model could not be loaded: HTTP 404',
    );
    expect(await registry.load()).toEqual({ versions: [], activeId: null });
  });
});

describe('save', () => {
  it('activates each new version; version numbers grow and are never reused', async () => {
    const { registry } = await withDefault();
    const v2 = await registry.save(bundle, { source: 'trained on iris.csv', sample });
    expect(v2).toMatchObject({ version: 2, name: 'Trained on iris.csv', source: 'trained on iris.csv' });
    expect(v2.accuracy).toBeGreaterThan(0);
    expect(v2.sizeBytes).toBeGreaterThan(bundle.weights.byteLength);
    expect((await registry.load()).activeId).toBe(v2.id);

    const v3 = await registry.save(bundle, { source: 'trained on iris.csv', name: '  Mine  ' });
    expect(v3).toMatchObject({ version: 3, name: 'Mine' });
    await registry.remove(v3.id, { replacementId: v2.id });
    const v4 = await registry.save(bundle, { source: '' });
    expect(v4).toMatchObject({ version: 4, name: 'v4' });
    const state = await registry.load();
    expect(state.versions.map((v) => v.version)).toEqual([1, 2, 4]);
    expect(state.activeId).toBe(v4.id);
  });

  it('stores a copy: the caller may transfer its weights right away', async () => {
    const { registry } = await withDefault();
    const own = { modelJson: bundle.modelJson, weights: bundle.weights.slice(0) };
    const saving = registry.save(own, { source: 'trained on x.csv' });
    structuredClone(own.weights, { transfer: [own.weights] }); // detaches it, as postMessage would
    const info = await saving;
    expect(new Uint8Array((await registry.getBundle(info.id)).weights)).toEqual(
      new Uint8Array(bundle.weights),
    );
  });

  it('refuses an invalid bundle or name and changes nothing', async () => {
    const { registry, store } = await withDefault();
    const before = await snapshot(store);
    await expect(registry.save(truncated(bundle), { source: 'x' })).rejects.toThrow(
      /^This model cannot be saved: The weights file is truncated/,
    );
    await expect(registry.save(bundle, { source: 'x', name: '   ' })).rejects.toMatchObject({
      code: 'invalid-name',
    });
    expect(await snapshot(store)).toEqual(before);
  });

  it('refuses a bundle that does not read back intact, leaving no orphan', async () => {
    const { store } = await withDefault();
    const before = await snapshot(store);
    const corrupting = faultyStore(store, (key, value) =>
      String(key).startsWith('bundle:') ? truncated(value as ModelBundle) : value,
    );
    await expect(registryOn(corrupting).save(bundle, { source: 'x' })).rejects.toThrow(
      /the browser returned different data from what was written\. Nothing was changed\.$/,
    );
    expect(await snapshot(store)).toEqual(before);
  });

  it('survives a crash between writing the bundle and committing the index; a load once its lease is old sweeps', async () => {
    const { registry, store } = await withDefault();
    const before = await registry.load();
    // The tab "dies" when the index is written: that write and everything after it fail.
    let dead = false;
    const dying: UseStore = (mode, callback) =>
      dead
        ? Promise.reject(new Error('the tab was closed'))
        : faultyStore(store, (key, value) => {
            if (key !== 'index') return value;
            dead = true;
            throw new Error('the tab was closed');
          })(mode, callback);
    await expect(registryOn(dying).save(bundle, { source: 'x', sample })).rejects.toThrow(RegistryError);
    const left = (await storedKeys(store)).filter((key) => key !== 'index');
    expect(left).toHaveLength(5); // two orphans and their lease
    expect(left.filter((key) => key.startsWith('lease:'))).toHaveLength(1);

    // Within the lease another tab's load keeps them (the save might still be running there)...
    expect(await registryOn(store).load()).toEqual(before);
    expect(await storedKeys(store)).toHaveLength(6);
    // ...and once it is older than any save takes, the orphans and the lease go.
    const reloaded = registryOn(store, null, () => Date.now() + LEASE_MS + 1);
    expect(await reloaded.load()).toEqual(before);
    expect(await storedKeys(store)).toEqual(
      [`bundle:${before.activeId}`, 'index', `sample:${before.activeId}`].sort(),
    );
    expect((await reloaded.getBundle(before.activeId!)).weights.byteLength).toBe(bundle.weights.byteLength);
  });

  it("leaves another tab's save in progress alone when this tab starts and sweeps", async () => {
    const { store } = await withDefault();
    const otherTab = registryOn(store);
    let calls = 0;
    // Calls: 1 writes the bundle and its lease, 2 reads it back, 3 commits; the other tab starts before 3.
    const racing: UseStore = (mode, callback) =>
      ++calls === 3 ? otherTab.load().then(() => store(mode, callback)) : store(mode, callback);
    const saved = await registryOn(racing).save(bundle, { source: 'x' });
    expect((await otherTab.load()).activeId).toBe(saved.id);
    // The commit removed the lease; only the two versions' data is left.
    expect((await storedKeys(store)).filter((key) => key.startsWith('lease:'))).toEqual([]);
  });

  it('says so when a save is removed from storage before it is registered (an old tab without leases)', async () => {
    const { store } = await withDefault();
    const before = await snapshot(store);
    let calls = 0;
    // An older Petal in another tab deletes the new bundle between the write (call 1) and the read back.
    const racing: UseStore = (mode, callback) =>
      ++calls === 2
        ? store('readwrite', (objects) => {
            objects.getAllKeys().onsuccess = (event) => {
              const found = (event.target as IDBRequest<IDBValidKey[]>).result;
              for (const key of found)
                if (String(key).startsWith('bundle:') && !before.keys.includes(String(key)))
                  objects.delete(key);
            };
            return promisifyRequest(objects.transaction);
          }).then(() => store(mode, callback))
        : store(mode, callback);
    await expect(registryOn(racing).save(bundle, { source: 'x' })).rejects.toThrow(
      /gone from browser storage before it could be registered \(another Petal tab/,
    );
    expect(await snapshot(store)).toEqual(before);
  });

  it("never sweeps this tab's own save in progress", async () => {
    const { store } = await withDefault();
    let calls = 0;
    let registry: ModelRegistry | undefined;
    const busy: UseStore = (mode, callback) =>
      ++calls === 3 ? registry!.load().then(() => store(mode, callback)) : store(mode, callback);
    registry = registryOn(busy);
    const v2 = await registry.save(bundle, { source: 'x' });
    expect((await registry.load()).activeId).toBe(v2.id);
  });

  it.each([
    ['the bundle', 'bundle:'],
    ['the index', 'index'],
  ])('turns a quota error writing %s into a readable message, active model intact', async (_, prefix) => {
    const { store } = await withDefault();
    const before = await snapshot(store);
    const full = faultyStore(store, (key, value) => {
      if (String(key).startsWith(prefix)) throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return value;
    });
    const error = await registryOn(full)
      .save(bundle, { source: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ code: 'quota', message: QUOTA_MESSAGE });
    expect(await snapshot(store)).toEqual(before);
  });

  it('recognises quota errors wrapped in causes', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(isQuotaError(new Error('write failed', { cause: new Error('inner', { cause: quota }) }))).toBe(
      true,
    );
    expect(isQuotaError({ error: quota })).toBe(true);
    expect(isQuotaError(new DOMException('nope', 'AbortError'))).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });
});

describe('activate, rename', () => {
  async function threeVersions() {
    const { registry, store } = await withDefault();
    const [v1] = (await registry.load()).versions;
    const v2 = await registry.save(bundle, { source: 'trained on a.csv' });
    const v3 = await registry.save(bundle, { source: 'trained on b.csv' });
    return { registry, store, v1, v2, v3 };
  }

  it('activates a saved version and refuses an unknown one', async () => {
    const { registry, v1 } = await threeVersions();
    expect((await registry.activate(v1.id)).activeId).toBe(v1.id);
    await expect(registry.activate('nope')).rejects.toMatchObject({ code: 'not-found' });
    expect((await registry.load()).activeId).toBe(v1.id);
  });

  it('renames with a trimmed name of 1–80 characters', async () => {
    const { registry, v2 } = await threeVersions();
    expect(await registry.rename(v2.id, '  Better  ')).toMatchObject({ id: v2.id, name: 'Better' });
    await expect(registry.rename(v2.id, ' \t ')).rejects.toThrow('A model name cannot be empty.');
    await expect(registry.rename(v2.id, 'x'.repeat(81))).rejects.toThrow(
      'A model name can be at most 80 characters; this one has 81.',
    );
    expect(await registry.rename(v2.id, 'y'.repeat(80))).toMatchObject({ name: 'y'.repeat(80) });
    await expect(registry.rename('nope', 'Fine')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses to touch a damaged index', async () => {
    const store = freshStore();
    await set('index', { versions: 'oops' }, store);
    const registry = registryOn(store);
    await expect(registry.load()).rejects.toMatchObject({ code: 'damaged-index' });
    await expect(registry.save(bundle, { source: 'x' })).rejects.toMatchObject({ code: 'damaged-index' });
    expect(await get('index', store)).toEqual({ versions: 'oops' });
  });
});

describe('change notices', () => {
  it('tells local listeners after each change, until they unsubscribe', async () => {
    const { registry } = await withDefault();
    const seen: [RegistryState, string][] = [];
    const unsubscribe = registry.subscribe((state, origin) => seen.push([state, origin]));
    const v2 = await registry.save(bundle, { source: 'x' });
    await registry.rename(v2.id, 'Renamed');
    unsubscribe();
    await registry.rename(v2.id, 'Again');
    expect(seen.map(([state, origin]) => [state.versions.at(-1)?.name, origin])).toEqual([
      ['X', 'this-tab'],
      ['Renamed', 'this-tab'],
    ]);
  });

  it('tells other tabs over a BroadcastChannel', async () => {
    const store = freshStore();
    const channel = `petal-registry-${crypto.randomUUID()}`;
    const tabA = registryOn(store, channel);
    const tabB = registryOn(store, channel);
    await tabA.ensureDefault(async () => ({ bundle }));
    const heard = new Promise<[RegistryState, string]>((resolve) =>
      tabB.subscribe((state, origin) => {
        if (state.versions.length === 2) resolve([state, origin]);
      }),
    );
    const v2 = await tabA.save(bundle, { source: 'trained in tab A' });
    const [state, origin] = await heard;
    expect(origin).toBe('other-tab');
    expect(state.activeId).toBe(v2.id);
  });
});

describe('storage status', () => {
  it('reports unknown storage as not persistent', async () => {
    const registry = registryOn(freshStore());
    expect(await registry.storageStatus()).toEqual({ persisted: false });
    expect(await registry.requestPersistence()).toBe(false);
  });

  it('reads navigator.storage when there is one', async () => {
    const registry = new ModelRegistry({
      store: freshStore(),
      channelName: null,
      storage: {
        persisted: async () => true,
        persist: async () => true,
        estimate: async () => ({ usage: 1234, quota: 10_000 }),
      },
    });
    expect(await registry.storageStatus()).toEqual({ persisted: true, usage: 1234, quota: 10_000 });
    expect(await registry.requestPersistence()).toBe(true);
  });
});
