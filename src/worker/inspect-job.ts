// The Train tab's look at a CSV before training: its columns, first rows, the label and classes Petal
// infers, and the first problem training would meet.
import { BUNDLE_LIMITS } from '../core/bundle/bundle-format';
import type { Schema } from '../core/schema';
import { CsvError } from '../csv/csv-error';
import { inferSchema } from '../csv/infer-schema';
import type { CsvTable } from '../csv/parse-csv';
import { previewTable } from '../csv/preview-table';
import { tableToDataset } from '../csv/table-to-dataset';
import { type DataSource, readSource } from './data-source';
import type { SerializedError } from './protocol';
import { serializeError } from './serve';

/** What the Train view shows about a CSV before training on it. */
export interface CsvInspection {
  readonly name: string;
  /** ',', ';' or '\t'; '' when the file could not be read as CSV. */
  readonly delimiter: string;
  /** The first PREVIEW_LIMITS.columns column names, shortened for display (`columns` counts them all). */
  readonly header: string[];
  /** Columns in the file. */
  readonly columns: number;
  /** The first PREVIEW_ROWS data rows, as raw cells, cut to the previewed columns and shortened. */
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

const PREVIEW_ROWS = 8;

/** Reads a CSV and describes it; a problem with the file is returned in `error`, never thrown. */
export async function inspectCsv(
  args: { readonly source: DataSource; readonly label?: string },
  signal: AbortSignal,
): Promise<CsvInspection> {
  const empty: CsvInspection = {
    name: args.source.name,
    delimiter: '',
    header: [],
    columns: 0,
    preview: [],
    rows: 0,
    schema: null,
    classCounts: null,
    error: null,
    candidateLabels: [],
  };
  let table: CsvTable;
  try {
    table = await readSource(args.source, signal);
  } catch (error) {
    if (error instanceof CsvError) return { ...empty, error: serializeError(error) };
    throw error;
  }
  const shown = previewTable(table.header, table.rows.slice(0, PREVIEW_ROWS));
  const inspection: CsvInspection = {
    ...empty,
    delimiter: table.delimiter,
    header: shown.header,
    columns: shown.columns,
    preview: shown.rows,
    rows: table.rows.length,
    // Every column may be the label, up to as many as a model can have (more is refused anyway).
    candidateLabels: table.header.slice(0, BUNDLE_LIMITS.features + 1),
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
