// Where the Train tab keeps its last run (last-run.ts): one key of its own in the registry's IndexedDB
// store, reached through the registry's own store handle (registry-store.ts), so idb-keyval stays inside
// the registry (DEVELOPERS.md, "Realms"). The registry's sweep deletes only its own `bundle:`, `sample:`
// and `figures:` keys, and nothing in the registry reads this one: the record can never touch a saved model.
import { defaultStore } from '../models/registry/registry-store';
import type { LastRunStorage, StoredRun } from './last-run';

/** idb-keyval's store handle, as the registry makes it. */
type UseStore = ReturnType<typeof defaultStore>;

/** The key, beside the registry's `index`, `bundle:<id>`, `sample:<id>` and `figures:<id>`. */
export const LAST_RUN_KEY = 'train:last-run';

let shared: LastRunStorage | undefined;

/** The app's one LastRunStorage (one connection to the database, opened on first use). */
export function lastRunStorage(): LastRunStorage {
  shared ??= idbLastRunStorage(defaultStore());
  return shared;
}

/** LastRunStorage over an idb-keyval store (tests pass one of their own). */
export function idbLastRunStorage(store: UseStore): LastRunStorage {
  return {
    read: () => store('readonly', (objects) => settled(objects.get(LAST_RUN_KEY))),
    write: (record: StoredRun | undefined) =>
      store('readwrite', (objects) => {
        if (record === undefined) objects.delete(LAST_RUN_KEY);
        else objects.put(record, LAST_RUN_KEY);
        return completed(objects.transaction);
      }),
  };
}

function settled<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Resolves once the transaction's writes are on disk (as idb-keyval's own `set` waits). */
function completed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = transaction.onerror = () => reject(transaction.error);
  });
}
