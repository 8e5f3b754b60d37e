import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import { parseIndex, type RegistryIndex } from './version-info';

/** Key layout of the `petal` database's `registry` object store. */
export const INDEX_KEY = 'index';
export const bundleKey = (id: string): string => `bundle:${id}`;
export const sampleKey = (id: string): string => `sample:${id}`;
/** The training curves and full test metrics (kept-figures.ts). */
export const figuresKey = (id: string): string => `figures:${id}`;
/** Every data key of a version (all but the bundle optional). */
export const dataKeys = (id: string): string[] => [bundleKey(id), sampleKey(id), figuresKey(id)];
/** Prefixes of the data keys, for the sweep. */
const DATA_PREFIXES = ['bundle:', 'sample:', 'figures:'];
/**
 * Written with a save's data, deleted by the commit that registers it: while it is fresh, no tab's sweep
 * touches that save's keys. A delete writes one too, in the commit that unlists the version, so its data
 * stays for an undo (ModelRegistry.restore). The time is in the key, so a sweep needs no values.
 */
export const leaseKey = (id: string, since: number): string => `lease:${id}:${since}`;
/** Longer than any save takes (writing and reading back a 32 MB bundle takes seconds). */
export const LEASE_MS = 10 * 60 * 1000;

/** The registry owns the whole `petal` database: idb-keyval only creates the store when it creates the db. */
export function defaultStore(): UseStore {
  return createStore('petal', 'registry');
}

/** What a change to the index decides: the new index (omit it to write nothing) and a value to return. */
export interface IndexChange<T> {
  readonly index?: RegistryIndex;
  readonly result: T;
}

/** The index now in storage (new or, when nothing was written, current) and the change's result. */
export interface Committed<T> {
  readonly index: RegistryIndex;
  readonly written: boolean;
  readonly result: T;
}

/**
 * The single write that changes which models exist or which one is active. One readwrite transaction
 * reads the current index, checks that every key the new index will point to still exists, and puts the
 * new index: so the decision is made on the freshest index (another tab may have written since we last
 * read it), and an orphan sweep by another tab that deleted a bundle we were about to register makes
 * this commit fail cleanly instead of leaving the index pointing at nothing. `change` may throw (a
 * RegistryError) to refuse; then nothing is written. Works like idb-keyval's `update` with the extra check.
 */
export function commitIndex<T>(
  store: UseStore,
  change: (index: RegistryIndex) => IndexChange<T>,
  options: {
    readonly requireKeys?: readonly string[];
    readonly missingKey?: () => Error;
    /** Deleted in the same transaction when the new index is written (a save's lease). */
    readonly deleteKeys?: readonly string[];
    /** Written in the same transaction when the new index is written (a delete's lease). */
    readonly putKeys?: readonly (readonly [string, unknown])[];
  } = {},
): Promise<Committed<T>> {
  const requireKeys = options.requireKeys ?? [];
  return store('readwrite', (objects) => {
    return new Promise<Committed<T>>((resolve, reject) => {
      const indexRequest = objects.get(INDEX_KEY);
      const counts = requireKeys.map((key) => objects.count(key));
      // Requests in one transaction complete in order, so when the last one succeeds all have.
      const last = counts.at(-1) ?? indexRequest;
      indexRequest.onerror = () => reject(indexRequest.error);
      for (const count of counts) count.onerror = () => reject(count.error);
      last.onsuccess = () => {
        try {
          if (counts.some((count) => count.result === 0)) {
            throw options.missingKey?.() ?? new Error('A stored model disappeared while it was being saved.');
          }
          const current = parseIndex(indexRequest.result);
          const { index, result } = change(current);
          if (index) {
            objects.put(index, INDEX_KEY);
            for (const key of options.deleteKeys ?? []) objects.delete(key);
            for (const [key, value] of options.putKeys ?? []) objects.put(value, key);
          }
          promisifyRequest(objects.transaction).then(
            () => resolve({ index: index ?? current, written: index !== undefined, result }),
            reject,
          );
        } catch (error) {
          // Nothing was put: the transaction commits its reads only.
          reject(error);
        }
      };
    });
  });
}

/**
 * Deletes `bundle:*` / `sample:*` / `figures:*` keys that the index does not list: what a save leaves behind when the
 * tab closes or crashes between writing the bundle and committing the index. Runs in one transaction, so
 * it sees an index and key list that belong together. The keys of a save still running — in this tab or
 * another — are kept while its lease (`lease:<id>:<time>`, see leaseKey) is younger than LEASE_MS; an older
 * lease belonged to a tab that died mid-save and goes with its data.
 */
export function sweepOrphans(store: UseStore, now: number = Date.now()): Promise<string[]> {
  return store('readwrite', (objects) => {
    return new Promise<string[]>((resolve, reject) => {
      const indexRequest = objects.get(INDEX_KEY);
      const keysRequest = objects.getAllKeys();
      indexRequest.onerror = () => reject(indexRequest.error);
      keysRequest.onerror = () => reject(keysRequest.error);
      keysRequest.onsuccess = () => {
        try {
          const index = parseIndex(indexRequest.result);
          const kept = new Set(index.versions.flatMap((v) => dataKeys(v.id)));
          const keys = keysRequest.result.filter((key): key is string => typeof key === 'string');
          const staleLeases: string[] = [];
          for (const key of keys) {
            if (!key.startsWith('lease:')) continue;
            const [, id, since] = key.split(':');
            if (now - Number(since) < LEASE_MS) {
              for (const key of dataKeys(id)) kept.add(key);
            } else {
              staleLeases.push(key);
            }
          }
          const orphans = keys.filter(
            (key) => DATA_PREFIXES.some((prefix) => key.startsWith(prefix)) && !kept.has(key),
          );
          for (const key of [...orphans, ...staleLeases]) objects.delete(key);
          promisifyRequest(objects.transaction).then(() => resolve(orphans), reject);
        } catch (error) {
          reject(error);
        }
      };
    });
  });
}
