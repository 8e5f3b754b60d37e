import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import { parseIndex, type RegistryIndex } from './version-info';

/** Key layout of the `petal` database's `registry` object store. */
export const INDEX_KEY = 'index';
export const bundleKey = (id: string): string => `bundle:${id}`;
export const sampleKey = (id: string): string => `sample:${id}`;

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
  options: { readonly requireKeys?: readonly string[]; readonly missingKey?: () => Error } = {},
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
          if (index) objects.put(index, INDEX_KEY);
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
 * Deletes `bundle:*` / `sample:*` keys that the index does not list: what a save leaves behind when the
 * tab closes or crashes between writing the bundle and committing the index. Runs in one transaction, so
 * it sees an index and key list that belong together. `inFlight` keys (saves still running in this tab)
 * are kept; a save running in another tab is protected by {@link commitIndex}'s check instead.
 */
export function sweepOrphans(store: UseStore, inFlight: ReadonlySet<string> = new Set()): Promise<string[]> {
  return store('readwrite', (objects) => {
    return new Promise<string[]>((resolve, reject) => {
      const indexRequest = objects.get(INDEX_KEY);
      const keysRequest = objects.getAllKeys();
      indexRequest.onerror = () => reject(indexRequest.error);
      keysRequest.onerror = () => reject(keysRequest.error);
      keysRequest.onsuccess = () => {
        try {
          const index = parseIndex(indexRequest.result);
          const kept = new Set([
            ...inFlight,
            ...index.versions.flatMap((v) => [bundleKey(v.id), sampleKey(v.id)]),
          ]);
          const orphans = keysRequest.result
            .filter((key): key is string => typeof key === 'string')
            .filter((key) => (key.startsWith('bundle:') || key.startsWith('sample:')) && !kept.has(key));
          for (const key of orphans) objects.delete(key);
          promisifyRequest(objects.transaction).then(() => resolve(orphans), reject);
        } catch (error) {
          reject(error);
        }
      };
    });
  });
}
