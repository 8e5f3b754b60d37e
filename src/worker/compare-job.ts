// The Compare view's job: the same repeated stratified k-fold cross-validation for each chosen algorithm,
// in the worker, with progress per fold and cancel through the call's signal.
import { BUNDLE_FORMAT_VERSION } from '../core/bundle-format';
import { type ClassifierSpec, describeClassifier, fitClassifier } from '../core/classifiers/classifier';
import { fitDenseNetworkJs } from '../core/classifiers/dense-network';
import { crossValidate } from '../core/cross-validate';
import type { Dataset } from '../core/dataset';
import { type Summary, summarise } from '../core/evaluate';
import type { CallContext } from './serve';

export interface CompareArgs {
  /** The algorithms to compare, in the order the table shows them. */
  readonly specs: readonly ClassifierSpec[];
  /** Folds per repeat (2 up to the smallest class size) and independent reshuffles. */
  readonly folds: number;
  readonly repeats: number;
  /** Drives the fold assignment (the same for every algorithm) and each fold's model seed. */
  readonly seed: number;
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
  readonly scores: AlgorithmScore[];
  readonly elapsedMs: number;
}

const PREDICTION_ROWS = 1000;

/** The metadata a size measurement needs; its values do not change the bundle's size much. */
function sizeDescription(dataset: Dataset) {
  const features = dataset.schema.features.length;
  return {
    formatVersion: BUNDLE_FORMAT_VERSION as typeof BUNDLE_FORMAT_VERSION,
    featureProfiles: Array.from({ length: features }, () => ({
      min: 0,
      max: 0,
      deciles: new Array<number>(9).fill(0),
    })),
    classMeans: dataset.schema.classes.map(() => new Array<number>(features).fill(0)),
    metrics: { test: { rows: 0, accuracy: 0, macroF1: 0, logLoss: 0, confusion: [], perClass: [] } },
    rows: { train: 0, validation: 0, test: 0 },
    dataFingerprint: '0000000000000000',
    createdAt: new Date(0).toISOString(),
    backend: 'wasm',
    tfjsVersion: '0.0.0',
  };
}

/** `x` (row-major, `features` wide) repeated until it has `rows` rows. */
function tile(x: Float32Array, features: number, rows: number): Float32Array {
  const out = new Float32Array(rows * features);
  for (let offset = 0; offset < out.length; offset += x.length) {
    out.set(x.subarray(0, Math.min(x.length, out.length - offset)), offset);
  }
  return out;
}

/**
 * Cross-validates each spec on `dataset` with the same folds (crossValidate with the same seed deals the
 * same rows to each fold). Each fold's model predicts its test rows repeated to 1,000 rows, once: the first
 * rows are the test predictions and the time is the prediction cost. Aborting rejects with an AbortError.
 */
export async function compareClassifiers(
  dataset: Dataset,
  args: CompareArgs,
  context: CallContext<CompareProgress>,
): Promise<CompareResult> {
  const { signal } = context;
  const started = performance.now();
  if (args.specs.length === 0) throw new RangeError('Choose at least one algorithm to compare.');
  const features = dataset.schema.features.length;
  const classes = dataset.schema.classes.length;
  const folds = args.folds * args.repeats;
  const scores: AlgorithmScore[] = [];
  for (const [algorithm, spec] of args.specs.entries()) {
    const name = describeClassifier(spec);
    const fitMs: number[] = [];
    let predictMs = 0;
    let predictRows = 0;
    let sizeBytes = 0;
    let fold = 0;
    context.progress({ algorithm, algorithms: args.specs.length, name, fold: 1, of: folds });
    const result = await crossValidate({
      dataset,
      folds: args.folds,
      repeats: args.repeats,
      seed: args.seed,
      signal,
      onFold: (progress) => {
        if (progress.fold < progress.of) {
          context.progress({
            algorithm,
            algorithms: args.specs.length,
            name,
            fold: progress.fold + 1,
            of: progress.of,
          });
        }
      },
      fit: async ({ train, test, seed }) => {
        const fitStarted = performance.now();
        // The dense network's folds train in plain JavaScript (same initial weights, batch order, loss and
        // Adam steps as the TF.js loop, ~100× faster for Petal's small networks; train-network-js.ts).
        const fitted =
          spec.kind === 'dense-network'
            ? await fitDenseNetworkJs({ spec, train, seed, signal })
            : await fitClassifier({ spec, train, seed, signal });
        fitMs.push(performance.now() - fitStarted);
        try {
          const rows = Math.max(PREDICTION_ROWS, test.rows);
          const x = tile(test.x, features, rows);
          const predictStarted = performance.now();
          const probabilities = fitted.predictProbabilities(x);
          predictMs += performance.now() - predictStarted;
          predictRows += rows;
          if (fold++ === 0) {
            const bundle = await fitted.toBundle(sizeDescription(dataset));
            sizeBytes =
              new TextEncoder().encode(JSON.stringify(bundle.modelJson)).byteLength +
              bundle.weights.byteLength;
          }
          return probabilities.slice(0, test.rows * classes);
        } finally {
          fitted.dispose();
        }
      },
    });
    scores.push({
      spec,
      name,
      accuracy: result.accuracy,
      macroF1: result.macroF1,
      fitMs: summarise(fitMs),
      predictMsPer1000: (predictMs / predictRows) * PREDICTION_ROWS,
      sizeBytes,
    });
  }
  return {
    rows: dataset.rows,
    folds: args.folds,
    repeats: args.repeats,
    scores,
    elapsedMs: performance.now() - started,
  };
}
