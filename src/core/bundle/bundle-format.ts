// A model as plain data (the bundle) and the limits every bundle keeps. Free of TensorFlow.js and of any
// host API, so the main thread, the workers, the CLI and the tests all read and write bundles with it.
import type { DenseLayer } from '../classifiers/dense-forward';
import type { FlatForest } from '../classifiers/random-forest';
import type { PetalMetadata } from './metadata-schema';

export type { MetadataSettings, PetalMetadata } from './metadata-schema';

/** Bumped when the metadata changes incompatibly; a bundle from a newer Petal is refused with a message. */
export const BUNDLE_FORMAT_VERSION = 3;
/** The formats this Petal reads: every one it ever wrote (1 and 2 are upgraded as they are read). */
export const READABLE_FORMAT_VERSIONS = [1, 2, 3] as const;
/** The single weights file a bundle's `model.json` points to. */
export const WEIGHTS_FILE_NAME = 'weights.bin';

/**
 * What every bundle must stay within, so that loading one can never hang a tab and whatever Petal writes it
 * can read back: training refuses data beyond them (src/csv/training-table-builder.ts, column-plan.ts) and the
 * bundle check refuses files beyond them. The UI summarises lists longer than a few dozen.
 */
const LIMITS = {
  features: 1000,
  classes: 1000,
  /** Characters in a feature name, a label column name or a class label. */
  nameLength: 200,
  /** The class means are kept while classes × features stays within this (they grow with both). */
  classMeanValues: 20_000,
  /** A k-NN keeps its training rows and a forest its nodes here: 8M numbers. */
  weightsBytes: 32 * 1024 * 1024,
  /** Category values with an input of their own, over all category columns (each has up to 50). */
  categoryValues: 5_000,
  /**
   * The model's inputs: a column's value or parts, its "was missing" input, one per category value. The
   * most the other limits allow: 100 category columns of 50 values and "other", 900 date-times of 5 parts
   * and "was missing".
   */
  inputs: 10_500,
} as const;

/**
 * The longest `model.json` a bundle within LIMITS can have, as Petal writes it (one-space indent): every
 * name with every character escaped as \uXXXX, every number at full length on a line of its own, and a
 * generous allowance for the rest (topology, settings, cross-validation). Derived, not guessed, so that a
 * model Petal exports always imports again (bundle-limits.test.ts builds the worst case).
 */
function maxModelJsonBytes(limits: typeof LIMITS): number {
  const name = limits.nameLength * 6 + 16;
  const number = 40;
  const names = (limits.features + 1 + limits.classes + limits.categoryValues) * name;
  // A step (kind, median or five date parts and their medians, flags) and a profile (min, max, nine
  // deciles, mean, sd, missing), with their keys and braces, in numbers' worth of bytes.
  const perFeature = 16 + 20;
  const perInput = 2; // its scaling's mean and sd
  const perClass = 5 + 4 + name / number; // precision, recall, f1, support; keys; a format-1 label
  const numbers =
    limits.features * perFeature +
    limits.inputs * perInput +
    limits.categoryValues + // each value's share in its profile
    limits.classes * perClass +
    limits.classMeanValues;
  return names + numbers * number + 256 * 1024;
}

export const BUNDLE_LIMITS = { ...LIMITS, modelJsonBytes: maxModelJsonBytes(LIMITS) } as const;

/** One named array of the weights file: row-major values of `shape`. */
export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
}

/**
 * The parts of TF.js's `model.json` (the `tf.io.ModelJSON` type) that Petal writes and reads, declared here
 * so that code without TensorFlow.js (the main thread, the scoring helper) can type it.
 */
export interface ModelJson {
  readonly format: string;
  readonly generatedBy: string;
  readonly convertedBy: null;
  /** A layers model's topology, or null for the kinds Petal stores as named arrays (k-NN, forest). */
  readonly modelTopology: object | null;
  readonly weightsManifest: readonly {
    readonly paths: readonly string[];
    readonly weights: readonly WeightSpec[];
  }[];
  readonly userDefinedMetadata: { readonly petal: PetalMetadata };
}

/**
 * A model as plain data: the standard TF.js `model.json` (topology, weights manifest pointing at
 * `weights.bin`, Petal's metadata inside) and the weights' bytes. It can be posted between threads,
 * stored in IndexedDB, written as two files and read back anywhere.
 */
export interface ModelBundle {
  readonly modelJson: ModelJson;
  readonly weights: ArrayBuffer;
}

/** The arrays a checked bundle holds, read out of its weights file once, per kind. */
export type ModelArrays =
  | { readonly kind: 'dense-network' | 'logistic-regression'; readonly layers: readonly DenseLayer[] }
  | { readonly kind: 'knn'; readonly points: Float32Array; readonly labels: Int32Array }
  | { readonly kind: 'random-forest'; readonly forest: FlatForest };

declare const checked: unique symbol;

/**
 * A bundle that passed `validateBundle`: its metadata typed and within BUNDLE_LIMITS, its arrays read and
 * consistent with the metadata. Only `validateBundle` makes one, so a function that takes a ValidBundle
 * never checks it again.
 */
export type ValidBundle = ModelBundle & {
  readonly metadata: PetalMetadata;
  readonly arrays: ModelArrays;
  readonly [checked]: true;
};

/** The two files of a bundle, as written to disk or offered for download. */
export function bundleFiles(bundle: ModelBundle): { modelJson: string; weights: ArrayBuffer } {
  return { modelJson: `${JSON.stringify(bundle.modelJson, null, 1)}\n`, weights: bundle.weights };
}

/**
 * True when `value` is a bundle with the same `model.json` (as JSON) and the same weight bytes as `bundle`:
 * how storage verifies what it wrote, and how a model already loaded is recognised.
 */
export function sameBundle(value: unknown, bundle: ModelBundle): boolean {
  if (value === bundle) return true;
  if (typeof value !== 'object' || value === null) return false;
  const { modelJson, weights } = value as Partial<ModelBundle>;
  if (!(weights instanceof ArrayBuffer) || weights.byteLength !== bundle.weights.byteLength) return false;
  const x = new Uint8Array(weights);
  const y = new Uint8Array(bundle.weights);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return modelJson === bundle.modelJson || JSON.stringify(modelJson) === JSON.stringify(bundle.modelJson);
}
