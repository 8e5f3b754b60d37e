// Stored data that no longer checks out must never brick the app: a damaged record is listed with what is
// wrong, can be exported as it is and deleted, and cannot become the active model.
import 'fake-indexeddb/auto';
import { strFromU8, unzipSync } from 'fflate';
import { createStore, get, set, type UseStore } from 'idb-keyval';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ModelBundle } from '../../../core/bundle/bundle-format';
import { trainedBundle } from '../../../test/trained-bundle';
import { ModelRegistry } from './model-registry';
import { RegistryError } from './registry-error';
import type { RegistryIndex } from './version-info';

let bundle: ModelBundle;
beforeAll(async () => {
  bundle = await trainedBundle();
});

const opened: ModelRegistry[] = [];
afterEach(() => {
  for (const registry of opened.splice(0)) registry.close();
});

async function twoVersions() {
  const store: UseStore = createStore(`petal-damage-${crypto.randomUUID()}`, 'registry');
  const registry = new ModelRegistry({ store, channelName: null, storage: null });
  opened.push(registry);
  const v1 = await registry.save(bundle, { source: 'trained on a.csv' });
  const v2 = await registry.save(bundle, { source: 'trained on b.csv' });
  return { store, registry, v1, v2 };
}

/** Rewrites one stored version record the way an older Petal could have written it. */
async function editRecord(store: UseStore, id: string, edit: (record: Record<string, unknown>) => void) {
  const index = (await get('index', store)) as RegistryIndex;
  const versions = index.versions.map((version) => {
    if (version.id !== id) return version;
    const record = structuredClone(version) as unknown as Record<string, unknown>;
    edit(record);
    return record;
  });
  await set('index', { ...index, versions }, store);
}

describe('damaged saved models', () => {
  it('lists a version saved without settings as damaged, naming the field, beside the intact one', async () => {
    const { store, registry, v1, v2 } = await twoVersions();
    await editRecord(store, v1.id, (record) => {
      delete record.settings;
    });
    const { versions, activeId } = await registry.load();
    expect(activeId).toBe(v2.id);
    expect(versions).toHaveLength(2);
    const [damaged, intact] = versions;
    expect(damaged).toMatchObject({
      id: v1.id,
      version: 1,
      name: 'Trained on a.csv',
      source: 'trained on a.csv',
    });
    expect(damaged.damaged).toMatch(/^Its saved record is damaged \(.*\)\.$/);
    expect(intact.damaged).toBeUndefined();
    expect(intact.damaged === undefined && intact.accuracy).toBe(v2.accuracy);
  });

  it('lists settings that break their rules, and a record that is not an object, as damaged', async () => {
    const { store, registry, v1 } = await twoVersions();
    await editRecord(store, v1.id, (record) => {
      record.settings = { ...(record.settings as object), hidden: 'wide' };
    });
    const [first] = (await registry.load()).versions;
    expect(first.damaged).toMatch(/hidden/);
    await editRecord(store, v1.id, (record) => {
      record.accuracy = Number.NaN;
    });
    expect((await registry.load()).versions[0].damaged).toMatch(/accuracy/);
  });

  it('refuses to make a damaged version active, and deletes and exports it as it is', async () => {
    const { store, registry, v1, v2 } = await twoVersions();
    await editRecord(store, v1.id, (record) => {
      record.settings = null;
    });
    await expect(registry.activate(v1.id)).rejects.toMatchObject({
      name: 'RegistryError',
      code: 'invalid-model',
      message: expect.stringMatching(
        /^v1 cannot be used: Its saved record is damaged .* Export it as it is, or delete it\.$/,
      ),
    });
    expect((await registry.load()).activeId).toBe(v2.id);
    const archive = await registry.exportArchive(v1.id);
    expect(archive.fileName).toMatch(/^petal-v1-.*\.zip$/);
    const files = unzipSync(archive.bytes);
    expect(files['weights.bin']).toEqual(new Uint8Array(bundle.weights));
    expect(JSON.parse(strFromU8(files['model.json'])).userDefinedMetadata).toEqual(
      JSON.parse(JSON.stringify(bundle.modelJson.userDefinedMetadata)),
    );
    await registry.remove(v1.id);
    expect((await registry.load()).versions.map((version) => version.id)).toEqual([v2.id]);
  });

  it('exports a stored bundle that no longer checks out as it is, and refuses to load it with the reason', async () => {
    const { store, registry, v1 } = await twoVersions();
    const broken = {
      modelJson: { ...bundle.modelJson, format: 'graph-model' },
      weights: new ArrayBuffer(12),
    };
    await set(`bundle:${v1.id}`, broken, store);
    const error = await registry.getBundle(v1.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ code: 'invalid-model' });
    expect((error as Error).message).toMatch(
      /^This saved model is damaged: model.json has format "graph-model"/,
    );
    const files = unzipSync((await registry.exportArchive(v1.id)).bytes);
    expect(JSON.parse(strFromU8(files['model.json'])).format).toBe('graph-model');
    expect(files['weights.bin'].byteLength).toBe(12);
  });

  it('still refuses an index that is not one at all, leaving it untouched', async () => {
    const { store, registry } = await twoVersions();
    await set('index', { versions: [{ version: 1 }], activeId: null, nextVersion: 2 }, store);
    await expect(registry.load()).rejects.toMatchObject({ code: 'damaged-index' });
    expect(await get('index', store)).toEqual({ versions: [{ version: 1 }], activeId: null, nextVersion: 2 });
  });
});
