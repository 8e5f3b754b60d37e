// A model fitted on some rows of a table: its preprocessing fitted on those rows alone, then the classifier
// on the inputs it makes. What the training recipe, cross-validation and Compare all fit.
import { balancedWeights, classCounts } from './class-weights';
import type { Classifier } from './classifiers/classifier';
import type { ClassifierSpec } from './classifiers/classifier-spec';
import { fitClassifier } from './classifiers/fit-classifier';
import type { FitProgress } from './classifiers/fit-options';
import { encodeRows, fitPipeline, pipelineDataset } from './pipeline/fit-pipeline';
import type { Pipeline } from './pipeline/input-steps';
import type { TrainingTable } from './pipeline/training-table';

export interface FittedModel {
  readonly pipeline: Pipeline;
  readonly classifier: Classifier;
}

/**
 * Fits the pipeline on `rows`, then `spec` on their inputs (watching `validation` rows, which the pipeline
 * never sees, when given). Aborting rejects with the signal's reason.
 */
export async function fitModel(options: {
  readonly table: TrainingTable;
  readonly rows: ArrayLike<number>;
  readonly validation?: ArrayLike<number>;
  readonly spec: ClassifierSpec;
  readonly seed: number;
  /** Weigh the classes equally, by their counts among `rows` (class-weights.ts). */
  readonly balanceClasses?: boolean;
  readonly signal?: AbortSignal;
  /** Aborting ends a network's training now, keeping what it learnt (FitOptions.finish). */
  readonly finish?: AbortSignal;
  readonly onProgress?: (progress: FitProgress) => void;
}): Promise<FittedModel> {
  const { table, rows, validation, spec, seed, signal, finish, onProgress } = options;
  const pipeline = fitPipeline(table, rows);
  const classifier = await fitClassifier({
    spec,
    train: pipelineDataset(table, pipeline, rows),
    validation:
      validation && validation.length > 0 ? pipelineDataset(table, pipeline, validation) : undefined,
    scaling: pipeline.scaling,
    ...(options.balanceClasses
      ? { classWeights: balancedWeights(classCounts(table.y, table.schema.classes.length, rows)) }
      : {}),
    seed,
    signal,
    finish,
    onProgress,
  });
  return { pipeline, classifier };
}

/** Class probabilities of `rows` of `table`, shape [rows.length, classes]. */
export function predictRows(model: FittedModel, table: TrainingTable, rows: ArrayLike<number>): Float32Array {
  return model.classifier.predictProbabilities(encodeRows(table, model.pipeline.steps, rows));
}
