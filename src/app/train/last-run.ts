// The Train tab's last finished run, kept across a reload: its model, figures and curves, and whether it
// was kept as a version. It lives under a key of its own (last-run-storage.ts), apart from the saved
// versions: a record that is damaged, from another Petal or unreadable is ignored without a word, and
// nothing here ever reads or writes a saved model.
import type { ModelBundle } from '../../core/bundle/bundle-format';
import { validateBundle } from '../../core/bundle/validate-bundle';
import type { EpochProgress } from '../../core/classifiers/fit-options';
import type { Metrics } from '../../core/evaluate';
import type { TrainingSample } from '../../core/training-sample';
import { checkFigures, checkSample } from '../models/registry/kept-figures';
import type { TrainResult } from '../worker-bridge/protocol';

/** Whether a finished run's model was kept as a version, and how saving it went. */
export type SaveState =
  | { readonly status: 'unsaved' }
  | { readonly status: 'saving' }
  | { readonly status: 'saved'; readonly version: number }
  | { readonly status: 'failed'; readonly message: string };

/** A finished run: its result, the data it was trained on, and whether it was kept. */
export interface FinishedRun {
  readonly result: TrainResult;
  /** The data's name, for the version's source ("trained on iris.csv"). */
  readonly sourceName: string;
  readonly save: SaveState;
}

/** Where the last run is kept: one value, read whole and replaced whole (`undefined` removes it). */
export interface LastRunStorage {
  read(): Promise<unknown>;
  write(record: StoredRun | undefined): Promise<void>;
}

/** The stored shape: the result as the worker returned it (the bundle's metadata is read from the bundle). */
export interface StoredRun {
  readonly format: typeof STORED_FORMAT;
  readonly sourceName: string;
  /** The version it was kept as, or null while it was not. */
  readonly savedVersion: number | null;
  readonly bundle: ModelBundle;
  readonly testMetrics: Metrics;
  readonly history: readonly EpochProgress[];
  readonly trainingMs: number;
  readonly sample: TrainingSample;
}

const STORED_FORMAT = 1;

/**
 * A run larger than this is not kept across a reload (its results stay on screen until then). 16 MB is a
 * network of about four million weights — far beyond what a tabular CSV needs — and a record of that size
 * is read back and checked in well under a second when the Train tab opens.
 */
export const LAST_RUN_MAX_BYTES = 16 * 1024 * 1024;

/** The longest data name kept (a file name; longer ones are cut, as the registry cuts sources). */
const MAX_NAME = 300;

/** The record to store for `run`, or undefined when it is larger than LAST_RUN_MAX_BYTES. */
export function storedRun(run: FinishedRun): StoredRun | undefined {
  const { bundle, testMetrics, history, trainingMs, sample } = run.result;
  if (approximateBytes(run.result) > LAST_RUN_MAX_BYTES) return undefined;
  return {
    format: STORED_FORMAT,
    sourceName: run.sourceName.slice(0, MAX_NAME),
    savedVersion: run.save.status === 'saved' ? run.save.version : null,
    // The two parts of the bundle only: a checked bundle also carries its arrays, read again on restore.
    bundle: { modelJson: bundle.modelJson, weights: bundle.weights },
    testMetrics,
    history,
    trainingMs,
    sample,
  };
}

/**
 * The run a stored value describes, or null for anything that is not one this Petal wrote intact: the
 * bundle goes through the one bundle check, the figures and sample through the registry's checks of the
 * same figures (kept-figures.ts), against that bundle. Never throws.
 */
export function restoredRun(value: unknown): FinishedRun | null {
  try {
    if (typeof value !== 'object' || value === null) return null;
    const record = value as Partial<Record<keyof StoredRun, unknown>>;
    const { sourceName, savedVersion, trainingMs } = record;
    if (record.format !== STORED_FORMAT || typeof sourceName !== 'string' || sourceName === '') return null;
    if (savedVersion !== null && !(Number.isSafeInteger(savedVersion) && (savedVersion as number) >= 1))
      return null;
    if (typeof trainingMs !== 'number' || !Number.isFinite(trainingMs) || trainingMs < 0) return null;
    const bundle = validateBundle(record.bundle);
    const { metadata } = bundle;
    const figures = checkFigures({ history: record.history, testMetrics: record.testMetrics }, metadata);
    if (!figures.testMetrics || !figures.history) return null;
    const result: TrainResult = {
      bundle: { modelJson: bundle.modelJson, weights: bundle.weights },
      metadata,
      testMetrics: figures.testMetrics,
      history: figures.history,
      trainingMs,
      sample: checkSample(record.sample, metadata),
    };
    return {
      result,
      sourceName: sourceName.slice(0, MAX_NAME),
      save:
        savedVersion === null ? { status: 'unsaved' } : { status: 'saved', version: savedVersion as number },
    };
  } catch {
    return null;
  }
}

/** Reads the stored run, or null when there is none or it cannot be read. Never throws. */
export async function readLastRun(storage: LastRunStorage): Promise<FinishedRun | null> {
  try {
    return restoredRun(await storage.read());
  } catch {
    return null;
  }
}

/**
 * Stores `run` as the last one (a run too large to store removes the one before, which is no longer the
 * last). Best effort: a failure to write (storage full, private mode) leaves the results on screen and
 * only loses them at the next reload, so it is not reported.
 */
export async function rememberRun(storage: LastRunStorage, run: FinishedRun): Promise<void> {
  try {
    await storage.write(storedRun(run));
  } catch {
    // See above: nothing to tell the user that would help.
  }
}

/** Bytes the run takes in storage, roughly: the weights, model.json as text, 8 bytes per figure. */
function approximateBytes(result: TrainResult): number {
  const { bundle, testMetrics, history, sample } = result;
  const classes = testMetrics.perClass.length;
  const figures =
    history.length * 7 + classes * classes + classes * 6 + sample.y.length * (1 + (sample.x[0]?.length ?? 0));
  return bundle.weights.byteLength + JSON.stringify(bundle.modelJson).length + figures * 8;
}
