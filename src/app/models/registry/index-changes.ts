// Looking up a version in the `index` record read inside a committing transaction (registry-store.ts,
// commitIndex); each refuses with a RegistryError, and then nothing is written.
import { RegistryError } from './registry-error';
import type { RegistryIndex, VersionInfo } from './version-info';

export function versionOf(index: RegistryIndex, id: string): VersionInfo {
  const found = index.versions.find((v) => v.id === id);
  if (!found) throw new RegistryError('not-found', 'This model version is no longer saved in this browser.');
  return found;
}

/** The version, if its record is intact: a damaged one cannot become the active model. */
export function usable(version: VersionInfo): VersionInfo {
  if (version.damaged !== undefined) {
    throw new RegistryError(
      'invalid-model',
      `v${version.version} cannot be used: ${version.damaged} Export it as it is, or delete it.`,
    );
  }
  return version;
}
