// The worker's API: everything the main thread may ask of the engine. The bridge derives its types from
// `typeof api`, so this file is the single definition of the protocol's methods; each job lives in a file
// of its own (inspect-job, train-job, compare-job, score-job).
//
// TensorFlow.js is imported on first use only (tf-jobs.ts, and the backend through `startBackend`):
// loading a model and predicting need none of it, so the first prediction does not wait for it.
import type { ValidBundle } from '../core/bundle/bundle-format';
import { classifierFromBundle } from '../core/classifiers/classifier-from-bundle';
import type { EpochProgress } from '../core/classifiers/fit-options';
import type { CompareProgress, CompareResult } from '../core/compare-classifiers';
import { quotedList } from '../core/short-text';
import { DEFAULT_RUN_SETTINGS } from '../core/train-settings';
import { sampleRows, type TrainingSample } from '../core/training-sample';
import { Cell, describeCell, RowEncoder } from '../csv/row-encoder';
import type { TrainingPlan } from '../csv/training-table-builder';
import type { ScoreProgress } from '../score/score-csv';
import type { BackendInfo } from './backend-info';
import type { CompareJobArgs } from './compare-job';
import { type DataSource, readTrainingTable } from './data-source';
import { inspectCsv } from './inspect-job';
import {
  inspectScoreFile,
  PARALLEL_MIN_BYTES,
  type ScoreFileArgs,
  type ScoringModel,
  scoreFile,
} from './score-job';
import { type PartRunner, warmUpScoring } from './score-part';
import type { CallContext } from './serve';
import type { TrainArgs, TrainResult } from './train-job';

export type { BackendInfo } from './backend-info';
export type { CsvInspection } from './inspect-job';
export type { CallContext } from './serve';
export type { TrainArgs, TrainResult } from './train-job';
export type { DataSource, TrainingSample };

/** See `start`: long enough for a stored model to arrive from IndexedDB, short enough not to be noticed. */
const BACKEND_DELAY_MS = 1000;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The part of the worker that needs TensorFlow.js, loaded once, on first use. */
const tfJobs = () => import('./tf-jobs');

/**
 * Builds the API with its own state (the active model). The worker entry passes `startBackend` (WASM with
 * a CPU fallback) and `scoreHelper` (the second worker that scores half of a large file); tests use the
 * defaults, which keep whatever backend is already set and score every file in one piece.
 */
export function createApi(
  options: {
    startBackend?: () => Promise<BackendInfo>;
    scoreHelper?: PartRunner;
    /** How long `start` waits for a first model before starting the backend anyway. */
    backendDelayMs?: number;
  } = {},
) {
  const startBackend = options.startBackend ?? (() => tfJobs().then((jobs) => jobs.currentBackend()));
  let started: Promise<BackendInfo> | undefined;
  /** The active model, with an encoder for the Predict tab's rows (a scored file makes its own). */
  let active: (ScoringModel & { readonly encoder: RowEncoder }) | undefined;
  /** This worker's scoring code has been warmed up (once is enough: see prepareScoring). */
  let warmedUp = false;
  const ready = () => {
    started ??= startBackend();
    return started;
  };
  // Evaluating TF.js takes the worker thread for tens of milliseconds: the backend's start waits for the
  // first model to be loaded (or BACKEND_DELAY_MS), so it does not hold up the first prediction.
  let firstModel: () => void = () => {};
  const firstModelLoaded = new Promise<void>((resolve) => {
    firstModel = resolve;
  });

  return {
    /**
     * Selects and initialises the TensorFlow.js backend (once; later calls return the same answer), after
     * the first model is loaded or BACKEND_DELAY_MS. Jobs that need the backend start it themselves at once.
     */
    async start(): Promise<BackendInfo> {
      await Promise.race([firstModelLoaded, delay(options.backendDelayMs ?? BACKEND_DELAY_MS)]);
      const info = await ready();
      // Then the training code, in the background: a Train click right after the page loads does not
      // wait for it (measured: click → results 1.4 s → 0.9 s).
      tfJobs().catch(() => {});
      return info;
    },

    /**
     * Makes a model the one `predict` and `score` use. The bundle was checked where it entered the app
     * (ValidBundle: the registry read it back, or the user imported it); one prediction is made here so
     * that a model which checks out but cannot be computed fails now, not on first use.
     */
    useModel(args: { bundle: ValidBundle }): void {
      const { predictProbabilities } = classifierFromBundle(args.bundle);
      const { metadata } = args.bundle;
      const encoder = new RowEncoder(metadata);
      predictProbabilities(new Float32Array(encoder.width));
      active = { predict: predictProbabilities, bundle: args.bundle, encoder };
      firstModel();
    },

    /**
     * Class probabilities for one row of feature cells as a person types them (numbers with '.', dates as
     * ISO text, category values; '' for a blank), in the active model's schema order, read by the model's
     * pipeline. Also what reading each cell found (RowEncoder's Cell: outside the training range, blank
     * imputed…). A cell the model cannot read throws a RangeError naming the feature. Synchronous.
     */
    predict(args: { cells: readonly string[] }): { probabilities: Float32Array; readings: Cell[] } {
      if (!active) throw new Error('No model is loaded yet.');
      const { features } = active.bundle.metadata.schema;
      const { encoder } = active;
      if (args.cells.length !== features.length) {
        throw new RangeError(
          `The model reads ${features.length} features (${quotedList(features)}); got ${args.cells.length} values.`,
        );
      }
      const x = new Float32Array(encoder.width);
      const readings = args.cells.map((cell, f) => {
        const read = encoder.encode(f, cell, x, 0);
        if (read === Cell.Bad) {
          const text = describeCell(features[f], cell, encoder.problems[f] ?? 'not-a-number');
          throw new RangeError(`${text[0].toUpperCase()}${text.slice(1)}.`);
        }
        return read;
      });
      return { probabilities: active.predict(x), readings };
    },

    /**
     * Profiles a CSV and describes it as `plan` would use it (inspect-job.ts); a problem with the file is
     * returned, never thrown.
     */
    inspectCsv: (
      args: { source: DataSource; plan?: TrainingPlan; label?: string },
      context: CallContext<never>,
    ) => inspectCsv(args, context.signal),

    /** Trains a model of any kind on a CSV with the one recipe (train-job.ts), reporting a network's epochs. */
    async train(args: TrainArgs, context: CallContext<EpochProgress>): Promise<TrainResult> {
      await ready();
      return (await tfJobs()).train(args, context);
    },

    /** A stratified, seeded sample of a CSV's rows for the scatter plot (used for the default model). */
    async sampleData(args: { source: DataSource }, context: CallContext<never>): Promise<TrainingSample> {
      const { table } = await readTrainingTable(args.source, {}, context.signal);
      return sampleRows(table, DEFAULT_RUN_SETTINGS.seed);
    },

    /**
     * The Compare view's job: repeated stratified k-fold cross-validation of each spec on the same folds,
     * reporting the algorithm and fold as each fold starts (compare-job.ts). Cancelled through the signal.
     */
    async crossValidate(args: CompareJobArgs, context: CallContext<CompareProgress>): Promise<CompareResult> {
      await ready();
      return (await tfJobs()).compare(args, context);
    },

    /**
     * Readies batch scoring while the user chooses a file (the Batch tab asks when it opens): starts the
     * scoring helper, and has it and this worker each score a small generated file once (warmUpScoring),
     * so the scoring code is compiled before a real file comes. Returns at once; the warm-up runs beside
     * later calls, and a failure in it is left for the real run to meet and report.
     */
    prepareScoring(_args: Record<string, never>): void {
      if (!active) return;
      const model = { bundle: active.bundle };
      options.scoreHelper?.warm?.(model);
      if (warmedUp) return;
      warmedUp = true;
      // The predictor and the kinds of callbacks scoreFile passes (see warmUpScoring).
      warmUpScoring(model, { predict: active.predict, onProgress: () => {}, onOutput: () => {} }).catch(
        () => {},
      );
    },

    /** Batch scoring with the active model (score-job.ts): the scored CSV as a Blob, a summary, the first rows. */
    score: (args: ScoreFileArgs, context: CallContext<ScoreProgress>) =>
      scoreFile(args, context, active, options.scoreHelper),
    /** The head of a file to score, its delimiter and column mapping (or the missing columns). */
    inspectScoreFile: (args: ScoreFileArgs, context: CallContext<never>) => {
      // A large file will be scored in two halves: the helper worker starts while the user looks.
      if (active && args.file.size >= PARALLEL_MIN_BYTES)
        options.scoreHelper?.warm?.({ bundle: active.bundle });
      return inspectScoreFile(args, context, active);
    },
  };
}

/** The API the bridge talks to; its type (`typeof api`) is the protocol. */
export const api = createApi();

export type PetalApi = typeof api;
