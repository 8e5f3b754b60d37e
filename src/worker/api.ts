// The worker's API: everything the main thread may ask of TensorFlow.js and the CSV reader. The bridge
// derives its types from `typeof api`, so this file is the single definition of the protocol's methods.
//
// TensorFlow.js is imported on first use only (tf-jobs.ts, and the backend through `startBackend`):
// loading a model and predicting need none of it, so the first prediction does not wait for it.
import type { ModelBundle, PetalMetadata } from '../core/bundle-format';
import type { ClassifierSpec } from '../core/classifiers/classifier-spec';
import type { Dataset } from '../core/dataset';
import type { Schema } from '../core/schema';
import { inferSchema } from '../core/schema';
import { stratifiedSplit } from '../core/split';
import type { EpochProgress } from '../core/train-network';
import { DEFAULT_TRAIN_SETTINGS, type TrainSettings } from '../core/train-settings';
import { validateBundle } from '../core/validate-bundle';
import { CsvError } from '../csv/csv-error';
import { type CsvTable, readCsvFile } from '../csv/parse-csv';
import { tableToDataset } from '../csv/table-to-dataset';
import { plainPredictor } from '../score/plain-predictor';
import type { ScoreProgress } from '../score/score-csv';
import type { CompareArgs, CompareProgress, CompareResult } from './compare-job';
import type { SerializedError } from './protocol';
import { inspectScoreFile, PARALLEL_MIN_BYTES, type ScoreFileArgs, scoreFile } from './score-job';
import { type PartRunner, warmUpScoring } from './score-part';
import { type CallContext, serializeError } from './serve';

export type { CallContext } from './serve';

/** Where a CSV comes from: a URL the worker fetches (the bundled data) or a file the user picked. */
export type DataSource =
  | { readonly kind: 'url'; readonly url: string; readonly name: string }
  | { readonly kind: 'file'; readonly file: Blob; readonly name: string };

/** What the Train view shows about a CSV before training on it. */
export interface CsvInspection {
  readonly name: string;
  /** ',', ';' or '\t'; '' when the file could not be read as CSV. */
  readonly delimiter: string;
  readonly header: string[];
  /** The first 8 data rows, as raw cells. */
  readonly preview: string[][];
  /** Data rows in the file. */
  readonly rows: number;
  /** The inferred (or chosen) label, features and classes; null when they cannot be worked out. */
  readonly schema: Schema | null;
  /** Rows per class, in `schema.classes` order. */
  readonly classCounts: number[] | null;
  /** Why this file cannot be trained on (a CsvError: code, row, column, message), or null. */
  readonly error: SerializedError | null;
  /** Columns the user may pick as the label: every column name. */
  readonly candidateLabels: string[];
}

/** Rows for the scatter plot: raw feature values in schema order, shape [rows][features], and class indices. */
export interface TrainingSample {
  readonly x: number[][];
  readonly y: number[];
}

export interface BackendInfo {
  readonly backend: 'wasm' | 'cpu';
  /** Why the WASM backend is not in use, in words for the user; absent when it is. */
  readonly fallbackReason?: string;
  readonly tfjsVersion: string;
}

export interface TrainResult {
  readonly bundle: ModelBundle;
  readonly metadata: PetalMetadata;
  readonly history: EpochProgress[];
  readonly trainingMs: number;
  readonly sample: TrainingSample;
}

/** The scatter plot needs a few hundred points at most; more only slows drawing. */
export const MAX_SAMPLE_ROWS = 300;
const PREVIEW_ROWS = 8;

interface ActiveModel {
  /**
   * Class probabilities for raw rows, in plain JavaScript (plainPredictor): the dense forward pass for a
   * network (equal to TF.js's to float32 rounding), the classifier itself for the other kinds.
   */
  readonly predict: (x: Float32Array) => Float32Array;
  readonly metadata: PetalMetadata;
  readonly features: number;
  /** The bundle it was loaded from, for the batch-scoring helper worker. */
  readonly bundle: ModelBundle;
}

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
  let active: ActiveModel | undefined;
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
     * Validates and loads a model, makes it the one `predict` uses. A bundle that fails validation throws
     * a BundleError and leaves the previous model active. Needs no TF.js: it does not wait for the backend.
     */
    async useModel(args: { bundle: ModelBundle }): Promise<PetalMetadata> {
      const { metadata } = validateBundle(args.bundle);
      const predict = plainPredictor(args.bundle);
      const features = metadata.schema.features.length;
      // One prediction now: a bundle that checks out but cannot be computed fails here, not on first use.
      predict(Float32Array.from(metadata.classMeans[0]));
      active = { predict, metadata, features, bundle: args.bundle };
      firstModel();
      return metadata;
    },

    /**
     * Class probabilities for raw feature rows (row-major, shape [rows, features] in the active model's
     * schema order): a Float32Array of shape [rows, classes]. Synchronous.
     */
    predict(args: { rows: Float32Array }): { probabilities: Float32Array } {
      if (!active) throw new Error('No model is loaded yet.');
      const { predict, metadata, features } = active;
      if (args.rows.length === 0 || args.rows.length % features !== 0) {
        throw new RangeError(
          `The model expects rows of ${features} values (${metadata.schema.features.join(', ')}); got ${args.rows.length} values.`,
        );
      }
      return { probabilities: predict(args.rows) };
    },

    /** Reads a CSV and describes it; a problem with the file is returned in `error`, never thrown. */
    async inspectCsv(
      args: { source: DataSource; label?: string },
      context: CallContext<never>,
    ): Promise<CsvInspection> {
      const empty: CsvInspection = {
        name: args.source.name,
        delimiter: '',
        header: [],
        preview: [],
        rows: 0,
        schema: null,
        classCounts: null,
        error: null,
        candidateLabels: [],
      };
      let table: CsvTable;
      try {
        table = await readSource(args.source, context.signal);
      } catch (error) {
        if (error instanceof CsvError) return { ...empty, error: serializeError(error) };
        throw error;
      }
      const inspection: CsvInspection = {
        ...empty,
        delimiter: table.delimiter,
        header: table.header,
        preview: table.rows.slice(0, PREVIEW_ROWS),
        rows: table.rows.length,
        candidateLabels: [...table.header],
      };
      let schema: Schema;
      try {
        schema = inferSchema({ header: table.header, rows: table.rows, label: args.label });
      } catch (error) {
        if (error instanceof CsvError) return { ...inspection, error: serializeError(error) };
        throw error;
      }
      const classCounts = countClasses(table, schema);
      try {
        // The full conversion finds every problem training would meet (bad cells, tiny classes).
        tableToDataset(table, { label: schema.label });
      } catch (error) {
        if (error instanceof CsvError)
          return { ...inspection, schema, classCounts, error: serializeError(error) };
        throw error;
      }
      return { ...inspection, schema, classCounts };
    },

    /**
     * Trains a model on a CSV with `settings` over DEFAULT_TRAIN_SETTINGS, reporting each epoch. Cancelled
     * through the call's signal (the model is then disposed and the call rejects with an AbortError).
     * `spec` picks the kind (default: the dense network, whose spec settings then override `settings`);
     * the other kinds use `settings.seed` and `settings.testFraction`, report no epochs and have no history.
     */
    async train(
      args: {
        source: DataSource;
        label?: string;
        settings: Partial<TrainSettings>;
        createdAt: string;
        spec?: ClassifierSpec;
      },
      context: CallContext<EpochProgress>,
    ): Promise<TrainResult> {
      await ready();
      const { trainClassifier, trainModel, metadataFor, bundleFromModel } = await tfJobs();
      const dataset = await readDataset(args.source, args.label, context.signal);
      const spec = args.spec;
      if (spec && spec.kind !== 'dense-network') {
        const seed = args.settings.seed ?? DEFAULT_TRAIN_SETTINGS.seed;
        const trained = await trainClassifier({
          dataset,
          spec,
          seed,
          testFraction: args.settings.testFraction,
          createdAt: args.createdAt,
          signal: context.signal,
        });
        return {
          bundle: trained.bundle,
          metadata: trained.metadata,
          history: [],
          trainingMs: trained.trainingMs,
          sample: sampleRows(dataset, seed),
        };
      }
      const settings: TrainSettings = { ...DEFAULT_TRAIN_SETTINGS, ...args.settings, ...spec?.settings };
      const trained = await trainModel({
        dataset,
        settings,
        onEpoch: (progress) => context.progress(progress),
        signal: context.signal,
      });
      try {
        const metadata = metadataFor(trained, { createdAt: args.createdAt });
        const bundle = await bundleFromModel(trained.model, metadata);
        return {
          bundle,
          metadata,
          history: [...trained.history],
          trainingMs: trained.trainingMs,
          sample: sampleRows(dataset, settings.seed),
        };
      } finally {
        trained.model.dispose();
      }
    },

    /** A stratified, seeded sample of a CSV's rows for the scatter plot (used for the default model). */
    async sampleData(
      args: { source: DataSource; label?: string },
      context: CallContext<never>,
    ): Promise<TrainingSample> {
      const dataset = await readDataset(args.source, args.label, context.signal);
      return sampleRows(dataset, DEFAULT_TRAIN_SETTINGS.seed);
    },

    /**
     * The Compare view's job: repeated stratified k-fold cross-validation of each spec on the same folds,
     * reporting the algorithm and fold as each fold starts (compare-job.ts). Cancelled through the signal.
     */
    async crossValidate(
      args: CompareArgs & { source: DataSource; label?: string },
      context: CallContext<CompareProgress>,
    ): Promise<CompareResult> {
      await ready();
      const { compareClassifiers } = await tfJobs();
      const dataset = await readDataset(args.source, args.label, context.signal);
      return compareClassifiers(dataset, args, context);
    },

    /**
     * Readies batch scoring while the user chooses a file (the Batch tab asks when it opens): starts the
     * scoring helper, and has it and this worker each score a small generated file once (warmUpScoring),
     * so the scoring code is compiled before a real file comes. Returns at once; the warm-up runs beside
     * later calls, and a failure in it is left for the real run to meet and report.
     */
    prepareScoring(_args: Record<string, never>): void {
      if (!active) return;
      const model = { bundle: active.bundle, metadata: active.metadata };
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
      if (active && args.file.size >= PARALLEL_MIN_BYTES) {
        options.scoreHelper?.warm?.({ bundle: active.bundle, metadata: active.metadata });
      }
      return inspectScoreFile(args, context, active);
    },
  };
}

/** The API the bridge talks to; its type (`typeof api`) is the protocol. */
export const api = createApi();

export type PetalApi = typeof api;

async function readSource(source: DataSource, signal: AbortSignal): Promise<CsvTable> {
  let blob: Blob;
  if (source.kind === 'url') {
    const response = await fetch(source.url, { signal });
    if (!response.ok)
      throw new Error(`Could not load ${source.name}: the server answered ${response.status}.`);
    blob = await response.blob();
  } else {
    blob = source.file;
  }
  signal.throwIfAborted();
  return readCsvFile(blob);
}

async function readDataset(
  source: DataSource,
  label: string | undefined,
  signal: AbortSignal,
): Promise<Dataset> {
  const table = await readSource(source, signal);
  signal.throwIfAborted();
  return tableToDataset(table, { label });
}

/** Rows per class, counting the trimmed label cell of each row (blank labels are not counted). */
function countClasses(table: CsvTable, schema: Schema): number[] {
  const column = table.header.indexOf(schema.label);
  const index = new Map(schema.classes.map((name, i) => [name, i]));
  const counts = new Array<number>(schema.classes.length).fill(0);
  for (const row of table.rows) {
    const i = index.get((row[column] ?? '').trim());
    if (i !== undefined) counts[i]++;
  }
  return counts;
}

/**
 * Up to MAX_SAMPLE_ROWS rows, each class keeping its share (and at least one row), in file order. Drawn
 * with the stratified split's seeded shuffle, so the same data and seed give the same points.
 */
export function sampleRows(dataset: Dataset, seed: number): TrainingSample {
  const features = dataset.schema.features.length;
  let rows: ArrayLike<number>;
  if (dataset.rows <= MAX_SAMPLE_ROWS) {
    rows = Int32Array.from({ length: dataset.rows }, (_, i) => i);
  } else {
    const picked = stratifiedSplit({
      labels: dataset.y,
      testFraction: MAX_SAMPLE_ROWS / dataset.rows,
      seed,
    }).test;
    // Rounding per class can overshoot by a row or two; dropping every k-th row keeps the classes' shares.
    rows = picked.length <= MAX_SAMPLE_ROWS ? picked : thin(picked, MAX_SAMPLE_ROWS);
  }
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    x.push(Array.from(dataset.x.subarray(row * features, (row + 1) * features)));
    y.push(dataset.y[row]);
  }
  return { x, y };
}

/** `count` evenly spaced elements of `values`. */
function thin(values: Int32Array, count: number): Int32Array {
  return Int32Array.from({ length: count }, (_, i) => values[Math.floor((i * values.length) / count)]);
}
