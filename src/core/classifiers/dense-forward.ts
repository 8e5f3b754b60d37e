// The one forward pass of Petal's dense network, in plain JavaScript: what Predict, Batch, the CLI, Compare
// and the training recipe's test metrics all run. Free of TensorFlow.js, so the worker predicts before
// TF.js has loaded, and the batch-scoring helper worker never loads it.
import type { Standardisation } from '../standardise';

/** One trained Dense layer, as TF.js stores it. */
export interface DenseLayer {
  readonly inputs: number;
  readonly units: number;
  /** Shape [inputs, units], row-major. */
  readonly kernel: Float32Array;
  /** Shape [units]. */
  readonly bias: Float32Array;
  readonly activation: DenseActivation;
}

/** The activations a Petal bundle's Dense layers may use (the bundle check refuses others). */
export const DENSE_ACTIVATIONS = ['relu', 'softmax', 'linear', 'tanh', 'sigmoid', 'elu', 'selu'] as const;
export type DenseActivation = (typeof DENSE_ACTIVATIONS)[number];

interface ForwardLayer {
  readonly inputs: number;
  readonly units: number;
  /** Transposed from TF.js's [inputs, units] to [units, inputs], so each unit's weights are contiguous. */
  readonly kernel: Float64Array;
  readonly bias: Float64Array;
  readonly activation: DenseActivation;
}

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/**
 * Class probabilities for raw rows: standardise, then each Dense layer (x · kernel + bias, then its
 * activation), in float64 with float32 weights. For Petal's small networks (4 → 8 → 3 has 56 multiply-adds
 * a row) this is far faster than a TF.js forward pass, whose per-batch overhead dominates: measured in
 * Node 20 on the default iris model, about 10M rows/s against 130k (WASM) and 50k (CPU) for TF.js's own
 * `predict`. Its probabilities equal TF.js's to float32 rounding (about 1e-7; dense-forward.test.ts).
 *
 * Returns a function of `x` (row-major, shape [rows, features]) giving shape [rows, classes].
 */
export function denseForward(options: {
  readonly layers: readonly DenseLayer[];
  readonly standardisation: Standardisation;
}): (x: Float32Array) => Float32Array {
  const layers = options.layers.map(transposed);
  const { mean, sd } = options.standardisation;
  const features = mean.length;
  const classes = layers[layers.length - 1].units;
  const shift = Float64Array.from(mean);
  const scale = Float64Array.from(sd, (value) => 1 / value);
  // A network with its scaling folded into the first layer (bundle format 3) standardises nothing: its
  // first layer then reads the rows as they are, input by input, and skips the zeros — most inputs of a
  // file with categories are one-hot zeros (measured in Node, 1M rows of 120 inputs of which 12 are not
  // zero: 1.7 s → 0.6 s; 4 inputs, none zero: no slower). The sums are the same, in the same order, so
  // the probabilities are too.
  const identity = mean.every((value) => value === 0) && sd.every((value) => value === 1);
  const first = options.layers[0];
  const firstKernel = Float64Array.from(first.kernel);
  // Activations of every layer for a whole batch, shape [rows, units], grown to the largest batch seen.
  let buffers: Float64Array[] = [];
  let capacity = 0;

  return (x) => {
    if (x.length % features !== 0) {
      throw new RangeError(`Expected rows of ${features} features, got ${x.length} values.`);
    }
    const rows = x.length / features;
    if (rows > capacity) {
      capacity = rows;
      buffers = [features, ...layers.map((layer) => layer.units)].map(
        (width) => new Float64Array(rows * width),
      );
    }
    if (identity) {
      sparseDense(firstKernel, layers[0].bias, x, buffers[1], rows, features, first.units);
    } else {
      standardise(x, buffers[0], shift, scale, rows);
      dense(layers[0], buffers[0], buffers[1], rows);
    }
    activate(layers[0].activation, buffers[1], rows, layers[0].units);
    for (let l = 1; l < layers.length; l++) {
      const layer = layers[l];
      dense(layer, buffers[l], buffers[l + 1], rows);
      activate(layer.activation, buffers[l + 1], rows, layer.units);
    }
    return new Float32Array(buffers[layers.length].subarray(0, rows * classes));
  };
}

function transposed(layer: DenseLayer): ForwardLayer {
  const { inputs, units, kernel } = layer;
  const swapped = new Float64Array(inputs * units);
  for (let i = 0; i < inputs; i++) {
    for (let j = 0; j < units; j++) swapped[j * inputs + i] = kernel[i * units + j];
  }
  return {
    inputs,
    units,
    kernel: swapped,
    bias: Float64Array.from(layer.bias),
    activation: layer.activation,
  };
}

// The passes are small functions of their own, each a loop over typed arrays, rather than loops inlined in
// the predictor: V8 then optimises each one whole after a few batches. Inlined, the predictor was first
// compiled mid-loop (on-stack replacement) before its later loops had run, and in Chromium it fell back
// out of optimised code at those loops batch after batch (seen with --trace-deopt), costing a cold run
// about a third of its time.

/** `into[r, f] = (x[r, f] − shift[f]) · scale[f]` for `rows` rows. */
function standardise(
  x: Float32Array,
  into: Float64Array,
  shift: Float64Array,
  scale: Float64Array,
  rows: number,
): void {
  const features = shift.length;
  for (let row = 0; row < rows; row++) {
    const base = row * features;
    for (let f = 0; f < features; f++) into[base + f] = (x[base + f] - shift[f]) * scale[f];
  }
}

/** One Dense layer without its activation: `to[r] = from[r] · kernel + bias` for `rows` rows. */
function dense(layer: ForwardLayer, from: Float64Array, to: Float64Array, rows: number): void {
  const { inputs, units, kernel, bias } = layer;
  for (let row = 0; row < rows; row++) {
    const a = row * inputs;
    const o = row * units;
    for (let j = 0; j < units; j++) {
      const w = j * inputs;
      let sum = bias[j];
      for (let i = 0; i < inputs; i++) sum += from[a + i] * kernel[w + i];
      to[o + j] = sum;
    }
  }
}

/**
 * A Dense layer without its activation on raw rows, input by input with zero inputs skipped:
 * `to[r] = bias + Σ x[r, i] · kernel[i]` over the non-zero `x[r, i]`, added in input order as `dense` adds
 * them. `kernel` is TF.js's [inputs, units] layout, so an input's weights are contiguous.
 */
function sparseDense(
  kernel: Float64Array,
  bias: Float64Array,
  x: Float32Array,
  to: Float64Array,
  rows: number,
  inputs: number,
  units: number,
): void {
  for (let row = 0; row < rows; row++) {
    const a = row * inputs;
    const o = row * units;
    for (let j = 0; j < units; j++) to[o + j] = bias[j];
    for (let i = 0; i < inputs; i++) {
      const value = x[a + i];
      if (value === 0) continue;
      const w = i * units;
      for (let j = 0; j < units; j++) to[o + j] += value * kernel[w + j];
    }
  }
}

/** Applies an activation in place to `rows` rows of `units` values. */
function activate(activation: DenseActivation, values: Float64Array, rows: number, units: number): void {
  const n = rows * units;
  switch (activation) {
    case 'relu':
      for (let i = 0; i < n; i++) if (values[i] < 0) values[i] = 0;
      return;
    case 'softmax':
      for (let row = 0; row < rows; row++) {
        const start = row * units;
        const end = start + units;
        let max = -Infinity;
        for (let i = start; i < end; i++) if (values[i] > max) max = values[i];
        let sum = 0;
        for (let i = start; i < end; i++) {
          values[i] = Math.exp(values[i] - max);
          sum += values[i];
        }
        for (let i = start; i < end; i++) values[i] /= sum;
      }
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) values[i] = Math.tanh(values[i]);
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) values[i] = 1 / (1 + Math.exp(-values[i]));
      return;
    case 'elu':
      for (let i = 0; i < n; i++) if (values[i] < 0) values[i] = Math.expm1(values[i]);
      return;
    case 'selu':
      for (let i = 0; i < n; i++) {
        values[i] = SELU_SCALE * (values[i] < 0 ? SELU_ALPHA * Math.expm1(values[i]) : values[i]);
      }
      return;
    case 'linear':
      return;
    default:
      throw new RangeError(`Unsupported activation "${activation}".`);
  }
}
