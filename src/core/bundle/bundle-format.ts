// A model as plain data (the bundle) and the limits every bundle keeps. Free of TensorFlow.js and of any
// host API, so the main thread, the workers, the CLI and the tests all read and write bundles with it.
import type { DenseLayer } from '../classifiers/dense-forward';
import type { FlatForest } from '../classifiers/random-forest';
import type { PetalMetadata } from './metadata-schema';

export type { MetadataSettings, PetalMetadata } from './metadata-schema';

/** Bumped when the metadata changes incompatibly; a bundle from a newer Petal is refused with a message. */
export const BUNDLE_FORMAT_VERSION = 1;
/** The single weights file a bundle's `model.json` points to. */
export const WEIGHTS_FILE_NAME = 'weights.bin';

/**
 * What every bundle must stay within, so that loading one can never hang a tab and whatever Petal writes it
 * can read back. The UI shows lists of these sizes (features in the form, classes in the charts).
 */
export const BUNDLE_LIMITS = {
  /** `model.json` as text. Far above any network Petal trains; a k-NN keeps its rows in the weights. */
  modelJsonBytes: 2 * 1024 * 1024,
  weightsBytes: 32 * 1024 * 1024,
  features: 1000,
  classes: 1000,
  /** Characters in a feature name, a label column name or a class label. */
  nameLength: 200,
} as const;

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
