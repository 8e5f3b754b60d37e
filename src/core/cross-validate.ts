import { evaluate, type Metrics, type Summary, summarise } from './evaluate';
import { deriveSeed } from './random';
import { repeatedStratifiedKFold } from './split';

/** One fold's training job, handed to the caller's `fit`: which rows to fit on and which to predict. */
export interface CrossValidationFold {
  readonly train: Int32Array;
  readonly test: Int32Array;
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
 * The model is the caller's `fit`: it trains on the `train` rows (its preprocessing fitted on them alone)
 * and returns the `test` rows' probabilities, so this module stays free of TensorFlow and of data formats.
 * Folds run one after another; the signal is checked before each fold and after each `fit`, and is also
 * passed to `fit` so a long fold can stop early. Aborting rejects with the signal's reason.
 *
 * @param options.folds folds per repeat, 2 up to the smallest class size; default 5.
 * @param options.repeats independent reshuffles; default 3.
 * @param options.seed drives the fold assignment and each fold's `seed`.
 * @param options.fit returns test probabilities, row-major, shape [test.length, classes].
 */
export async function crossValidate(options: {
  /** Each row's class index. */
  labels: Int32Array;
  classes: readonly string[];
  folds?: number;
  repeats?: number;
  seed: number;
  fit: (fold: CrossValidationFold) => Promise<Float32Array>;
  signal?: AbortSignal;
  onFold?: (progress: CrossValidationProgress) => void;
}): Promise<CrossValidationResult> {
  const { labels, classes, seed, signal, onFold } = options;
  const splits = repeatedStratifiedKFold({
    labels,
    folds: options.folds ?? 5,
    repeats: options.repeats ?? 3,
    seed,
  });
  // A separate stream from the split seeds, so a fold's model seed is unrelated to how rows were dealt.
  const modelSeeds = deriveSeed(seed, 0x6d6f64);
  const folds: Metrics[] = [];
  for (let index = 0; index < splits.length; index++) {
    signal?.throwIfAborted();
    const { train, test } = splits[index];
    const probabilities = await options.fit({ train, test, seed: deriveSeed(modelSeeds, index), signal });
    signal?.throwIfAborted();
    const metrics = evaluate({ labels: Int32Array.from(test, (row) => labels[row]), probabilities, classes });
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
