// Deleting a version and undoing it: the index write that unlists it (with a replacement when it was
// active) leases its data, which `restore` lists again and `discard` or an old lease's sweep removes.
import 'fake-indexeddb/auto';
import { get, keys, type UseStore } from 'idb-keyval';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelBundle } from '../../../core/bundle/bundle-format';
import { freshStore, registryKit, sample } from '../../../test/registry-kit';
import { trainedBundle } from '../../../test/trained-bundle';
import { LEASE_MS } from './registry-store';

let bundle: ModelBundle;

beforeAll(async () => {
  bundle = await trainedBundle();
});

const { registryOn, withDefault } = registryKit(() => bundle);

async function storedKeys(store: UseStore): Promise<string[]> {
  return ((await keys(store)) as string[]).sort();
}

/** Everything stored, for "nothing changed" assertions. */
async function snapshot(store: UseStore) {
  return { keys: await storedKeys(store), index: await get('index', store) };
}

describe('remove, restore, discard', () => {
  async function threeVersions() {
    const { registry, store } = await withDefault();
    const [v1] = (await registry.load()).versions;
    const v2 = await registry.save(bundle, { source: 'trained on a.csv' });
    const v3 = await registry.save(bundle, { source: 'trained on b.csv' });
    return { registry, store, v1, v2, v3 };
  }

  it('deletes an inactive version, keeping its data under a lease until it is discarded', async () => {
    const { registry, store, v1, v2, v3 } = await threeVersions();
    const { state, deleted } = await registry.remove(v2.id);
    expect(state.versions.map((v) => v.id)).toEqual([v1.id, v3.id]);
    expect(state.activeId).toBe(v3.id);
    expect(deleted).toMatchObject({ version: v2, wasActive: false, replacementId: null });
    expect((await registry.load()).versions.map((v) => v.id)).toEqual([v1.id, v3.id]);
    expect(await storedKeys(store)).toContain(`bundle:${v2.id}`);
    expect(await storedKeys(store)).toContain(deleted.lease);
    await registry.discard(deleted);
    expect(await storedKeys(store)).toEqual(
      [`bundle:${v1.id}`, `bundle:${v3.id}`, 'index', `sample:${v1.id}`].sort(),
    );
    await expect(registry.getBundle(v2.id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('deletes the active version only with a replacement, activated in the same write', async () => {
    const { registry, store, v1, v2, v3 } = await threeVersions();
    const before = await snapshot(store);
    await expect(registry.remove(v3.id)).rejects.toThrow(
      'v3 is the active model. Choose another version to use instead before deleting it.',
    );
    await expect(registry.remove(v3.id, { replacementId: 'nope' })).rejects.toMatchObject({
      code: 'not-found',
    });
    expect(await snapshot(store)).toEqual(before);
    const { state, deleted } = await registry.remove(v3.id, { replacementId: v1.id });
    expect(state).toEqual({ versions: [v1, v2], activeId: v1.id });
    expect(deleted).toMatchObject({ version: v3, wasActive: true, replacementId: v1.id });
    await registry.discard(deleted);
    expect(await storedKeys(store)).toEqual(
      [`bundle:${v1.id}`, `bundle:${v2.id}`, 'index', `sample:${v1.id}`].sort(),
    );
  });

  it('undoes a delete: same id, number and name, in its place, and active again when it was', async () => {
    const { registry, store, v1, v2, v3 } = await threeVersions();
    await registry.rename(v3.id, 'Wider net');
    const [, , renamed] = (await registry.load()).versions;
    const before = await snapshot(store);
    const { deleted } = await registry.remove(v3.id, { replacementId: v2.id });
    const { state, activated } = await registry.restore(deleted);
    expect(activated).toBe(true);
    expect(state).toEqual({ versions: [v1, v2, renamed], activeId: v3.id });
    expect(renamed).toMatchObject({ id: v3.id, version: 3, name: 'Wider net' });
    // Nothing else changed: same keys (the lease is gone), same index.
    expect(await snapshot(store)).toEqual(before);
    expect(new Uint8Array((await registry.getBundle(v3.id)).weights)).toEqual(new Uint8Array(bundle.weights));
    // A later discard of the undone delete leaves the restored version alone.
    await registry.discard(deleted);
    expect(await snapshot(store)).toEqual(before);
    // The next save still gets a new number.
    expect((await registry.save(bundle, { source: 'x' })).version).toBe(4);
  });

  it('restores a deleted active version without taking over from a version activated since', async () => {
    const { registry, v1, v2, v3 } = await threeVersions();
    const { deleted } = await registry.remove(v3.id, { replacementId: v2.id });
    await registry.activate(v1.id);
    const { state, activated } = await registry.restore(deleted);
    expect(activated).toBe(false);
    expect(state.activeId).toBe(v1.id);
    expect(state.versions.map((v) => v.id)).toEqual([v1.id, v2.id, v3.id]);
  });

  it('cannot undo once the data is gone (discarded, or swept after the lease expired); nothing changes', async () => {
    let now = 1_000_000;
    const store = freshStore();
    const registry = registryOn(store, null, () => now);
    await registry.ensureDefault(async () => ({ bundle, sample }));
    const v2 = await registry.save(bundle, { source: 'a' });
    const v3 = await registry.save(bundle, { source: 'b' });
    const first = await registry.remove(v2.id);
    // A reload within the lease keeps the data for the undo.
    now += LEASE_MS - 1;
    await registryOn(store, null, () => now).load();
    expect(await storedKeys(store)).toContain(`bundle:${v2.id}`);
    // Once the lease is old, a load sweeps it.
    now += 2;
    await registryOn(store, null, () => now).load();
    expect(await storedKeys(store)).not.toContain(`bundle:${v2.id}`);
    const before = await snapshot(store);
    await expect(registry.restore(first.deleted)).rejects.toMatchObject({
      code: 'not-found',
      message: 'v2 can no longer be restored: its data has been removed from this browser.',
    });
    const second = await registry.remove(v3.id, { replacementId: (await registry.load()).versions[0].id });
    await registry.discard(second.deleted);
    const afterDiscard = await snapshot(store);
    await expect(registry.restore(second.deleted)).rejects.toMatchObject({ code: 'not-found' });
    expect(await snapshot(store)).toEqual(afterDiscard);
    expect(before.index).not.toEqual(afterDiscard.index);
  });

  it('never deletes the last version', async () => {
    const { registry, store } = await withDefault();
    const [v1] = (await registry.load()).versions;
    const before = await snapshot(store);
    await expect(registry.remove(v1.id, { replacementId: v1.id })).rejects.toMatchObject({
      code: 'last-version',
      message: 'v1 is the only saved model, so it cannot be deleted. Save or import another model first.',
    });
    expect(await snapshot(store)).toEqual(before);
  });
});
