// A bundle on its way into storage: checked and copied before it is written, compared after it is read back.
import { type ModelBundle, type PetalMetadata, sameBundle } from '../../../core/bundle/bundle-format';
import { validateBundle } from '../../../core/bundle/validate-bundle';
import { RegistryError } from './registry-error';

/**
 * Checks the bundle (the one validateBundle of a model entering storage: trained, imported or the default)
 * and deep-copies it synchronously, before the first await: the copy is what gets stored, so the caller can
 * transfer or reuse its buffers at once, and only the two bundle fields are kept (a ValidBundle's metadata
 * and arrays would otherwise be stored twice).
 */
export function snapshotOf(bundle: unknown): { snapshot: ModelBundle; metadata: PetalMetadata } {
  try {
    const valid = validateBundle(bundle);
    const snapshot: ModelBundle = structuredClone({ modelJson: valid.modelJson, weights: valid.weights });
    return { snapshot, metadata: valid.metadata };
  } catch (error) {
    throw new RegistryError(
      'invalid-model',
      `This model cannot be saved: ${(error as Error).message ?? String(error)}`,
      { cause: error },
    );
  }
}

/**
 * What IndexedDB returns must be the bundle we wrote, byte for byte: a browser that silently drops data
 * fails here. (It was checked on the way in; this only compares.)
 */
export function checkReadBack(stored: unknown, written: ModelBundle): void {
  if (stored === undefined) {
    throw new RegistryError(
      'storage',
      'The model could not be saved: it was gone from browser storage before it could be registered (another Petal tab may have tidied the storage at that moment). Try again; nothing was changed.',
    );
  }
  if (!sameBundle(stored, written)) {
    throw new RegistryError(
      'storage',
      'The model could not be saved: the browser returned different data from what was written. Nothing was changed.',
    );
  }
}
