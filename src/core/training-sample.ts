// A few hundred training rows kept beside a model for the Predict tab's scatter plot.
import type { Dataset } from './dataset';
import { stratifiedSplit } from './split';

/** Rows for the scatter plot: raw feature values in schema order, shape [rows][features], and class indices. */
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
