/** The parts of `navigator.storage` the registry uses; absent in old browsers and some webviews. */
export type StorageLike = Partial<Pick<StorageManager, 'persisted' | 'persist' | 'estimate'>>;

export interface StorageStatus {
  /** True when the browser promised not to evict this site's data under storage pressure. */
  readonly persisted: boolean;
  /** Bytes used by this origin and the quota available to it, when the browser says. */
  readonly usage?: number;
  readonly quota?: number;
}

export function browserStorage(): StorageLike | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** Never throws: a browser that cannot tell is reported as "not persisted, usage unknown". */
export async function storageStatus(storage: StorageLike | undefined): Promise<StorageStatus> {
  const [persisted, estimate] = await Promise.all([
    storage?.persisted?.call(storage).catch(() => false) ?? false,
    storage?.estimate?.call(storage).catch(() => undefined),
  ]);
  return {
    persisted,
    ...(estimate?.usage === undefined ? {} : { usage: estimate.usage }),
    ...(estimate?.quota === undefined ? {} : { quota: estimate.quota }),
  };
}

/** Asks the browser to keep the models even under storage pressure; false when refused or unsupported. */
export async function requestPersistence(storage: StorageLike | undefined): Promise<boolean> {
  if (!storage?.persist) return false;
  try {
    return await storage.persist();
  } catch {
    return false;
  }
}
