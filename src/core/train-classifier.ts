// The one training recipe, for every kind of classifier: what the Train tab's Train, Compare's Save and
// `npm run train` all run.
import * as tf from '@tensorflow/tfjs-core';
import { BUNDLE_LIMITS, type ModelBundle, type PetalMetadata } from './bundle/bundle-format';
import { validateBundle } from './bundle/validate-bundle';
import { classCounts, isImbalanced } from './class-weights';
import { classifierFromBundle } from './classifiers/classifier-from-bundle';
import type { ClassifierSpec } from './classifiers/classifier-spec';
import type { EpochProgress, FitProgress } from './classifiers/fit-options';
import { evaluate, type Metrics } from './evaluate';
import { fingerprintTable } from './fingerprint';
import { fitModel } from './fit-model';
import { encodeRows } from './pipeline/fit-pipeline';
import { classExamples, profileInputs } from './pipeline/input-profiles';
import type { TrainingTable } from './pipeline/training-table';
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
 * Trains `spec` on `table`: a seeded stratified test hold-out; for the network, a validation share of the
 * rest when `run.validationFraction` asks for one (for its curves and early stopping); the preprocessing
 * fitted on the remaining rows alone, then the classifier on their inputs; metrics on the untouched test
 * rows, predicted by the model as it is saved (read back from its own bundle, so a network's folded scaling
 * is what is measured); and a bundle whose metadata describes it all. Aborting `signal` rejects with its
 * reason; aborting `finish` ends a network's training now and goes on with the model as it is (metrics,
 * bundle), which records that the user stopped it.
 */
export async function trainClassifier(options: {
  readonly table: TrainingTable;
  readonly spec: ClassifierSpec;
  /** Settings not given take their defaults; `balanceClasses` not given is decided by the class counts. */
  readonly run?: Partial<RunSettings>;
  /** ISO 8601, stored in the bundle (the CLI pins it so the default model is rebuilt byte for byte). */
  readonly createdAt: string;
  /** Rows the reader left out because their label was blank, to record in the bundle. */
  readonly unlabelledRows?: number;
  readonly signal?: AbortSignal;
  /** "Stop and keep": ends a network's training now, keeping what it learnt (train-network.ts). */
  readonly finish?: AbortSignal;
  readonly onProgress?: (progress: FitProgress) => void;
}): Promise<TrainedClassifier> {
  const { table, spec, signal, finish, onProgress } = options;
  const run: RunSettings = {
    ...DEFAULT_RUN_SETTINGS,
    ...options.run,
    // Not chosen: balanced when the classes are (IMBALANCE_RATIO); the bundle records what was done.
    balanceClasses:
      options.run?.balanceClasses ?? isImbalanced(classCounts(table.y, table.schema.classes.length)),
    // Only the network watches held-out rows while it fits; the other kinds fit on all of them.
    ...(spec.kind === 'dense-network' ? {} : { validationFraction: 0 }),
  };
  const started = performance.now();
  const split = stratifiedSplit({ labels: table.y, testFraction: run.testFraction, seed: run.seed });
  const { fit, validation } = holdOutValidation(table, split.train, run);
  const history: EpochProgress[] = [];
  const { pipeline, classifier } = await fitModel({
    table,
    rows: fit,
    validation,
    spec,
    seed: run.seed,
    balanceClasses: run.balanceClasses,
    signal,
    finish,
    onProgress: (progress) => {
      if (progress.epoch) history.push(progress.epoch);
      onProgress?.(progress);
    },
  });
  const { schema } = table;
  const features = schema.features.length;
  const classes = schema.classes.length;
  const description = {
    schema,
    pipeline,
    featureProfiles: profileInputs(table, pipeline.steps, fit),
    ...(features * classes <= BUNDLE_LIMITS.classMeanValues
      ? { classExamples: classExamples(table, pipeline.steps, fit) }
      : {}),
    rows: {
      train: fit.length,
      validation: validation?.length ?? 0,
      test: split.test.length,
      ...(options.unlabelledRows ? { unlabelled: options.unlabelledRows } : {}),
    },
    dataFingerprint: fingerprintTable(table),
    createdAt: options.createdAt,
    backend: tf.getBackend(),
    tfjsVersion: tf.version_core,
    run,
  };
  // The test rows through the model as it is saved: its own bundle (before its metrics), read back.
  const draft = classifier.toBundle({ ...description, metrics: { test: noMetrics(schema.classes) } });
  checkSize(draft.bundle, spec);
  const saved = classifierFromBundle(validateBundle(draft.bundle));
  const testMetrics = evaluate({
    labels: Int32Array.from(split.test, (row) => table.y[row]),
    probabilities: saved.predictProbabilities(encodeRows(table, pipeline.steps, split.test)),
    classes: schema.classes,
  });
  const { bundle, metadata } = classifier.toBundle({
    ...description,
    metrics: { test: compactMetrics(testMetrics) },
  });
  return { bundle, metadata, testMetrics, history, trainingMs: performance.now() - started };
}

/** Test metrics of no rows, for the bundle the test rows are predicted with (its metrics are not read). */
function noMetrics(classes: readonly string[]): PetalMetadata['metrics']['test'] {
  return {
    rows: 0,
    accuracy: 0,
    macroF1: 0,
    logLoss: 0,
    perClass: classes.map(() => ({ precision: 0, recall: 0, f1: 0, support: 0 })),
  };
}

/** Refuses a model larger than a bundle may be, saying how to make that kind smaller. */
function checkSize(bundle: ModelBundle, spec: ClassifierSpec): void {
  if (bundle.weights.byteLength > BUNDLE_LIMITS.weightsBytes) {
    throw new TrainingError(
      `The trained model is ${megabytes(bundle.weights.byteLength)}, more than the ${megabytes(BUNDLE_LIMITS.weightsBytes)} a model may hold. ${SMALLER[spec.kind]}`,
    );
  }
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
function holdOutValidation(
  table: TrainingTable,
  train: Int32Array,
  run: RunSettings,
): { fit: Int32Array; validation?: Int32Array } {
  if (run.validationFraction <= 0) return { fit: train };
  const split = stratifiedSplit({
    labels: Int32Array.from(train, (row) => table.y[row]),
    testFraction: run.validationFraction,
    seed: deriveSeed(run.seed, 0x76616c),
  });
  // The split's indices are positions in `train`; the rows are train's values at them.
  return {
    fit: Int32Array.from(split.train, (i) => train[i]),
    validation: Int32Array.from(split.test, (i) => train[i]),
  };
}
