import type * as tfl from '@tensorflow/tfjs-layers';
import { type Dataset, subsetDataset } from './dataset';
import { evaluate, type Metrics } from './evaluate';
import { classMeans, type FeatureProfile, profileFeatures } from './feature-profile';
import { fingerprintDataset } from './fingerprint';
import { predictProbabilities } from './predict';
import { deriveSeed } from './random';
import type { Schema } from './schema';
import { stratifiedSplit } from './split';
import { fitStandardisation, type Standardisation, standardise } from './standardise';
import { type EpochProgress, type TrainingRows, trainNetwork } from './train-network';
import { DEFAULT_TRAIN_SETTINGS, type TrainSettings } from './train-settings';

export { DEFAULT_TRAIN_SETTINGS, type TrainSettings } from './train-settings';

export interface RowCounts {
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

/** A trained model and everything needed to describe, check and reuse it. */
export interface TrainedModel {
  readonly model: tfl.LayersModel;
  readonly schema: Schema;
  readonly settings: TrainSettings;
  readonly standardisation: Standardisation;
  /** Per feature, over the rows the network was fitted on. */
  readonly featureProfiles: readonly FeatureProfile[];
  /** Per class, the mean of each feature over the rows the network was fitted on: shape [classes][features]. */
  readonly classMeans: readonly (readonly number[])[];
  readonly testMetrics: Metrics;
  readonly history: readonly EpochProgress[];
  readonly bestEpoch: number;
  readonly stoppedEarly: boolean;
  readonly rows: RowCounts;
  readonly dataFingerprint: string;
  readonly trainingMs: number;
}

export interface TrainModelOptions {
  readonly dataset: Dataset;
  readonly settings?: Partial<TrainSettings>;
  readonly onEpoch?: (progress: EpochProgress) => void;
  readonly signal?: AbortSignal;
}

/**
 * The whole training recipe: a seeded stratified test split, an optional validation split of what is
 * left, standardisation fitted on the fitting rows only, the network, and metrics on the untouched test
 * rows. The caller owns the returned model and must dispose it.
 */
export async function trainModel(options: TrainModelOptions): Promise<TrainedModel> {
  const { dataset, onEpoch, signal } = options;
  const settings: TrainSettings = { ...DEFAULT_TRAIN_SETTINGS, ...options.settings };
  const started = performance.now();
  const { train: trainRows, test: testRows } = stratifiedSplit({
    labels: dataset.y,
    testFraction: settings.testFraction,
    seed: settings.seed,
  });
  const { fit, validation } = holdOutValidation(subsetDataset(dataset, trainRows), settings);
  const result = await fitNetwork({ train: fit, validation, settings, onEpoch, signal });

  const test = subsetDataset(dataset, testRows);
  const probabilities = predictProbabilities({
    model: result.model,
    standardisation: result.standardisation,
    x: test.x,
  });
  return {
    model: result.model,
    schema: dataset.schema,
    settings,
    standardisation: result.standardisation,
    featureProfiles: result.featureProfiles,
    classMeans: classMeans({
      x: fit.x,
      y: fit.y,
      features: dataset.schema.features.length,
      classes: dataset.schema.classes.length,
    }),
    testMetrics: evaluate({ labels: test.y, probabilities, classes: dataset.schema.classes }),
    history: result.history,
    bestEpoch: result.bestEpoch,
    stoppedEarly: result.stoppedEarly,
    rows: { train: fit.rows, validation: validation?.rows ?? 0, test: test.rows },
    dataFingerprint: fingerprintDataset(dataset),
    trainingMs: performance.now() - started,
  };
}

/**
 * Standardises with statistics of `train` alone, then trains the network. Used by `trainModel` and, per
 * fold, by cross-validation, so both measure exactly the same procedure.
 */
export async function fitNetwork(options: {
  readonly train: Dataset;
  readonly validation?: Dataset;
  readonly settings: TrainSettings;
  readonly onEpoch?: (progress: EpochProgress) => void;
  readonly signal?: AbortSignal;
}) {
  const { train, validation, settings, onEpoch, signal } = options;
  const features = train.schema.features.length;
  const allRows = Int32Array.from({ length: train.rows }, (_, i) => i);
  const standardisation = fitStandardisation({ x: train.x, features });
  const toRows = (data: Dataset): TrainingRows => ({
    x: standardise(data.x, standardisation),
    y: data.y,
    features,
    classes: data.schema.classes.length,
  });
  const trained = await trainNetwork({
    ...settings,
    train: toRows(train),
    validation: validation ? toRows(validation) : undefined,
    onEpoch,
    signal,
  });
  return {
    ...trained,
    standardisation,
    featureProfiles: profileFeatures({ x: train.x, features, rows: allRows }),
  };
}

/** Splits a stratified validation share off the training rows, when the settings ask for one. */
export function holdOutValidation(
  train: Dataset,
  settings: TrainSettings,
): { fit: Dataset; validation?: Dataset } {
  if (settings.validationFraction <= 0) return { fit: train };
  const split = stratifiedSplit({
    labels: train.y,
    testFraction: settings.validationFraction,
    seed: deriveSeed(settings.seed, 0x76616c),
  });
  return { fit: subsetDataset(train, split.train), validation: subsetDataset(train, split.test) };
}
