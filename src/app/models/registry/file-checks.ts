// What reading any imported file shares: the file type, size checks before reading, read errors and
// JSON parsing, each failure a RegistryError naming the file.
import { WEIGHTS_FILE_NAME } from '../../../core/bundle/bundle-format';
import { shorten } from '../../../core/short-text';
import { RegistryError } from './registry-error';

/** A `File`, or anything shaped like one (tests, drag and drop wrappers). `size` is checked before reading. */
export interface ImportFile {
  readonly name: string;
  readonly size?: number;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export function checkSize(file: ImportFile, size: number | undefined, limit: number): void {
  if (size !== undefined && size > limit) {
    throw invalidFiles(
      `"${shorten(file.name)}" is ${megabytes(size, Math.ceil)}; the limit for this file is ${megabytes(limit, Math.floor)}.`,
    );
  }
}

export async function read<T>(file: ImportFile, reader: () => Promise<T>): Promise<T> {
  try {
    return await reader();
  } catch (error) {
    throw invalidFiles(`"${shorten(file.name)}" could not be read: ${(error as Error).message}`, error);
  }
}

/**
 * model.json's text as a value, its manifest pointed back at the canonical weights name as every stored
 * bundle is. `refusal` starts the message when it is not JSON ("x.zip could not be imported").
 */
export function parseModelJson(text: string, refusal: string): unknown {
  let modelJson: unknown;
  try {
    modelJson = JSON.parse(text);
  } catch (error) {
    throw invalidFiles(
      `${refusal}: model.json is not valid JSON (${shorten((error as Error).message, 120)}).`,
      error,
    );
  }
  return withCanonicalPaths(modelJson);
}

function withCanonicalPaths(modelJson: unknown): unknown {
  if (typeof modelJson !== 'object' || modelJson === null) return modelJson;
  const { weightsManifest } = modelJson as { weightsManifest?: unknown };
  if (!Array.isArray(weightsManifest) || weightsManifest.length !== 1) return modelJson;
  const [group] = weightsManifest;
  if (typeof group !== 'object' || group === null) return modelJson;
  return { ...modelJson, weightsManifest: [{ ...group, paths: [WEIGHTS_FILE_NAME] }] };
}

/** To 0.1 MB: a size rounded up and a limit down, so a file just over the limit never reads as within it. */
export function megabytes(bytes: number, round: (x: number) => number): string {
  return `${round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

export function invalidFiles(message: string, cause?: unknown): RegistryError {
  return new RegistryError('invalid-files', message, { cause });
}
