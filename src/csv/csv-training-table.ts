// A CSV already in memory read into a training table the way the Train tab reads a file (profile every
// column, plan each column's use from its profile, read the rows as planned): what the CLI, the benchmarks
// and tests use. The worker streams the same steps over a file instead (src/worker/data-source.ts).
import type { TrainingTable } from '../core/pipeline/training-table';
import { defaultPlan, planProblem, type UseName, withUse } from './column-plan';
import { type ColumnProfile, ColumnProfiler } from './column-profile';
import { CsvError } from './csv-error';
import type { CsvTable } from './parse-csv';
import { type TrainingPlan, TrainingTableBuilder } from './training-table-builder';

export interface CsvTraining {
  readonly table: TrainingTable;
  /** Rows left out because their label was blank. */
  readonly unlabelled: number;
  readonly plan: TrainingPlan;
  readonly profiles: readonly ColumnProfile[];
}

/**
 * Reads `csv` as a training table: `label` as the label column (else the default plan's), `uses` overriding
 * the inferred use of named columns (e.g. `{ id: 'ignore', zip: 'category' }`). Throws a CsvError naming the
 * column or row of the first problem.
 */
export function trainingTableFromCsv(
  csv: CsvTable,
  options: { readonly label?: string; readonly uses?: Readonly<Record<string, UseName>> } = {},
): CsvTraining {
  const profiler = new ColumnProfiler(csv.header, { decimalComma: csv.decimal === ',' });
  profiler.add(csv.rows);
  const profiles = profiler.finish();
  let plan = defaultPlan(profiles, options.label);
  for (const [name, use] of Object.entries(options.uses ?? {})) {
    const column = csv.header.indexOf(name);
    if (column < 0)
      throw new CsvError({ code: 'unknown-column', column: name, detail: 'there is no such column.' });
    plan = withUse(plan, profiles, column, use);
  }
  const problem = planProblem(profiles, plan);
  if (problem) throw problem;
  const builder = new TrainingTableBuilder(csv.header, plan, csv.decimal);
  // Rows go in runs of consecutive file rows, so that every error names the row as the file numbers it.
  const rowNumber = (r: number) => csv.rowNumbers?.[r] ?? r + 2;
  for (let start = 0; start < csv.rows.length; ) {
    let end = start + 1;
    while (end < csv.rows.length && rowNumber(end) === rowNumber(end - 1) + 1) end++;
    builder.add(csv.rows.slice(start, end), rowNumber(start));
    start = end;
  }
  return { ...builder.finish(), plan, profiles };
}
