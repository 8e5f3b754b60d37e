// A few hundred training rows kept beside a model for the Predict tab's scatter plot.
import type { TrainingTable } from './pipeline/training-table';
import { stratifiedSplit } from './split';

/**
 * Rows for the scatter plot: per row, each feature's value in schema order, shape [rows][features] — a
 * number, a date's time (ms), NaN for a blank and for a category (the plot's axes are numbers and dates)
 * — and class indices.
 */
export interface TrainingSample {
  readonly x: readonly (readonly number[])[];
  readonly y: readonly number[];
}

/** The scatter plot needs a few hundred points at most; more only slows drawing. */
export const MAX_SAMPLE_ROWS = 300;

/**
 * Up to MAX_SAMPLE_ROWS rows, each class keeping its share (and at least one row), in file order. Drawn
 * with the stratified split's seeded shuffle, so the same data and seed give the same points.
 */
export function sampleRows(table: TrainingTable, seed: number): TrainingSample {
  let rows: ArrayLike<number>;
  if (table.rows <= MAX_SAMPLE_ROWS) {
    rows = Int32Array.from({ length: table.rows }, (_, i) => i);
  } else {
    const picked = stratifiedSplit({
      labels: table.y,
      testFraction: MAX_SAMPLE_ROWS / table.rows,
      seed,
    }).test;
    // Rounding per class can overshoot by a row or two; dropping every k-th row keeps the classes' shares.
    rows = picked.length <= MAX_SAMPLE_ROWS ? picked : thin(picked, MAX_SAMPLE_ROWS);
  }
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    x.push(
      table.columns.map((column) =>
        column.kind === 'number'
          ? column.values[row]
          : column.kind === 'date'
            ? column.times[row]
            : Number.NaN,
      ),
    );
    y.push(table.y[row]);
  }
  return { x, y };
}

/** `count` evenly spaced elements of `values`. */
function thin(values: Int32Array, count: number): Int32Array {
  return Int32Array.from({ length: count }, (_, i) => values[Math.floor((i * values.length) / count)]);
}
