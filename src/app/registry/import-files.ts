import { type ModelBundle, WEIGHTS_FILE_NAME } from '../../core/bundle-format';
import {
  BundleError,
  MAX_MODEL_JSON_BYTES,
  MAX_WEIGHTS_BYTES,
  parseBundleFiles,
} from '../../core/validate-bundle';
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
 * hang the tab. The manifest is pointed back at the canonical weights name, as every stored bundle is.
 * Every problem is a RegistryError naming the file.
 */
export async function readImportFiles(
  files: Iterable<ImportFile>,
): Promise<{ readonly bundle: ModelBundle; readonly modelJsonName: string }> {
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
  checkSize(jsonFile, jsonFile.size, MAX_MODEL_JSON_BYTES);
  checkSize(weightsFile, weightsFile.size, MAX_WEIGHTS_BYTES);

  const [text, weights] = await Promise.all([
    read(jsonFile, () => jsonFile.text()),
    read(weightsFile, () => weightsFile.arrayBuffer()),
  ]);
  // Objects without `size` are checked now, before parsing.
  checkSize(jsonFile, text.length, MAX_MODEL_JSON_BYTES);
  checkSize(weightsFile, weights.byteLength, MAX_WEIGHTS_BYTES);

  try {
    const { modelJson } = parseBundleFiles({ modelJson: text, weights });
    const [group] = modelJson.weightsManifest;
    return {
      bundle: {
        modelJson: { ...modelJson, weightsManifest: [{ ...group, paths: [WEIGHTS_FILE_NAME] }] },
        weights,
      },
      modelJsonName: jsonFile.name,
    };
  } catch (error) {
    if (error instanceof BundleError) {
      throw invalid(`${jsonFile.name} could not be imported: ${error.message}`, error);
    }
    throw error;
  }
}

function checkSize(file: ImportFile, size: number | undefined, limit: number): void {
  if (size !== undefined && size > limit) {
    throw invalid(`"${file.name}" is ${megabytes(size)}; the limit for this file is ${megabytes(limit)}.`);
  }
}

async function read<T>(file: ImportFile, reader: () => Promise<T>): Promise<T> {
  try {
    return await reader();
  } catch (error) {
    throw invalid(`"${file.name}" could not be read: ${(error as Error).message}`, error);
  }
}

/** Rounded up to 0.1 MB, so a file just over the limit never reads as exactly the limit. */
function megabytes(bytes: number): string {
  return `${Math.ceil((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

function invalid(message: string, cause?: unknown): RegistryError {
  return new RegistryError('invalid-files', message, { cause });
}
