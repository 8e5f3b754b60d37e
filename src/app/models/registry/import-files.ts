import { BUNDLE_LIMITS, WEIGHTS_FILE_NAME } from '../../../core/bundle/bundle-format';
import { RegistryError } from './registry-error';

/** A `File`, or anything shaped like one (tests, drag and drop wrappers). `size` is checked before reading. */
export interface ImportFile {
  readonly name: string;
  readonly size?: number;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * Reads the two files of an exported model, in either order: the one ending in `.json` is model.json,
 * the other holds the weights. Sizes are checked before anything is read so a wrong, huge file cannot
 * hang the tab. Returns them unchecked: the registry checks every bundle it saves (validateBundle), once.
 * Every problem reading them is a RegistryError naming the file.
 */
export async function readImportFiles(files: Iterable<ImportFile>): Promise<{
  readonly bundle: { modelJson: unknown; weights: ArrayBuffer };
  readonly modelJsonName: string;
}> {
  const chosen = [...files];
  if (chosen.length !== 2) {
    throw invalid(
      `Choose the two files of an exported model, its .json file and its weights file; you chose ${chosen.length}.`,
    );
  }
  const jsonFiles = chosen.filter((file) => file.name.toLowerCase().endsWith('.json'));
  if (jsonFiles.length !== 1) {
    throw invalid(
      `Choose one .json file (the model) and one weights file; you chose ${chosen.map((f) => `"${f.name}"`).join(' and ')}.`,
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

  let modelJson: unknown;
  try {
    modelJson = JSON.parse(text);
  } catch (error) {
    throw invalid(
      `${jsonFile.name} could not be imported: model.json is not valid JSON (${(error as Error).message}).`,
      error,
    );
  }
  return { bundle: { modelJson: withCanonicalPaths(modelJson), weights }, modelJsonName: jsonFile.name };
}

/** The manifest pointed back at the canonical weights name, as every stored bundle is. */
function withCanonicalPaths(modelJson: unknown): unknown {
  if (typeof modelJson !== 'object' || modelJson === null) return modelJson;
  const { weightsManifest } = modelJson as { weightsManifest?: unknown };
  if (!Array.isArray(weightsManifest) || weightsManifest.length !== 1) return modelJson;
  const [group] = weightsManifest;
  if (typeof group !== 'object' || group === null) return modelJson;
  return { ...modelJson, weightsManifest: [{ ...group, paths: [WEIGHTS_FILE_NAME] }] };
}

function checkSize(file: ImportFile, size: number | undefined, limit: number): void {
  if (size !== undefined && size > limit) {
    throw invalid(
      `"${file.name}" is ${megabytes(size, Math.ceil)}; the limit for this file is ${megabytes(limit, Math.floor)}.`,
    );
  }
}

async function read<T>(file: ImportFile, reader: () => Promise<T>): Promise<T> {
  try {
    return await reader();
  } catch (error) {
    throw invalid(`"${file.name}" could not be read: ${(error as Error).message}`, error);
  }
}

/** To 0.1 MB: a size rounded up and a limit down, so a file just over the limit never reads as within it. */
function megabytes(bytes: number, round: (x: number) => number): string {
  return `${round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

function invalid(message: string, cause?: unknown): RegistryError {
  return new RegistryError('invalid-files', message, { cause });
}
