import type { Schema } from './schema';

/** Numeric rows with a class index each. `x` is row-major, shape [rows, features.length]. */
export interface Dataset {
  readonly schema: Schema;
  readonly rows: number;
  readonly x: Float32Array;
  readonly y: Int32Array;
}

/** A new dataset holding copies of the given rows, in the given order (repeats allowed). */
export function subsetDataset(dataset: Dataset, indices: ArrayLike<number>): Dataset {
  const features = dataset.schema.features.length;
  const x = new Float32Array(indices.length * features);
  const y = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const row = indices[i];
    if (!Number.isInteger(row) || row < 0 || row >= dataset.rows) {
      throw new RangeError(`Row index ${row} is outside the dataset (${dataset.rows} rows).`);
    }
    x.set(dataset.x.subarray(row * features, (row + 1) * features), i * features);
    y[i] = dataset.y[row];
  }
  return { schema: dataset.schema, rows: indices.length, x, y };
}
