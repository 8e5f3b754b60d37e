// The Compare tab's job: read the CSV, cross-validate each chosen kind on the same folds (compare-classifiers.ts).
import {
  type CompareArgs,
  type CompareProgress,
  type CompareResult,
  compareClassifiers,
} from '../core/compare-classifiers';
import { type DataSource, readDataset } from './data-source';
import type { CallContext } from './serve';

export type CompareJobArgs = CompareArgs & { readonly source: DataSource; readonly label?: string };

export async function compare(
  args: CompareJobArgs,
  context: CallContext<CompareProgress>,
): Promise<CompareResult> {
  const dataset = await readDataset(args.source, args.label, context.signal);
  return compareClassifiers({
    dataset,
    args,
    signal: context.signal,
    onProgress: (progress) => context.progress(progress),
  });
}
