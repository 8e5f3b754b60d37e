// The bundle's data shapes and constants, free of TensorFlow.js so the main thread can read and validate
// bundles (registry, import) without pulling TensorFlow.js into its bundle.
import type * as tf from '@tensorflow/tfjs-core';
import type {
  KnnSettings,
  LogisticRegressionSettings,
  RandomForestSettings,
} from './classifiers/classifier-spec';
import type { CrossValidationResult } from './cross-validate';
import type { Metrics } from './evaluate';
import type { FeatureProfile } from './feature-profile';
import type { Schema } from './schema';
import type { Standardisation } from './standardise';
import type { TrainSettings } from './train-settings';

/** Bumped when the metadata changes incompatibly; a bundle from a newer Petal is refused with a message. */
export const BUNDLE_FORMAT_VERSION = 1;
/** The single weights file a bundle's `model.json` points to. */
export const WEIGHTS_FILE_NAME = 'weights.bin';

/** The parts of Petal's metadata every kind of model has. */
export interface MetadataCommon {
  readonly formatVersion: typeof BUNDLE_FORMAT_VERSION;
  readonly schema: Schema;
  readonly standardisation: Standardisation;
  /** Per feature, in schema order: range and deciles of the rows the model was fitted on. */
  readonly featureProfiles: readonly FeatureProfile[];
  /** Per class, the mean of each feature in the fitting rows: shape [classes][features]. */
  readonly classMeans: readonly (readonly number[])[];
  readonly metrics: {
    readonly test: Metrics;
    readonly crossValidation?: Pick<CrossValidationResult, 'accuracy' | 'macroF1' | 'logLoss'> & {
      readonly folds: number;
      readonly repeats: number;
    };
  };
  readonly rows: { readonly train: number; readonly validation: number; readonly test: number };
  readonly dataFingerprint: string;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly backend: string;
  readonly tfjsVersion: string;
}

/** Settings of the run that produced a non-network model, stored beside the model's own settings. */
export interface RunSettings {
  readonly seed?: number;
  readonly testFraction?: number;
}

/**
 * Petal's description of a model, stored in `model.json` under `userDefinedMetadata.petal`, so the
 * standard TF.js files are all one needs to use the model: the form, scoring and drift checks read the
 * common part; `kind` says which classifier it is and what its `settings` hold.
 */
export type PetalMetadata = MetadataCommon &
  (
    | { readonly kind: 'dense-network'; readonly settings: TrainSettings; readonly epochsRun: number }
    | { readonly kind: 'knn'; readonly settings: KnnSettings & RunSettings }
    | { readonly kind: 'logistic-regression'; readonly settings: LogisticRegressionSettings & RunSettings }
    | { readonly kind: 'random-forest'; readonly settings: RandomForestSettings & RunSettings }
  );

/** The settings stored in a bundle's metadata, whatever its kind. */
export type MetadataSettings = PetalMetadata['settings'];

/**
 * A model as plain data: the standard TF.js `model.json` (topology, weights manifest pointing at
 * `weights.bin`, Petal's metadata inside) and the weights' bytes. It can be posted between threads,
 * stored in IndexedDB, written as two files and read back anywhere.
 */
export interface ModelBundle {
  readonly modelJson: tf.io.ModelJSON;
  readonly weights: ArrayBuffer;
}
