// The bundle's data shapes and constants, free of TensorFlow.js so the main thread can read and validate
// bundles (registry, import) without pulling TensorFlow.js into its bundle.
import type * as tf from '@tensorflow/tfjs-core';
import type { CrossValidationResult } from './cross-validate';
import type { Metrics } from './evaluate';
import type { FeatureProfile } from './feature-profile';
import type { Schema } from './schema';
import type { Standardisation } from './standardise';
import type { TrainSettings } from './train-model';

/** Bumped when the metadata changes incompatibly; a bundle from a newer Petal is refused with a message. */
export const BUNDLE_FORMAT_VERSION = 1;
/** The single weights file a bundle's `model.json` points to. */
export const WEIGHTS_FILE_NAME = 'weights.bin';

/**
 * Petal's description of a model, stored in `model.json` under `userDefinedMetadata.petal`, so the
 * standard TF.js files are all one needs to use the model: the form, scoring and drift checks read it.
 */
export interface PetalMetadata {
  readonly formatVersion: typeof BUNDLE_FORMAT_VERSION;
  readonly kind: 'dense-network';
  readonly schema: Schema;
  readonly standardisation: Standardisation;
  /** Per feature, in schema order: range and deciles of the rows the model was fitted on. */
  readonly featureProfiles: readonly FeatureProfile[];
  /** Per class, the mean of each feature in the fitting rows: shape [classes][features]. */
  readonly classMeans: readonly (readonly number[])[];
  readonly settings: TrainSettings;
  readonly metrics: {
    readonly test: Metrics;
    readonly crossValidation?: Pick<CrossValidationResult, 'accuracy' | 'macroF1' | 'logLoss'> & {
      readonly folds: number;
      readonly repeats: number;
    };
  };
  readonly rows: { readonly train: number; readonly validation: number; readonly test: number };
  readonly epochsRun: number;
  readonly dataFingerprint: string;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly backend: string;
  readonly tfjsVersion: string;
}

/**
 * A model as plain data: the standard TF.js `model.json` (topology, weights manifest pointing at
 * `weights.bin`, Petal's metadata inside) and the weights' bytes. It can be posted between threads,
 * stored in IndexedDB, written as two files and read back anywhere.
 */
export interface ModelBundle {
  readonly modelJson: tf.io.ModelJSON;
  readonly weights: ArrayBuffer;
}
