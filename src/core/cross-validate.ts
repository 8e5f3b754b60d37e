import { type Dataset, subsetDataset } from './dataset';
import { evaluate, type Metrics, type Summary, summarise } from './evaluate';
import { deriveSeed } from './random';
import { repeatedStratifiedKFold } from './split';

/** One fold's training job, handed to the caller's `fit`. */
export interface CrossValidationFold {
  readonly train: Dataset;
  readonly test: Dataset;
  /** A seed for this fold's model (weight init, shuffling), derived from the run's seed. */
  readonly seed: number;
  readonly signal?: AbortSignal;
}

/** Progress after a fold finishes; `fold` counts completed folds from 1 to `of`. */
export interface CrossValidationProgress {
  readonly fold: number;
  readonly of: number;
  readonly accuracy: number;
}

/** Cross-validated scores: each metric summarised over all folds, plus every fold's full metrics. */
export interface CrossValidationResult {
  readonly accuracy: Summary;
  readonly macroF1: Summary;
  readonly logLoss: Summary;
  /** Per fold, repeat-major: folds [r × folds, (r + 1) × folds) are repeat r. */
  readonly folds: Metrics[];
}

/**
 * Repeated stratified k-fold cross-validation of any classifier.
 *
 * The classifier is the caller's `fit`: it trains on `train` (including any standardisation, which must be
 * fitted on `train` alone) and returns test probabilities, so this module stays free of TensorFlow.
 * Folds run one after another; the signal is checked before each fold and after each `fit`, and is also
 * passed to `fit` so a long fold can stop early. Aborting rejects with the signal's reason.
 *
 * @param options.folds folds per repeat, 2 up to the smallest class size; default 5.
 * @param options.repeats independent reshuffles; default 3.
 * @param options.seed drives the fold assignment and each fold's `seed`.
 * @param options.fit returns test probabilities, row-major, shape [test.rows, classes].
 */
export async function crossValidate(options: {
  dataset: Dataset;
  folds?: number;
  repeats?: number;
  seed: number;
  fit: (fold: CrossValidationFold) => Promise<Float32Array>;
  signal?: AbortSignal;
  onFold?: (progress: CrossValidationProgress) => void;
}): Promise<CrossValidationResult> {
  const { dataset, seed, signal, onFold } = options;
  const splits = repeatedStratifiedKFold({
    labels: dataset.y,
    folds: options.folds ?? 5,
    repeats: options.repeats ?? 3,
    seed,
  });
  // A separate stream from the split seeds, so a fold's model seed is unrelated to how rows were dealt.
  const modelSeeds = deriveSeed(seed, 0x6d6f64);
  const folds: Metrics[] = [];
  for (let index = 0; index < splits.length; index++) {
    signal?.throwIfAborted();
    const train = subsetDataset(dataset, splits[index].train);
    const test = subsetDataset(dataset, splits[index].test);
    const probabilities = await options.fit({ train, test, seed: deriveSeed(modelSeeds, index), signal });
    signal?.throwIfAborted();
    const metrics = evaluate({ labels: test.y, probabilities, classes: dataset.schema.classes });
    folds.push(metrics);
    onFold?.({ fold: index + 1, of: splits.length, accuracy: metrics.accuracy });
  }
  return {
    accuracy: summarise(folds.map((metrics) => metrics.accuracy)),
    macroF1: summarise(folds.map((metrics) => metrics.macroF1)),
    logLoss: summarise(folds.map((metrics) => metrics.logLoss)),
    folds,
  };
}
