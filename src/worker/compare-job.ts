// The Compare tab's job: read the CSV, cross-validate each chosen kind on the same folds (compare-classifiers.ts).
import {
  type CompareArgs,
  type CompareProgress,
  type CompareResult,
  compareClassifiers,
} from '../core/compare-classifiers';
import type { TrainingPlan } from '../csv/training-table-builder';
import { type DataSource, readTrainingTable } from './data-source';
import type { CallContext } from './serve';

export type CompareJobArgs = CompareArgs & {
  readonly source: DataSource;
  /** How each column is used; by default what the profiles suggest. */
  readonly plan?: TrainingPlan;
};

export async function compare(
  args: CompareJobArgs,
  context: CallContext<CompareProgress>,
): Promise<CompareResult> {
  const { table } = await readTrainingTable(args.source, args, context.signal);
  return compareClassifiers({
    table,
    args,
    signal: context.signal,
    onProgress: (progress) => context.progress(progress),
  });
}
