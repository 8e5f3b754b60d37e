import { get, type UseStore } from 'idb-keyval';
import type { ModelBundle, ValidBundle } from '../../../core/bundle/bundle-format';
import { validateBundle } from '../../../core/bundle/validate-bundle';
import { shorten } from '../../../core/short-text';
import type { DeletedVersion } from './deletions';
import type { ImportFile } from './file-checks';
import { usable, versionOf } from './index-changes';
import type { VersionFigures } from './kept-figures';
import type { ModelRegistryOptions, SaveOptions, VersionDetails } from './registry-api';
import { REGISTRY_CHANNEL, RegistryChanges, type RegistryListener } from './registry-changes';
import { RegistryError, toRegistryError } from './registry-error';
import {
  bundleKey,
  commitIndex,
  defaultStore,
  figuresKey,
  INDEX_KEY,
  leaseKey,
  sampleKey,
  sweepOrphans,
} from './registry-store';
import { addVersion, type NewVersion } from './save-version';
import {
  browserStorage,
  requestPersistence,
  type StorageLike,
  type StorageStatus,
  storageStatus,
} from './storage-status';
import type { VersionArchive } from './version-archive';
import {
  checkedName,
  parseIndex,
  type RegistryIndex,
  type RegistryState,
  type SavedVersion,
  type TrainingSample,
  type VersionInfo,
} from './version-info';

export type { DeletedVersion } from './deletions';
export type { VersionFigures } from './kept-figures';
export type { ChangeOrigin, RegistryListener } from './registry-changes';
export { RegistryError, type RegistryErrorCode } from './registry-error';
export type { StorageStatus } from './storage-status';
export type { VersionArchive } from './version-archive';
export type { DamagedVersion, SavedVersion } from './version-info';
export type {
  ImportFile,
  ModelRegistryOptions,
  RegistryState,
  SaveOptions,
  TrainingSample,
  VersionDetails,
  VersionInfo,
};

export const DEFAULT_MODEL_NAME = 'Default iris model';
export const DEFAULT_MODEL_SOURCE = 'bundled default model';

/**
 * The models saved in this browser, kept in IndexedDB so they survive reloads, with one of them active.
 *
 * Layout: `index` ({@link RegistryIndex}) is the only record that says which versions exist and which is
 * active; `bundle:<id>`, `sample:<id>` and `figures:<id>` hold each version's data. Every change to what exists or is
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
    const added = await this.#add({
      bundle: loaded.bundle,
      name: DEFAULT_MODEL_NAME,
      source: DEFAULT_MODEL_SOURCE,
      sample: loaded.sample,
      onlyIfEmpty: true,
    });
    return added.state;
  }

  /**
   * Stores a new version and makes it active; the result's `version` and `name` say which ("v3 …").
   * The bundle and what is kept beside it are copied at once, so the caller may transfer
   * `bundle.weights` to the worker right after calling this. Throws a RegistryError (and changes nothing)
   * when the bundle is invalid, storage is full, or it does not read back intact.
   */
  async save(bundle: unknown, options: SaveOptions): Promise<SavedVersion> {
    const { history, testMetrics, ...rest } = options;
    const figures =
      history === undefined && testMetrics === undefined
        ? undefined
        : { ...(history ? { history } : {}), ...(testMetrics ? { testMetrics } : {}) };
    const added = await this.#add({ ...rest, bundle, figures, onlyIfEmpty: false });
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
   * version to activate instead (ignored when deleting an inactive version). One write takes it out of the
   * index (with the replacement already active) and leases its data, which stays for an undo: `restore`
   * lists it again, `discard` deletes the data, and a sweep deletes it once the lease is old.
   */
  async remove(
    id: string,
    options: { readonly replacementId?: string } = {},
  ): Promise<{ readonly state: RegistryState; readonly deleted: DeletedVersion }> {
    const { replacementId } = options;
    const { withoutVersion } = await import('./registry-extras');
    const lease = leaseKey(id, this.#now());
    const committed = await this.#commit(
      'The model could not be deleted',
      replacementId === undefined ? [] : [bundleKey(replacementId)],
      (index) => {
        const { index: next, removed, wasActive } = withoutVersion(index, id, replacementId);
        const deleted: DeletedVersion = {
          version: removed,
          wasActive,
          replacementId: wasActive ? next.activeId : null,
          lease,
        };
        return { index: next, result: deleted };
      },
      { putKeys: [[lease, true]] },
    );
    return { state: stateOf(committed.index), deleted: committed.result };
  }

  /**
   * Undoes a delete: the version is listed again with its id, number and name, and made active again if
   * it was (unless another version was activated since). Its data never left storage; the commit checks
   * that it is still there, so an undo after the lease expired says so and changes nothing.
   */
  async restore(
    deleted: DeletedVersion,
  ): Promise<{ readonly state: RegistryState; readonly activated: boolean }> {
    const { withRestored } = await import('./registry-extras');
    const committed = await this.#commit(
      'The model could not be restored',
      [bundleKey(deleted.version.id)],
      (index) => {
        const { index: next, activated } = withRestored(index, deleted);
        return { index: next, result: activated };
      },
      {
        deleteKeys: [deleted.lease],
        missingKey: () =>
          new RegistryError(
            'not-found',
            `v${deleted.version.version} can no longer be restored: its data has been removed from this browser.`,
          ),
      },
    );
    return { state: stateOf(committed.index), activated: committed.result };
  }

  /** Deletes a deleted version's data now that it will not be restored (kept if it was restored meanwhile). */
  async discard(deleted: DeletedVersion): Promise<void> {
    const { discardDeleted } = await import('./registry-extras');
    await discardDeleted(this.#store, deleted.version.id, deleted.lease).catch(() => undefined);
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
   * What the details view shows beyond the list: the bundle's metadata (checked as it leaves storage) and
   * the figures kept beside it.
   */
  async getDetails(id: string): Promise<VersionDetails> {
    const [bundle, stored] = await Promise.all([
      this.getBundle(id),
      get<unknown>(figuresKey(id), this.#store).catch((error: unknown) => {
        throw toRegistryError(error, 'The model details could not be read');
      }),
    ]);
    const { metadata } = bundle;
    if (stored === undefined) return { metadata, figures: {} };
    const { checkFigures } = await import('./registry-extras');
    try {
      return { metadata, figures: checkFigures(stored, metadata) };
    } catch (error) {
      return { metadata, figures: {}, figuresProblem: (error as Error).message };
    }
  }

  /**
   * A version as one .zip file to download (version-archive.ts): model.json, weights.bin and Petal's
   * record of it (name, source, curves, test metrics, sample). A damaged version is exported as stored.
   */
  async exportArchive(id: string): Promise<VersionArchive> {
    const index = await this.#readIndex().catch((error: unknown) => {
      throw toRegistryError(error, 'The model could not be exported');
    });
    const { version, name, source } = versionOf(index, id);
    const [stored, figures, sample] = await Promise.all([
      this.#readStored(id),
      get<VersionFigures>(figuresKey(id), this.#store),
      get<TrainingSample>(sampleKey(id), this.#store),
    ]).catch((error: unknown) => {
      throw toRegistryError(error, 'The model could not be exported');
    });
    // fflate comes with the first export or import, not with the page's first load.
    const { writeArchive } = await import('./registry-extras');
    return writeArchive(stored, version, { name, source, figures, sample });
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
   * Imports an exported model as a new active version: the .zip Petal exports, keeping its name, curves,
   * test metrics and sample, or a model's .json file and weights file (in any order). Its source says
   * where it came from ("trained on iris.csv, imported from petal-v2.zip"). Every problem is a
   * RegistryError naming the file; nothing changes then.
   */
  async importFiles(files: Iterable<ImportFile>): Promise<SavedVersion> {
    // Reading imports (and fflate, for archives) comes with the first import, not with the page's first load.
    const { importedVersion, readImportFiles } = await import('./registry-extras');
    const imported = await readImportFiles(files);
    const fileName = shorten(imported.fileName, 100);
    try {
      const added = await this.#add({ ...importedVersion(imported, fileName), onlyIfEmpty: false });
      return added.info!;
    } catch (error) {
      if (
        error instanceof RegistryError &&
        (error.code === 'invalid-model' || error.code === 'invalid-name')
      ) {
        const reason = error.cause instanceof Error ? error.cause.message : error.message;
        throw new RegistryError('invalid-files', `${fileName} could not be imported: ${reason}`, {
          cause: error.cause ?? error,
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

  async #add(added: NewVersion): Promise<{ readonly info?: SavedVersion; readonly state: RegistryState }> {
    const committed = await addVersion(this.#store, this.#now(), added);
    if (committed.written) this.#changes.announce(stateOf(committed.index));
    return { info: committed.result, state: stateOf(committed.index) };
  }

  async #commit<T>(
    doing: string,
    requireKeys: readonly string[],
    change: (index: RegistryIndex) => { readonly index: RegistryIndex; readonly result: T },
    options: {
      readonly putKeys?: readonly (readonly [string, unknown])[];
      readonly deleteKeys?: readonly string[];
      readonly missingKey?: () => Error;
    } = {},
  ): Promise<{ readonly index: RegistryIndex; readonly result: T }> {
    let committed: { readonly index: RegistryIndex; readonly result: T };
    try {
      committed = await commitIndex(this.#store, change, {
        requireKeys,
        missingKey: () =>
          new RegistryError('not-found', 'This model version is no longer saved in this browser.'),
        ...options,
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
