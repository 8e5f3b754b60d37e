// The Train tab's job (and Compare's Save): read the CSV into a training table as the plan says, run the one
// training recipe, return the bundle with what the Train tab shows. Imports TensorFlow.js through the
// recipe: the worker loads it lazily (tf-jobs.ts).
import type { ModelBundle, PetalMetadata } from '../core/bundle/bundle-format';
import type { ClassifierSpec } from '../core/classifiers/classifier-spec';
import type { EpochProgress } from '../core/classifiers/fit-options';
import type { Metrics } from '../core/evaluate';
import { trainClassifier } from '../core/train-classifier';
import type { RunSettings } from '../core/train-settings';
import { sampleRows, type TrainingSample } from '../core/training-sample';
import type { TrainingPlan } from '../csv/training-table-builder';
import { type DataSource, readTrainingTable } from './data-source';
import type { CallContext } from './serve';

export interface TrainArgs {
  readonly source: DataSource;
  /** How each column is used (the Train tab's Columns table); by default what the profiles suggest. */
  readonly plan?: TrainingPlan;
  readonly spec: ClassifierSpec;
  /** Over DEFAULT_RUN_SETTINGS. */
  readonly run: Partial<RunSettings>;
  /** ISO 8601, stored in the bundle. */
  readonly createdAt: string;
}

export interface TrainResult {
  readonly bundle: ModelBundle;
  readonly metadata: PetalMetadata;
  /** On the held-out test rows, in full: the bundle keeps a summary without the confusion matrix. */
  readonly testMetrics: Metrics;
  /** The network's epochs (its curves); empty for the other kinds. */
  readonly history: readonly EpochProgress[];
  readonly trainingMs: number;
  readonly sample: TrainingSample;
}

/**
 * Trains `args.spec` on the CSV, reporting each epoch of a network. Cancelled through the call's signal;
 * the call's `finish` ends a network's training early and returns the model as it is ("Stop and keep").
 */
export async function train(args: TrainArgs, context: CallContext<EpochProgress>): Promise<TrainResult> {
  const { table, unlabelled } = await readTrainingTable(args.source, args, context.signal);
  const trained = await trainClassifier({
    table,
    unlabelledRows: unlabelled,
    spec: args.spec,
    run: args.run,
    createdAt: args.createdAt,
    signal: context.signal,
    finish: context.finish,
    onProgress: (progress) => {
      if (progress.epoch) context.progress(progress.epoch);
    },
  });
  return {
    bundle: trained.bundle,
    metadata: trained.metadata,
    testMetrics: trained.testMetrics,
    history: trained.history,
    trainingMs: trained.trainingMs,
    sample: sampleRows(table, trained.metadata.settings.seed),
  };
}
