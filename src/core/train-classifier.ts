// The one training recipe, for every kind of classifier: what the Train tab's Train, Compare's Save and
// `npm run train` all run.
import * as tf from '@tensorflow/tfjs-core';
import { BUNDLE_LIMITS, type ModelBundle, type PetalMetadata } from './bundle/bundle-format';
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
import { TrainingError } from './training-error';

/** A model of any kind trained with the recipe, as a bundle ready to save. */
export interface TrainedClassifier {
  readonly bundle: ModelBundle;
  readonly metadata: PetalMetadata;
  /** In full, with the confusion matrix and each class's label (the bundle keeps a summary). */
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
  const classes = dataset.schema.classes.length;
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
    ...(features * classes <= BUNDLE_LIMITS.classMeanValues
      ? { classMeans: classMeans({ x: fit.x, y: fit.y, features, classes }) }
      : {}),
    metrics: { test: compactMetrics(testMetrics) },
    rows: { train: fit.rows, validation: validation?.rows ?? 0, test: test.rows },
    dataFingerprint: fingerprintDataset(dataset),
    createdAt: options.createdAt,
    backend: tf.getBackend(),
    tfjsVersion: tf.version_core,
    run,
  });
  if (bundle.weights.byteLength > BUNDLE_LIMITS.weightsBytes) {
    throw new TrainingError(
      `The trained model is ${megabytes(bundle.weights.byteLength)}, more than the ${megabytes(BUNDLE_LIMITS.weightsBytes)} a model may hold. ${SMALLER[spec.kind]}`,
    );
  }
  return { bundle, metadata, testMetrics, history, trainingMs: performance.now() - started };
}

/** How to make each kind of model smaller. */
const SMALLER: Readonly<Record<ClassifierSpec['kind'], string>> = {
  'dense-network': 'Use fewer or narrower hidden layers.',
  knn: 'k-NN keeps every training row: train on fewer rows or fewer columns, or choose another kind.',
  'logistic-regression': 'Use fewer feature columns.',
  'random-forest': 'Use fewer trees or a smaller maximum depth.',
};

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** What a bundle keeps of the test metrics: the confusion matrix and per-class labels stay out. */
export function compactMetrics(metrics: Metrics): PetalMetadata['metrics']['test'] {
  const { rows, accuracy, macroF1, logLoss, perClass } = metrics;
  return {
    rows,
    accuracy,
    macroF1,
    logLoss,
    perClass: perClass.map(({ precision, recall, f1, support }) => ({ precision, recall, f1, support })),
  };
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
