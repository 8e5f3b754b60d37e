import { BUNDLE_LIMITS } from '../../../core/bundle/bundle-format';
import { shorten } from '../../../core/short-text';
import { checkSize, type ImportFile, invalidFiles, parseModelJson, read } from './file-checks';
import { RegistryError } from './registry-error';
import type { NewVersion } from './save-version';
import { readArchive } from './version-archive';

export type { ImportFile } from './file-checks';

/** What the user chose, read: the bundle (unchecked), the file it is named after and Petal's record, if any. */
export interface ImportedFiles {
  readonly bundle: { modelJson: unknown; weights: ArrayBuffer };
  /** The archive's name, or model.json's when the two files were chosen. */
  readonly fileName: string;
  /** The archive's `petal-version.json`, as read (the registry checks each field it uses). */
  readonly extras?: Readonly<Record<string, unknown>>;
}

/**
 * Reads an exported model: one archive (.zip, what Petal exports), or the two files of a TF.js model
 * in either order (the one ending in `.json` is model.json, the other holds the weights; what Petal
 * exported before archives). Sizes are checked before anything is read so a wrong, huge file cannot hang
 * the tab. Returns the bundle unchecked: the registry checks every bundle it saves (validateBundle), once.
 * Every problem reading them is a RegistryError naming the file.
 */
export async function readImportFiles(files: Iterable<ImportFile>): Promise<ImportedFiles> {
  const chosen = [...files];
  if (chosen.length === 1) {
    const [file] = chosen;
    if (file.name.toLowerCase().endsWith('.json')) {
      throw invalidFiles(
        `"${shorten(file.name)}" needs its weights file: choose the two files together, or the model's .zip file.`,
      );
    }
    return { ...(await readArchive(file)), fileName: file.name };
  }
  if (chosen.length !== 2) {
    throw invalidFiles(
      `Choose the model's .zip file, or its .json file and its weights file together; you chose ${chosen.length} files.`,
    );
  }
  const jsonFiles = chosen.filter((file) => file.name.toLowerCase().endsWith('.json'));
  if (jsonFiles.length !== 1) {
    throw invalidFiles(
      `Choose one .json file (the model) and one weights file; you chose ${chosen.map((f) => `"${shorten(f.name)}"`).join(' and ')}.`,
    );
  }
  const jsonFile = jsonFiles[0];
  const weightsFile = chosen.find((file) => file !== jsonFile)!;
  checkSize(jsonFile, jsonFile.size, BUNDLE_LIMITS.modelJsonBytes);
  checkSize(weightsFile, weightsFile.size, BUNDLE_LIMITS.weightsBytes);

  const [text, weights] = await Promise.all([
    read(jsonFile, () => jsonFile.text()),
    read(weightsFile, () => weightsFile.arrayBuffer()),
  ]);
  // Objects without `size` are checked now, before parsing.
  checkSize(jsonFile, text.length, BUNDLE_LIMITS.modelJsonBytes);
  checkSize(weightsFile, weights.byteLength, BUNDLE_LIMITS.weightsBytes);
  const modelJson = parseModelJson(text, `${shorten(jsonFile.name)} could not be imported`);
  return { bundle: { modelJson, weights }, fileName: jsonFile.name };
}

/**
 * What an imported file becomes: the archive's name when it has a valid one (a bad one is refused, not
 * replaced), its sample and figures for the save to check, and a source that keeps where it came from.
 */
export function importedVersion(imported: ImportedFiles, fileName: string): Omit<NewVersion, 'onlyIfEmpty'> {
  const { bundle, extras } = imported;
  const name = extras?.name;
  const source = extras?.source;
  if (extras && name !== undefined && typeof name !== 'string') {
    throw new RegistryError('invalid-name', 'Its petal-version.json has a name that is not text.');
  }
  const figures =
    extras?.history === undefined && extras?.testMetrics === undefined
      ? undefined
      : { history: extras.history, testMetrics: extras.testMetrics };
  return {
    bundle,
    ...(typeof name === 'string' ? { name } : {}),
    source:
      typeof source === 'string' && source.trim() !== ''
        ? `${shorten(source.trim(), 120)}, imported from ${fileName}`
        : `imported ${fileName}`,
    ...(extras?.sample === undefined ? {} : { sample: extras.sample }),
    ...(figures ? { figures } : {}),
  };
}
