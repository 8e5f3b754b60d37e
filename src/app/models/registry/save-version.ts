import { delMany, get, setMany, type UseStore } from 'idb-keyval';
import { checkSample } from './check-sample';
import { RegistryError, toRegistryError } from './registry-error';
import { bundleKey, type Committed, commitIndex, figuresKey, leaseKey, sampleKey } from './registry-store';
import { checkReadBack, snapshotOf } from './stored-bundle';
import { checkedName, defaultName, type SavedVersion, versionInfoFor } from './version-info';

/** A new version as it arrives: the bundle and what is kept beside it, all unchecked until `addVersion`. */
export interface NewVersion {
  readonly bundle: unknown;
  /** Trimmed, 1–80 characters; the source as a sentence when absent. */
  readonly name?: string;
  readonly source: string;
  /** A TrainingSample. */
  readonly sample?: unknown;
  /** A VersionFigures (kept-figures.ts). */
  readonly figures?: unknown;
  /** Register it only if no version exists yet (the default model; two tabs may race). */
  readonly onlyIfEmpty: boolean;
}

/**
 * Stores a new version and makes it active: checks the bundle and what is kept beside it, writes them
 * under a lease, reads the bundle back and compares it, then registers the version in the one
 * committing write. Throws a RegistryError, leaving nothing behind that a sweep would not remove, when
 * anything is invalid, storage is full or the data does not read back intact.
 */
export async function addVersion(
  store: UseStore,
  now: number,
  added: NewVersion,
): Promise<Committed<SavedVersion | undefined>> {
  const name = added.name === undefined ? undefined : checkedName(added.name);
  // All copied before the first await: the caller may transfer its buffers right after.
  const { snapshot, metadata } = snapshotOf(added.bundle);
  const sample = added.sample === undefined ? undefined : kept(() => checkSample(added.sample, metadata));
  const keptFigures = added.figures === undefined ? undefined : kept(() => structuredClone(added.figures));
  let figures: unknown;
  if (keptFigures !== undefined) {
    // Their check (valibot schemas) comes with the first save that keeps figures, not with the first load.
    const { checkFigures } = await import('./registry-extras');
    figures = kept(() => checkFigures(keptFigures, metadata));
  }
  const id = newId();
  const data: [string, unknown][] = [[bundleKey(id), snapshot]];
  if (sample !== undefined) data.push([sampleKey(id), sample]);
  if (figures !== undefined) data.push([figuresKey(id), figures]);
  const keys = data.map(([key]) => key);
  // The lease keeps every tab's start-up sweep off these keys until the commit registers them.
  const lease = leaseKey(id, now);
  let committed: Committed<SavedVersion | undefined>;
  try {
    await setMany([[lease, true], ...data], store);
    checkReadBack(await get(bundleKey(id), store), snapshot);
    committed = await commitIndex(
      store,
      (index) => {
        if (added.onlyIfEmpty && index.versions.length > 0) return { result: undefined };
        const version = index.nextVersion;
        const info = versionInfoFor({
          id,
          version,
          name: name ?? defaultName(version, added.source),
          source: added.source,
          bundle: snapshot,
          metadata,
        });
        return {
          index: { versions: [...index.versions, info], activeId: id, nextVersion: version + 1 },
          result: info,
        };
      },
      {
        requireKeys: keys,
        deleteKeys: [lease],
        missingKey: () =>
          new RegistryError(
            'storage',
            'The model could not be saved because another tab tidied the storage at the same moment. Try again; nothing was changed.',
          ),
      },
    );
  } catch (error) {
    // Best effort: whatever is left is an orphan the next load() sweeps once the lease is old.
    await delMany([...keys, lease], store).catch(() => undefined);
    throw toRegistryError(error, 'The model could not be saved');
  }
  if (!committed.written) {
    // Another tab registered the default first; ours is surplus.
    await delMany([...keys, lease], store).catch(() => undefined);
  }
  return committed;
}

/** What a copy or check of kept data returns, or the RegistryError a save of data that fails it gets. */
function kept<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw new RegistryError('invalid-model', `This model cannot be saved: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * 128 random bits as hex. Not `crypto.randomUUID`, which exists only in secure contexts, while IndexedDB
 * also works on plain-http intranet hosts.
 */
function newId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}
