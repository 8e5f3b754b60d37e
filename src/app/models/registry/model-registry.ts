import { delMany, get, setMany, type UseStore } from 'idb-keyval';
import type { ModelBundle, ValidBundle } from '../../../core/bundle/bundle-format';
import { validateBundle } from '../../../core/bundle/validate-bundle';
import { type ExportedFiles, exportedFiles } from './export-files';
import { type ImportFile, readImportFiles } from './import-files';
import { REGISTRY_CHANNEL, RegistryChanges, type RegistryListener } from './registry-changes';
import { RegistryError, toRegistryError } from './registry-error';
import {
  bundleKey,
  type Committed,
  commitIndex,
  defaultStore,
  INDEX_KEY,
  leaseKey,
  sampleKey,
  sweepOrphans,
} from './registry-store';
import {
  browserStorage,
  requestPersistence,
  type StorageLike,
  type StorageStatus,
  storageStatus,
} from './storage-status';
import { checkReadBack, snapshotOf } from './stored-bundle';
import {
  checkedName,
  defaultName,
  parseIndex,
  type RegistryIndex,
  type RegistryState,
  type SavedVersion,
  type TrainingSample,
  type VersionInfo,
  versionInfoFor,
} from './version-info';

export type { ChangeOrigin, RegistryListener } from './registry-changes';
export { RegistryError, type RegistryErrorCode } from './registry-error';
export type { StorageStatus } from './storage-status';
export type { DamagedVersion, SavedVersion } from './version-info';
export type { ExportedFiles, ImportFile, RegistryState, TrainingSample, VersionInfo };

export const DEFAULT_MODEL_NAME = 'Default iris model';
export const DEFAULT_MODEL_SOURCE = 'bundled default model';

export interface ModelRegistryOptions {
  /** The idb-keyval store; tests pass a fresh database (or one that fails on purpose). */
  readonly store?: UseStore;
  /** BroadcastChannel name for cross-tab notices; `null` turns them off. */
  readonly channelName?: string | null;
  /** Stands in for `navigator.storage`; `null` means "not supported". */
  readonly storage?: StorageLike | null;
  /** Milliseconds since the epoch, for save leases (see leaseKey); tests move it on. */
  readonly now?: () => number;
}

export interface SaveOptions {
  /** Defaults to the source as a sentence ("Trained on iris.csv"). Trimmed, 1–80 characters. */
  readonly name?: string;
  /** Where the model came from, lower case: "trained on iris.csv", "imported x.json". */
  readonly source: string;
  readonly sample?: TrainingSample;
}

/**
 * The models saved in this browser, kept in IndexedDB so they survive reloads, with one of them active.
 *
 * Layout: `index` ({@link RegistryIndex}) is the only record that says which versions exist and which is
 * active; `bundle:<id>` and `sample:<id>` hold each version's data. Every change to what exists or is
 * active is a single write of `index`, made after the data it points to is written and verified, so a
 * failure or a closed tab at any moment leaves the previous active model usable.
 */
export class ModelRegistry {
  readonly #store: UseStore;
  readonly #storage: StorageLike | undefined;
  readonly #changes: RegistryChanges;
  readonly #now: () => number;

  constructor(options: ModelRegistryOptions = {}) {
    this.#store = options.store ?? defaultStore();
    this.#storage = options.storage === undefined ? browserStorage() : (options.storage ?? undefined);
    this.#now = options.now ?? Date.now;
    this.#changes = new RegistryChanges(
      options.channelName === undefined ? REGISTRY_CHANNEL : options.channelName,
      () => this.#readIndex().then(stateOf),
    );
  }

  /** The saved versions and the active one. Also deletes data a crashed save left behind. */
  async load(): Promise<RegistryState> {
    try {
      await sweepOrphans(this.#store, this.#now());
      return stateOf(await this.#readIndex());
    } catch (error) {
      throw toRegistryError(error, 'The saved models could not be read');
    }
  }

  /**
   * On a first visit (no versions saved), stores the bundled model as v1 "Default iris model" and makes
   * it active; otherwise does nothing and does not call `loadDefault`, so the files are fetched once.
   * If two tabs race, the index is checked again inside the committing write and only one default is kept.
   */
  async ensureDefault(
    loadDefault: () => Promise<{ readonly bundle: ModelBundle; readonly sample?: TrainingSample }>,
  ): Promise<RegistryState> {
    const index = await this.#readIndex().catch((error: unknown) => {
      throw toRegistryError(error, 'The saved models could not be read');
    });
    if (index.versions.length > 0) return stateOf(index);
    let loaded: Awaited<ReturnType<typeof loadDefault>>;
    try {
      loaded = await loadDefault();
    } catch (error) {
      throw new RegistryError(
        'default-model',
        `The default model could not be loaded: ${(error as Error).message ?? String(error)}`,
        { cause: error },
      );
    }
    const added = await this.#add(loaded.bundle, {
      name: DEFAULT_MODEL_NAME,
      source: DEFAULT_MODEL_SOURCE,
      sample: loaded.sample,
      onlyIfEmpty: true,
    });
    return added.state;
  }

  /**
   * Stores a new version and makes it active. The bundle is copied at once, so the caller may transfer
   * `bundle.weights` to the worker right after calling this. Throws a RegistryError (and changes nothing)
   * when the bundle is invalid, storage is full, or it does not read back intact.
   */
  async save(bundle: unknown, options: SaveOptions): Promise<SavedVersion> {
    const added = await this.#add(bundle, { ...options, onlyIfEmpty: false });
    return added.info!;
  }

  async activate(id: string): Promise<RegistryState> {
    const committed = await this.#commit('The model could not be activated', [bundleKey(id)], (index) => {
      usable(versionOf(index, id));
      return { index: { ...index, activeId: id }, result: undefined };
    });
    return stateOf(committed.index);
  }

  async rename(id: string, name: string): Promise<VersionInfo> {
    const newName = checkedName(name);
    const committed = await this.#commit('The model could not be renamed', [], (index) => {
      const renamed = { ...versionOf(index, id), name: newName };
      const versions = index.versions.map((v) => (v.id === id ? renamed : v));
      return { index: { ...index, versions }, result: renamed };
    });
    return committed.result;
  }

  /**
   * Deletes a version. The last one cannot be deleted; the active one only when `replacementId` names the
   * version to activate instead (ignored when deleting an inactive version). The index is written first,
   * with the replacement already active, and the data deleted after, so a failure in between leaves an
   * orphan that `load` removes, never an index pointing at nothing.
   */
  async remove(id: string, options: { readonly replacementId?: string } = {}): Promise<RegistryState> {
    const { replacementId } = options;
    const required = replacementId === undefined ? [] : [bundleKey(replacementId)];
    const committed = await this.#commit('The model could not be deleted', required, (index) => {
      const removed = versionOf(index, id);
      if (index.versions.length === 1) {
        throw new RegistryError(
          'last-version',
          `v${removed.version} is the only saved model, so it cannot be deleted. Save or import another model first.`,
        );
      }
      let activeId = index.activeId;
      if (activeId === id) {
        if (replacementId === undefined || replacementId === id) {
          throw new RegistryError(
            'active-version',
            `v${removed.version} is the active model. Choose another version to use instead before deleting it.`,
          );
        }
        activeId = usable(versionOf(index, replacementId)).id;
      }
      const versions = index.versions.filter((v) => v.id !== id);
      return { index: { ...index, versions, activeId }, result: undefined };
    });
    // Already gone from the index: if this fails, the next load sweeps the data.
    await delMany([bundleKey(id), sampleKey(id)], this.#store).catch(() => undefined);
    return stateOf(committed.index);
  }

  /**
   * A fresh copy of a version's bundle, checked as it leaves storage (this is where a stored model enters
   * the running app): a RegistryError 'invalid-model' when it no longer checks out.
   */
  async getBundle(id: string): Promise<ValidBundle> {
    const bundle = await this.#readStored(id);
    try {
      return validateBundle(bundle);
    } catch (error) {
      throw new RegistryError('invalid-model', `This saved model is damaged: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  /** The training rows kept for the scatter plot, if the version has them. */
  async getSample(id: string): Promise<TrainingSample | undefined> {
    return get<TrainingSample>(sampleKey(id), this.#store).catch((error: unknown) => {
      throw toRegistryError(error, 'The training sample could not be read');
    });
  }

  /**
   * The two files to download for a version: `petal-v<N>-model.json` and `petal-v<N>.weights.bin`, as
   * stored: a damaged version is exported as it is, unchecked.
   */
  async exportFiles(id: string): Promise<ExportedFiles> {
    const index = await this.#readIndex().catch((error: unknown) => {
      throw toRegistryError(error, 'The model could not be exported');
    });
    const { version } = versionOf(index, id);
    return exportedFiles(await this.#readStored(id), version);
  }

  /** What storage holds for a version's bundle, unchecked. */
  async #readStored(id: string): Promise<unknown> {
    const stored = await get<unknown>(bundleKey(id), this.#store).catch((error: unknown) => {
      throw toRegistryError(error, 'The model could not be read');
    });
    if (stored === undefined)
      throw new RegistryError('not-found', 'This model version is no longer saved in this browser.');
    return stored;
  }

  /**
   * Imports an exported model (its .json file and weights file, in any order) as a new active version
   * with source "imported <json file name>". Every problem is a RegistryError; nothing changes then.
   */
  async importFiles(files: Iterable<ImportFile>): Promise<SavedVersion> {
    const { bundle, modelJsonName } = await readImportFiles(files);
    try {
      return await this.save(bundle, { source: `imported ${modelJsonName}` });
    } catch (error) {
      if (error instanceof RegistryError && error.code === 'invalid-model') {
        const reason = error.cause instanceof Error ? error.cause.message : error.message;
        throw new RegistryError('invalid-files', `${modelJsonName} could not be imported: ${reason}`, {
          cause: error.cause,
        });
      }
      throw error;
    }
  }

  storageStatus(): Promise<StorageStatus> {
    return storageStatus(this.#storage);
  }

  requestPersistence(): Promise<boolean> {
    return requestPersistence(this.#storage);
  }

  /**
   * Calls `listener` with the new state after every change made here or in another tab. Returns the
   * function that unsubscribes.
   */
  subscribe(listener: RegistryListener): () => void {
    return this.#changes.subscribe(listener);
  }

  /** Stops cross-tab notices and drops all listeners. */
  close(): void {
    this.#changes.close();
  }

  async #readIndex(): Promise<RegistryIndex> {
    return parseIndex(await get(INDEX_KEY, this.#store));
  }

  /** Writes the data, reads it back and checks it, then registers it in the one committing write. */
  async #add(
    bundle: unknown,
    options: SaveOptions & { readonly onlyIfEmpty: boolean },
  ): Promise<{ readonly info?: SavedVersion; readonly state: RegistryState }> {
    const name = options.name === undefined ? undefined : checkedName(options.name);
    const { snapshot, metadata } = snapshotOf(bundle);
    const sample = options.sample === undefined ? undefined : structuredClone(options.sample);
    const id = newId();
    const keys = sample === undefined ? [bundleKey(id)] : [bundleKey(id), sampleKey(id)];
    // The lease keeps every tab's start-up sweep off these keys until the commit registers them.
    const lease = leaseKey(id, this.#now());
    let committed: Committed<SavedVersion | undefined>;
    try {
      await setMany(
        [
          [lease, true],
          [bundleKey(id), snapshot],
          ...(sample === undefined ? [] : [[sampleKey(id), sample] as [string, unknown]]),
        ],
        this.#store,
      );
      checkReadBack(await get(bundleKey(id), this.#store), snapshot);
      committed = await commitIndex(
        this.#store,
        (index) => {
          if (options.onlyIfEmpty && index.versions.length > 0) return { result: undefined };
          const version = index.nextVersion;
          const info = versionInfoFor({
            id,
            version,
            name: name ?? defaultName(version, options.source),
            source: options.source,
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
      await delMany([...keys, lease], this.#store).catch(() => undefined);
      throw toRegistryError(error, 'The model could not be saved');
    }
    if (!committed.written) {
      // Another tab registered the default first; ours is surplus.
      await delMany([...keys, lease], this.#store).catch(() => undefined);
      return { state: stateOf(committed.index) };
    }
    this.#changes.announce(stateOf(committed.index));
    return { info: committed.result, state: stateOf(committed.index) };
  }

  async #commit<T>(
    doing: string,
    requireKeys: readonly string[],
    change: (index: RegistryIndex) => { readonly index: RegistryIndex; readonly result: T },
  ): Promise<{ readonly index: RegistryIndex; readonly result: T }> {
    let committed: { readonly index: RegistryIndex; readonly result: T };
    try {
      committed = await commitIndex(this.#store, change, {
        requireKeys,
        missingKey: () =>
          new RegistryError('not-found', 'This model version is no longer saved in this browser.'),
      });
    } catch (error) {
      throw toRegistryError(error, doing);
    }
    this.#changes.announce(stateOf(committed.index));
    return committed;
  }
}

function stateOf(index: RegistryIndex): RegistryState {
  return { versions: index.versions, activeId: index.activeId };
}

/** The version, if its record is intact: a damaged one cannot become the active model. */
function usable(version: VersionInfo): VersionInfo {
  if (version.damaged !== undefined) {
    throw new RegistryError(
      'invalid-model',
      `v${version.version} cannot be used: ${version.damaged} Export it as it is, or delete it.`,
    );
  }
  return version;
}

function versionOf(index: RegistryIndex, id: string): VersionInfo {
  const found = index.versions.find((v) => v.id === id);
  if (!found) throw new RegistryError('not-found', 'This model version is no longer saved in this browser.');
  return found;
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
