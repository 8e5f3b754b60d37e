/**
 * What the training rows of one feature looked like, kept with the model so new data can be checked
 * against it: the range warns about extrapolation in the form, the decile edges let batch scoring compute
 * a population-stability index without the training data.
 */
export interface FeatureProfile {
  readonly min: number;
  readonly max: number;
  /** The 9 inner decile edges (10%, 20%, … 90%) of the training values, ascending. */
  readonly deciles: readonly number[];
}

/**
 * Profiles every feature of `x` (row-major, shape [rows, features]) over the given rows.
 * Deciles use linear interpolation between order statistics (numpy's default "linear" method).
 */
export function profileFeatures(options: {
  readonly x: Float32Array;
  readonly features: number;
  readonly rows: ArrayLike<number>;
}): FeatureProfile[] {
  const { x, features, rows } = options;
  if (rows.length === 0) throw new RangeError('Cannot profile features over zero rows.');
  const profiles: FeatureProfile[] = [];
  const values = new Float64Array(rows.length);
  for (let f = 0; f < features; f++) {
    for (let i = 0; i < rows.length; i++) values[i] = x[rows[i] * features + f];
    values.sort();
    const deciles: number[] = [];
    for (let q = 1; q <= 9; q++) deciles.push(quantileOfSorted(values, q / 10));
    profiles.push({ min: values[0], max: values[values.length - 1], deciles });
  }
  return profiles;
}

function quantileOfSorted(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const weight = position - below;
  // Rounded to float32 precision: the values themselves are float32, and it keeps saved files short.
  return Math.fround(sorted[below] + (sorted[above] - sorted[below]) * weight);
}

/**
 * The mean of every feature within each class, shape [classes][features]: a typical example of each class,
 * which the form offers as a one-click starting point. A class with no rows gets NaN means.
 */
export function classMeans(options: {
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly features: number;
  readonly classes: number;
}): number[][] {
  const { x, y, features, classes } = options;
  const sums = Array.from({ length: classes }, () => new Array<number>(features).fill(0));
  const counts = new Array<number>(classes).fill(0);
  for (let row = 0; row < y.length; row++) {
    counts[y[row]]++;
    for (let f = 0; f < features; f++) sums[y[row]][f] += x[row * features + f];
  }
  return sums.map((sum, c) => sum.map((total) => Math.fround(total / counts[c])));
}
