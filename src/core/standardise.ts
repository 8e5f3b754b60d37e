/**
 * Per-feature mean and standard deviation, fitted on training rows and reused unchanged for test rows and
 * for scoring new data, so no information from held-out rows leaks into the model's inputs.
 */
export interface Standardisation {
  readonly mean: readonly number[];
  readonly sd: readonly number[];
}

function checkShape(x: Float32Array, features: number): number {
  if (!Number.isInteger(features) || features < 1) {
    throw new RangeError(`features must be a positive integer, got ${features}.`);
  }
  if (x.length % features !== 0) {
    throw new RangeError(
      `x has ${x.length} values, which is not a whole number of rows of ${features} features.`,
    );
  }
  return x.length / features;
}

/**
 * Fits the mean and population standard deviation of each feature.
 *
 * Sums run in float64 (plain JS numbers) with two passes (mean, then squared deviations), which stays
 * accurate where the one-pass sum-of-squares formula cancels catastrophically. A feature that is constant
 * over the fitted rows gets its exact value as mean and sd = 1, so standardising yields 0, never NaN or
 * Infinity.
 *
 * @param options.x row-major values, shape [rows, features].
 * @param options.features number of features per row.
 * @param options.rows the row indices to fit on, normally the training split; default all rows.
 */
export function fitStandardisation(options: {
  x: Float32Array;
  features: number;
  rows?: ArrayLike<number>;
}): Standardisation {
  const { x, features } = options;
  const rowCount = checkShape(x, features);
  const rows = options.rows ?? Array.from({ length: rowCount }, (_, row) => row);
  if (rows.length === 0) {
    throw new RangeError('Cannot fit a standardisation on zero rows.');
  }
  const sum = new Float64Array(features);
  const min = new Float64Array(features).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(features).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!Number.isInteger(row) || row < 0 || row >= rowCount) {
      throw new RangeError(`Row index ${row} is outside the ${rowCount} rows of x.`);
    }
    for (let feature = 0; feature < features; feature++) {
      const value = x[row * features + feature];
      if (!Number.isFinite(value)) {
        throw new RangeError(
          `Row ${row}, feature ${feature} is ${value}; standardisation needs finite numbers.`,
        );
      }
      sum[feature] += value;
      if (value < min[feature]) min[feature] = value;
      if (value > max[feature]) max[feature] = value;
    }
  }
  const mean = Array.from(sum, (total) => total / rows.length);
  const squares = new Float64Array(features);
  for (let i = 0; i < rows.length; i++) {
    const offset = rows[i] * features;
    for (let feature = 0; feature < features; feature++) {
      const deviation = x[offset + feature] - mean[feature];
      squares[feature] += deviation * deviation;
    }
  }
  const sd = Array.from(squares, (total) => Math.sqrt(total / rows.length));
  for (let feature = 0; feature < features; feature++) {
    // Detect constancy exactly (min === max) instead of comparing a computed sd with a tolerance, and
    // take the value itself as mean, so the zeros do not depend on how the sums happened to round.
    if (min[feature] === max[feature]) {
      mean[feature] = min[feature];
      sd[feature] = 1;
    }
  }
  return { mean, sd };
}

/**
 * Applies a fitted standardisation: (x − mean) / sd per feature.
 * @param x row-major values, shape [rows, s.mean.length]; not modified.
 * @returns a new Float32Array of the same shape.
 */
export function standardise(x: Float32Array, s: Standardisation): Float32Array {
  const features = s.mean.length;
  if (s.sd.length !== features) {
    throw new RangeError(`Standardisation has ${features} means but ${s.sd.length} standard deviations.`);
  }
  s.sd.forEach((sd, feature) => {
    // A hand-made or corrupted standardisation must not turn every value of a feature into NaN/Infinity.
    if (!(sd > 0 && Number.isFinite(sd))) {
      throw new RangeError(
        `Feature ${feature} has standard deviation ${sd}; it must be positive and finite.`,
      );
    }
  });
  checkShape(x, features);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const feature = i % features;
    out[i] = (x[i] - s.mean[feature]) / s.sd[feature];
  }
  return out;
}
