// The one training recipe, for every kind of classifier: what the Train tab's Train, Compare's Save and
// `npm run train` all run.
import * as tf from '@tensorflow/tfjs-core';
import type { ModelBundle, PetalMetadata } from './bundle/bundle-format';
import type { ClassifierSpec } from './classifiers/classifier-spec';
import { fitClassifier } from './classifiers/fit-classifier';
import type { EpochProgress, FitProgress } from './classifiers/fit-options';
import { type Dataset, subsetDataset } from './dataset';
import { evaluate, type Metrics } from './evaluate';
import { classMeans, profileFeatures } from './feature-profile';
import { fingerprintDataset } from './fingerprint';
import { deriveSeed } from './random';
import { stratifiedSplit } from './split';
import { DEFAULT_RUN_SETTINGS, type RunSettings } from './train-settings';

/** A model of any kind trained with the recipe, as a bundle ready to save. */
export interface TrainedClassifier {
  readonly bundle: ModelBundle;
  readonly metadata: PetalMetadata;
  readonly testMetrics: Metrics;
  /** One entry per epoch of a network's run (the curves); empty for the other kinds. */
  readonly history: readonly EpochProgress[];
  readonly trainingMs: number;
}

/**
 * Trains `spec` on `dataset`: a seeded stratified test hold-out; for the network, a validation share of the
 * rest when `run.validationFraction` asks for one (for its curves and early stopping); the classifier fitted
 * on the remaining rows (each kind standardises with statistics of those rows alone); metrics on the
 * untouched test rows; and a bundle whose metadata describes it all. Aborting rejects with the signal's
 * reason.
 */
export async function trainClassifier(options: {
  readonly dataset: Dataset;
  readonly spec: ClassifierSpec;
  readonly run?: Partial<RunSettings>;
  /** ISO 8601, stored in the bundle (the CLI pins it so the default model is rebuilt byte for byte). */
  readonly createdAt: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: FitProgress) => void;
}): Promise<TrainedClassifier> {
  const { dataset, spec, signal, onProgress } = options;
  const run: RunSettings = {
    ...DEFAULT_RUN_SETTINGS,
    ...options.run,
    // Only the network watches held-out rows while it fits; the other kinds fit on all of them.
    ...(spec.kind === 'dense-network' ? {} : { validationFraction: 0 }),
  };
  const started = performance.now();
  const split = stratifiedSplit({ labels: dataset.y, testFraction: run.testFraction, seed: run.seed });
  const { fit, validation } = holdOutValidation(subsetDataset(dataset, split.train), run);
  const test = subsetDataset(dataset, split.test);
  const history: EpochProgress[] = [];
  const classifier = await fitClassifier({
    spec,
    train: fit,
    validation,
    seed: run.seed,
    signal,
    onProgress: (progress) => {
      if (progress.epoch) history.push(progress.epoch);
      onProgress?.(progress);
    },
  });
  const features = dataset.schema.features.length;
  const testMetrics = evaluate({
    labels: test.y,
    probabilities: classifier.predictProbabilities(test.x),
    classes: dataset.schema.classes,
  });
  const { bundle, metadata } = classifier.toBundle({
    featureProfiles: profileFeatures({
      x: fit.x,
      features,
      rows: Int32Array.from({ length: fit.rows }, (_, i) => i),
    }),
    classMeans: classMeans({ x: fit.x, y: fit.y, features, classes: dataset.schema.classes.length }),
    metrics: { test: testMetrics },
    rows: { train: fit.rows, validation: validation?.rows ?? 0, test: test.rows },
    dataFingerprint: fingerprintDataset(dataset),
    createdAt: options.createdAt,
    backend: tf.getBackend(),
    tfjsVersion: tf.version_core,
    run,
  });
  return { bundle, metadata, testMetrics, history, trainingMs: performance.now() - started };
}

/** Splits a stratified validation share off the training rows, when the run asks for one. */
function holdOutValidation(train: Dataset, run: RunSettings): { fit: Dataset; validation?: Dataset } {
  if (run.validationFraction <= 0) return { fit: train };
  const split = stratifiedSplit({
    labels: train.y,
    testFraction: run.validationFraction,
    seed: deriveSeed(run.seed, 0x76616c),
  });
  return { fit: subsetDataset(train, split.train), validation: subsetDataset(train, split.test) };
}
