// Deleting a version so that it can be undone: the index changes that take it out and list it again, and
// the removal of its data once the undo is no longer offered. Loaded with the first delete, not with the
// page's first load.
import { promisifyRequest, type UseStore } from 'idb-keyval';
import { usable, versionOf } from './index-changes';
import { RegistryError } from './registry-error';
import { dataKeys, INDEX_KEY } from './registry-store';
import { parseIndex, type RegistryIndex, type VersionInfo } from './version-info';

/** A version taken out of the index whose data is still stored under a lease, so the delete can be undone. */
export interface DeletedVersion {
  readonly version: VersionInfo;
  /** True when it was the active version; the delete then made `replacementId` active. */
  readonly wasActive: boolean;
  readonly replacementId: string | null;
  /** The lease that keeps its data from every tab's sweep (registry-store.ts, leaseKey). */
  readonly lease: string;
}

/**
 * The index without `id`. The last version cannot go; the active one only with a replacement, which
 * becomes active in the same write (the app always has an active model).
 */
export function withoutVersion(
  index: RegistryIndex,
  id: string,
  replacementId: string | undefined,
): { readonly index: RegistryIndex; readonly removed: VersionInfo; readonly wasActive: boolean } {
  const removed = versionOf(index, id);
  if (index.versions.length === 1) {
    throw new RegistryError(
      'last-version',
      `v${removed.version} is the only saved model, so it cannot be deleted. Save or import another model first.`,
    );
  }
  let activeId = index.activeId;
  const wasActive = activeId === id;
  if (wasActive) {
    if (replacementId === undefined || replacementId === id) {
      throw new RegistryError(
        'active-version',
        `v${removed.version} is the active model. Choose another version to use instead before deleting it.`,
      );
    }
    activeId = usable(versionOf(index, replacementId)).id;
  }
  const versions = index.versions.filter((v) => v.id !== id);
  return { index: { ...index, versions, activeId }, removed, wasActive };
}

/**
 * The index with a deleted version listed again in its place (versions stay in version order), and
 * active again if it was and the delete's replacement is still the active one: a version another tab
 * activated since stays active. `nextVersion` never went back, so the version number is still its own.
 */
export function withRestored(
  index: RegistryIndex,
  deleted: DeletedVersion,
): { readonly index: RegistryIndex; readonly activated: boolean } {
  const { version } = deleted;
  if (index.versions.some((v) => v.id === version.id)) {
    return { index, activated: index.activeId === version.id };
  }
  const versions = [...index.versions, version].sort((a, b) => a.version - b.version);
  const activated = deleted.wasActive && index.activeId === deleted.replacementId;
  return { index: { ...index, versions, activeId: activated ? version.id : index.activeId }, activated };
}

/**
 * Deletes the data of a version that was deleted (`lease` is the one its delete wrote), in one transaction
 * that first reads the index: a version listed again (its delete undone, here or in another tab) keeps
 * its data and only loses the lease.
 */
export function discardDeleted(store: UseStore, id: string, lease: string): Promise<void> {
  return store('readwrite', (objects) => {
    return new Promise<void>((resolve, reject) => {
      const indexRequest = objects.get(INDEX_KEY);
      indexRequest.onerror = () => reject(indexRequest.error);
      indexRequest.onsuccess = () => {
        try {
          const listed = parseIndex(indexRequest.result).versions.some((v) => v.id === id);
          for (const key of listed ? [lease] : [...dataKeys(id), lease]) objects.delete(key);
          promisifyRequest(objects.transaction).then(() => resolve(), reject);
        } catch (error) {
          reject(error);
        }
      };
    });
  });
}
