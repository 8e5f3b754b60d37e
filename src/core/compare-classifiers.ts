// The Compare view's job: the same repeated stratified k-fold cross-validation for each chosen algorithm,
// with the times of exactly the code Keep and Predict run: `fitModel` (the fold's preprocessing, then the
// classifier; the network trains with TensorFlow.js) and the classifier's own `predictProbabilities`. The
// worker and `npm run train` both run it.
import { classCounts, isImbalanced } from './class-weights';
import { placeholderDescription } from './classifiers/classifier';
import { type ClassifierSpec, describeClassifier } from './classifiers/classifier-spec';
import { crossValidate } from './cross-validate';
import { type Summary, summarise } from './evaluate';
import { fitModel } from './fit-model';
import { encodeRows } from './pipeline/fit-pipeline';
import { inputWidth } from './pipeline/input-steps';
import type { TrainingTable } from './pipeline/training-table';

export interface CompareArgs {
  /** The algorithms to compare, in the order the table shows them. */
  readonly specs: readonly ClassifierSpec[];
  /** Folds per repeat (2 up to the smallest class size) and independent reshuffles. */
  readonly folds: number;
  readonly repeats: number;
  /** Drives the fold assignment (the same for every algorithm) and each fold's model seed. */
  readonly seed: number;
  /**
   * Each fold's model weighs the classes equally (RunSettings.balanceClasses); not given, when the whole
   * table's classes are imbalanced (as training decides).
   */
  readonly balanceClasses?: boolean;
}

/** Reported when a fold starts: algorithm `algorithm + 1` of `algorithms`, fold `fold` of `of`. */
export interface CompareProgress {
  readonly algorithm: number;
  readonly algorithms: number;
  readonly name: string;
  readonly fold: number;
  readonly of: number;
}

/** One algorithm's cross-validated figures. Times are wall-clock milliseconds in the worker. */
export interface AlgorithmScore {
  readonly spec: ClassifierSpec;
  /** describeClassifier(spec), e.g. "k-NN (k = 5, uniform votes)". */
  readonly name: string;
  readonly accuracy: Summary;
  readonly macroF1: Summary;
  readonly logLoss: Summary;
  /** Time to fit one fold's model. */
  readonly fitMs: Summary;
  /** Time to predict 1,000 rows (each fold's test rows repeated to 1,000), averaged over the folds. */
  readonly predictMsPer1000: number;
  /** Bytes of the first fold's model as a bundle (model.json as UTF-8 plus the weights). */
  readonly sizeBytes: number;
}

export interface CompareResult {
  readonly rows: number;
  readonly folds: number;
  readonly repeats: number;
  /** Whether the folds' models weighed the classes equally. */
  readonly balanceClasses: boolean;
  readonly scores: AlgorithmScore[];
  readonly elapsedMs: number;
}

const PREDICTION_ROWS = 1000;

/** `x` (row-major, `features` wide) repeated until it has `rows` rows. */
function tile(x: Float32Array, features: number, rows: number): Float32Array {
  const out = new Float32Array(rows * features);
  for (let offset = 0; offset < out.length; offset += x.length) {
    out.set(x.subarray(0, Math.min(x.length, out.length - offset)), offset);
  }
  return out;
}

/**
 * Cross-validates each spec on `table` with the same folds (crossValidate with the same seed deals the
 * same rows to each fold). Each fold's model predicts its test rows repeated to 1,000 rows, once: the first
 * rows are the test predictions and the time is the prediction cost. Aborting rejects with an AbortError.
 */
export async function compareClassifiers(options: {
  readonly table: TrainingTable;
  readonly args: CompareArgs;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CompareProgress) => void;
}): Promise<CompareResult> {
  const { table, args, signal } = options;
  const progress = (value: CompareProgress) => options.onProgress?.(value);
  const started = performance.now();
  if (args.specs.length === 0) throw new RangeError('Choose at least one algorithm to compare.');
  const classes = table.schema.classes.length;
  const balanceClasses = args.balanceClasses ?? isImbalanced(classCounts(table.y, classes));
  const folds = args.folds * args.repeats;
  const scores: AlgorithmScore[] = [];
  for (const [algorithm, spec] of args.specs.entries()) {
    const name = describeClassifier(spec);
    const fitMs: number[] = [];
    let predictMs = 0;
    let predictRows = 0;
    let sizeBytes = 0;
    let fold = 0;
    progress({ algorithm, algorithms: args.specs.length, name, fold: 1, of: folds });
    const result = await crossValidate({
      labels: table.y,
      classes: table.schema.classes,
      folds: args.folds,
      repeats: args.repeats,
      seed: args.seed,
      signal,
      onFold: (done) => {
        if (done.fold < done.of) {
          progress({ algorithm, algorithms: args.specs.length, name, fold: done.fold + 1, of: done.of });
        }
      },
      fit: async ({ train, test, seed }) => {
        const fitStarted = performance.now();
        const { pipeline, classifier } = await fitModel({
          table,
          rows: train,
          spec,
          seed,
          signal,
          balanceClasses,
        });
        fitMs.push(performance.now() - fitStarted);
        const inputs = inputWidth(pipeline.steps);
        const rows = Math.max(PREDICTION_ROWS, test.length);
        const x = tile(encodeRows(table, pipeline.steps, test), inputs, rows);
        const predictStarted = performance.now();
        const probabilities = classifier.predictProbabilities(x);
        predictMs += performance.now() - predictStarted;
        predictRows += rows;
        if (fold++ === 0) {
          const { bundle } = classifier.toBundle({
            ...placeholderDescription(table.schema),
            pipeline: { ...pipeline, scaledIn: 'pipeline' },
          });
          sizeBytes =
            new TextEncoder().encode(JSON.stringify(bundle.modelJson)).byteLength + bundle.weights.byteLength;
        }
        return probabilities.slice(0, test.length * classes);
      },
    });
    scores.push({
      spec,
      name,
      accuracy: result.accuracy,
      macroF1: result.macroF1,
      logLoss: result.logLoss,
      fitMs: summarise(fitMs),
      predictMsPer1000: (predictMs / predictRows) * PREDICTION_ROWS,
      sizeBytes,
    });
  }
  return {
    rows: table.rows,
    folds: args.folds,
    repeats: args.repeats,
    balanceClasses,
    scores,
    elapsedMs: performance.now() - started,
  };
}
