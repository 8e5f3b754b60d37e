// The rows a model is trained on, before preprocessing: one typed column per feature, read once from the
// CSV (src/csv/training-table-builder.ts). Typed arrays, not strings, so that a fold's preprocessing is a
// pass over numbers and codes, and a large file costs a few bytes per cell.
import type { Schema } from '../schema';
import type { DateOrder } from './date-parts';

/** A number column: NaN where the cell was blank (or a missing marker such as "NA"). */
export interface NumberColumn {
  readonly kind: 'number';
  readonly values: Float64Array;
}

/** A category column: per row, an index into `values` (the distinct values, in order of first appearance). */
export interface CategoryColumn {
  readonly kind: 'category';
  readonly codes: Int32Array;
  /** '' is the blank cell, a value like any other. */
  readonly values: readonly string[];
}

/** A date column: per row, ms since 1970-01-01T00:00Z (a wall-clock time read as UTC), NaN when blank. */
export interface DateColumn {
  readonly kind: 'date';
  readonly times: Float64Array;
  readonly order: DateOrder;
  /** Some value has a time of day (then the time of day is one of its parts). */
  readonly hasTime: boolean;
}

export type TrainingColumn = NumberColumn | CategoryColumn | DateColumn;

/**
 * Labelled rows: `columns[f]` holds feature `schema.features[f]`, `y` each row's class index into
 * `schema.classes`. Rows whose label was blank are not here (the reader counts them).
 */
export interface TrainingTable {
  readonly schema: Schema;
  readonly rows: number;
  readonly columns: readonly TrainingColumn[];
  readonly y: Int32Array;
}

/** A table of number columns from row-major values: how an all-numeric data set (iris) is written. */
export function numberTable(options: {
  readonly schema: Schema;
  readonly x: Float32Array | Float64Array;
  readonly y: Int32Array;
}): TrainingTable {
  const { schema, x, y } = options;
  const width = schema.features.length;
  const rows = y.length;
  if (x.length !== rows * width) {
    throw new RangeError(`x has ${x.length} values; ${rows} rows of ${width} features need ${rows * width}.`);
  }
  const columns = schema.features.map((_, f) => {
    const values = new Float64Array(rows);
    for (let row = 0; row < rows; row++) values[row] = x[row * width + f];
    return { kind: 'number', values } as const;
  });
  return { schema, rows, columns, y };
}
