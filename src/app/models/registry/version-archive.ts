// A saved version as one file: a .zip holding the standard `model.json` and `weights.bin` (unzip it and
// `tf.loadLayersModel('model.json')` loads a network as it is) and `petal-version.json`, Petal's record of
// the version (its name, where it came from, the curves, the full test metrics and the scatter-plot rows),
// so an export imported again is the same version under the same name. One download, which browsers never
// block as a second download from one click.
import { strFromU8, strToU8, type UnzipFileInfo, unzipSync, type Zippable, zipSync } from 'fflate';
import { BUNDLE_LIMITS, WEIGHTS_FILE_NAME } from '../../../core/bundle/bundle-format';
import { shorten } from '../../../core/short-text';
import type { TrainingSample } from '../../../core/training-sample';
import { checkSize, type ImportFile, invalidFiles, megabytes, parseModelJson, read } from './file-checks';
import type { VersionFigures } from './kept-figures';

export const MODEL_JSON_ENTRY = 'model.json';
export const WEIGHTS_ENTRY = WEIGHTS_FILE_NAME;
export const EXTRAS_ENTRY = 'petal-version.json';

/** Petal's record in an archive: at most this long (curves of 10,000 epochs, a 1,000-class matrix, 300 rows). */
export const EXTRAS_LIMIT_BYTES = 16 * 1024 * 1024;
/** The largest archive worth opening: its three entries stored uncompressed, plus the zip's own headers. */
export const ARCHIVE_LIMIT_BYTES =
  BUNDLE_LIMITS.modelJsonBytes + BUNDLE_LIMITS.weightsBytes + EXTRAS_LIMIT_BYTES + 64 * 1024;

/** What `petal-version.json` says; `formatVersion` lets a later Petal read an older archive. */
export interface ArchiveExtras {
  readonly name: string;
  readonly source: string;
  readonly figures?: VersionFigures;
  readonly sample?: TrainingSample;
}

export interface VersionArchive {
  readonly fileName: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/**
 * The archive of a version. `stored` is what storage holds, unchecked: a damaged version is exported as
 * it is (whatever of `model.json` and the weights it still has), so the user keeps their data even when
 * Petal cannot use it. The manifest is pointed at `weights.bin`, the name the weights have in the archive.
 */
export function writeArchive(stored: unknown, version: number, extras: ArchiveExtras): VersionArchive {
  const { modelJson: json, weights } = (typeof stored === 'object' && stored !== null ? stored : {}) as {
    modelJson?: unknown;
    weights?: unknown;
  };
  const record =
    typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : { value: stored };
  const manifest = Array.isArray(record.weightsManifest) ? record.weightsManifest : undefined;
  const modelJson = manifest
    ? {
        ...record,
        weightsManifest: manifest.map((group: unknown, index) =>
          index === 0 && typeof group === 'object' && group !== null
            ? { ...group, paths: [WEIGHTS_ENTRY] }
            : group,
        ),
      }
    : record;
  const petal = {
    format: 'petal-version',
    formatVersion: 1,
    version,
    name: extras.name,
    source: extras.source,
    ...(extras.figures?.history ? { history: extras.figures.history } : {}),
    ...(extras.figures?.testMetrics ? { testMetrics: extras.figures.testMetrics } : {}),
    ...(extras.sample ? { sample: extras.sample } : {}),
  };
  const entries: Zippable = {
    // Same layout as core's bundleFiles (one-space indent, final newline), which the main thread cannot import.
    [MODEL_JSON_ENTRY]: strToU8(`${JSON.stringify(modelJson, null, 1)}\n`),
    // Stored, not deflated: float weights hardly shrink, and a 32 MB deflate would hold the page up.
    [WEIGHTS_ENTRY]: [
      new Uint8Array(weights instanceof ArrayBuffer ? weights : new ArrayBuffer(0)),
      { level: 0 },
    ],
    [EXTRAS_ENTRY]: strToU8(`${JSON.stringify(petal)}\n`),
  };
  return { fileName: archiveFileName(version, extras.name), bytes: zipSync(entries, { level: 6 }) };
}

/** "petal-v3-iris-wider-net.zip": the version and a readable trace of the name, safe on every file system. */
export function archiveFileName(version: number, name: string): string {
  const slug = name
    .slice(0, 200)
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
  return slug ? `petal-v${version}-${slug}.zip` : `petal-v${version}.zip`;
}

/**
 * Reads an exported archive into the bundle (unchecked: the registry checks what it saves) and the raw
 * `petal-version.json` fields. Sizes are checked before anything is read or inflated, from the file's
 * size and then each entry's declared size, so a huge file or a zip bomb cannot hang the tab; an entry
 * that inflates to more than it declared is cut there, and the bundle check then refuses it. Every
 * problem is a RegistryError naming the file.
 */
export async function readArchive(file: ImportFile): Promise<{
  readonly bundle: { modelJson: unknown; weights: ArrayBuffer };
  readonly extras: Readonly<Record<string, unknown>> | undefined;
}> {
  checkSize(file, file.size, ARCHIVE_LIMIT_BYTES);
  const bytes = new Uint8Array(await read(file, () => file.arrayBuffer()));
  checkSize(file, bytes.byteLength, ARCHIVE_LIMIT_BYTES);
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    throw invalidFiles(
      `"${shorten(file.name)}" is not a zip file. Choose the .zip file Petal exported, or a model's .json file and weights file together.`,
    );
  }
  const entries = unzipEntries(file, bytes);
  const names = Object.keys(entries);
  const modelJsonEntry = names.find((name) => baseName(name) === MODEL_JSON_ENTRY);
  if (modelJsonEntry === undefined) {
    throw invalidFiles(
      `"${shorten(file.name)}" holds no model.json, so it is not a model exported by Petal or TensorFlow.js.`,
    );
  }
  const binaries = names.filter((name) => baseName(name).endsWith('.bin'));
  const weightsEntry = binaries.find((name) => baseName(name) === WEIGHTS_ENTRY) ?? binaries[0];
  if (weightsEntry === undefined || binaries.length > 1) {
    throw invalidFiles(
      `"${shorten(file.name)}" must hold one weights file (.bin) beside model.json; it holds ${binaries.length}.`,
    );
  }
  const text = strFromU8(entries[modelJsonEntry]);
  const modelJson = parseModelJson(text, `${shorten(file.name)} could not be imported`);
  const weights = entries[weightsEntry].slice().buffer;
  const extrasEntry = names.find((name) => baseName(name) === EXTRAS_ENTRY);
  return {
    bundle: { modelJson, weights },
    extras: extrasEntry ? parseExtras(file, entries[extrasEntry]) : undefined,
  };
}

/** The entries Petal reads, inflated; refused before inflating when one declares more than its limit. */
function unzipEntries(file: ImportFile, bytes: Uint8Array): Record<string, Uint8Array> {
  const name = shorten(file.name);
  let refusal: Error | undefined;
  const accept = (entry: UnzipFileInfo): boolean => {
    const limit = limitOf(entry.name);
    if (limit === undefined || refusal) return false;
    if (entry.compression !== 0 && entry.compression !== 8) {
      refusal = invalidFiles(
        `"${name}" uses a kind of zip compression Petal cannot read (method ${entry.compression}); zip it again with the usual settings.`,
      );
    } else if (entry.originalSize > limit) {
      refusal = invalidFiles(
        `"${name}": its ${shorten(baseName(entry.name))} is ${megabytes(entry.originalSize, Math.ceil)}; the limit for this file is ${megabytes(limit, Math.floor)}.`,
      );
    }
    return !refusal;
  };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: accept });
  } catch (error) {
    throw invalidFiles(
      `"${name}" is not a zip file Petal can read (${shorten((error as Error).message, 120)}).`,
      error,
    );
  }
  if (refusal) throw refusal;
  return entries;
}

/** The size limit of an entry Petal reads, by its name; undefined for entries it ignores. */
function limitOf(path: string): number | undefined {
  // Folders, and the resource forks macOS adds to archives it makes ("__MACOSX/…", "._model.json").
  if (path.endsWith('/') || path.startsWith('__MACOSX/')) return undefined;
  const name = baseName(path);
  if (name.startsWith('._')) return undefined;
  if (name === MODEL_JSON_ENTRY) return BUNDLE_LIMITS.modelJsonBytes;
  if (name === EXTRAS_ENTRY) return EXTRAS_LIMIT_BYTES;
  if (name.endsWith('.bin')) return BUNDLE_LIMITS.weightsBytes;
  return undefined;
}

/** The name without its folders: an archive zipped again from its unpacked folder still reads. */
function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function parseExtras(file: ImportFile, bytes: Uint8Array): Readonly<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(strFromU8(bytes));
  } catch (error) {
    throw invalidFiles(
      `${shorten(file.name)} could not be imported: ${EXTRAS_ENTRY} is not valid JSON (${shorten((error as Error).message, 120)}).`,
      error,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidFiles(`${shorten(file.name)} could not be imported: ${EXTRAS_ENTRY} is not a JSON object.`);
  }
  return value as Record<string, unknown>;
}
