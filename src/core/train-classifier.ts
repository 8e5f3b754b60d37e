import * as tf from '@tensorflow/tfjs-core';
import { BUNDLE_FORMAT_VERSION, type ModelBundle, type PetalMetadata } from './bundle-format';
import { type ClassifierSpec, fitClassifier } from './classifiers/classifier';
import type { FitProgress } from './classifiers/fit-options';
import { type Dataset, subsetDataset } from './dataset';
import { evaluate, type Metrics } from './evaluate';
import { classMeans, profileFeatures } from './feature-profile';
import { fingerprintDataset } from './fingerprint';
import { stratifiedSplit } from './split';
import { DEFAULT_TRAIN_SETTINGS } from './train-settings';
import { validateBundle } from './validate-bundle';

/** A model of any kind trained with the usual recipe, as a bundle ready to save. */
export interface TrainedClassifier {
  readonly bundle: ModelBundle;
  readonly metadata: PetalMetadata;
  readonly testMetrics: Metrics;
  readonly trainingMs: number;
}

/**
 * trainModel's recipe for any kind of classifier: a seeded stratified test hold-out, the classifier fitted
 * on the rest (each kind standardises with statistics of those rows alone), metrics on the untouched test
 * rows, and a bundle whose metadata describes it all. The dense network takes no validation split here
 * (trainModel remains the route that draws validation curves). The fitted model is disposed.
 */
export async function trainClassifier(options: {
  readonly dataset: Dataset;
  readonly spec: ClassifierSpec;
  readonly seed?: number;
  readonly testFraction?: number;
  readonly createdAt: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: FitProgress) => void;
}): Promise<TrainedClassifier> {
  const { dataset, spec, signal, onProgress } = options;
  const seed = options.seed ?? DEFAULT_TRAIN_SETTINGS.seed;
  const testFraction = options.testFraction ?? DEFAULT_TRAIN_SETTINGS.testFraction;
  const started = performance.now();
  const split = stratifiedSplit({ labels: dataset.y, testFraction, seed });
  const train = subsetDataset(dataset, split.train);
  const test = subsetDataset(dataset, split.test);
  const fitted = await fitClassifier({ spec, train, seed, signal, onProgress });
  try {
    const features = dataset.schema.features.length;
    const testMetrics = evaluate({
      labels: test.y,
      probabilities: fitted.predictProbabilities(test.x),
      classes: dataset.schema.classes,
    });
    const bundle = await fitted.toBundle({
      formatVersion: BUNDLE_FORMAT_VERSION,
      featureProfiles: profileFeatures({
        x: train.x,
        features,
        rows: Int32Array.from({ length: train.rows }, (_, i) => i),
      }),
      classMeans: classMeans({ x: train.x, y: train.y, features, classes: dataset.schema.classes.length }),
      metrics: { test: testMetrics },
      rows: { train: train.rows, validation: 0, test: test.rows },
      dataFingerprint: fingerprintDataset(dataset),
      createdAt: options.createdAt,
      backend: tf.getBackend(),
      tfjsVersion: tf.version_core,
      settings: { seed, testFraction },
    });
    return {
      bundle,
      metadata: validateBundle(bundle).metadata,
      testMetrics,
      trainingMs: performance.now() - started,
    };
  } finally {
    fitted.dispose();
  }
}
