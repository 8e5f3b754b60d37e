import type { Dataset } from '../core/dataset';

/**
 * A small synthetic dataset for tests: `perClass` rows of each of `classes` Gaussian-ish blobs in
 * `features` dimensions, well separated, generated from a seed so every test sees the same rows.
 */
export function blobs(
  options: { classes?: number; features?: number; perClass?: number; seed?: number } = {},
): Dataset {
  const { classes = 3, features = 4, perClass = 20, seed = 1 } = options;
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const rows = classes * perClass;
  const x = new Float32Array(rows * features);
  const y = new Int32Array(rows);
  for (let row = 0; row < rows; row++) {
    const label = row % classes;
    y[row] = label;
    for (let f = 0; f < features; f++)
      x[row * features + f] = (f === label % features ? 4 * (label + 1) : 0) + (next() - 0.5) * 2;
  }
  return {
    schema: {
      features: Array.from({ length: features }, (_, f) => `feature_${f + 1}`),
      label: 'kind',
      classes: Array.from({ length: classes }, (_, c) => `class_${c + 1}`),
    },
    rows,
    x,
    y,
  };
}
