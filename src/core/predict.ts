import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Standardisation } from './standardise';

export interface PredictOptions {
  readonly model: tfl.LayersModel;
  readonly standardisation: Standardisation;
  /** Raw (not standardised) feature values, row-major, shape [rows, features]. */
  readonly x: Float32Array;
  /** Rows per forward pass. About 1,000 is fastest on the WASM backend: larger batches stop paying off. */
  readonly batchSize?: number;
}

export const DEFAULT_PREDICT_BATCH = 1024;

/**
 * Class probabilities for many rows, computed in batches: returns a Float32Array of shape
 * [rows, classes], row-major. Standardisation happens here, in JavaScript, into one reused buffer, so a
 * batch costs a single tensor upload; every tensor is released before returning.
 */
export function predictProbabilities(options: PredictOptions): Float32Array {
  const { model, standardisation, x } = options;
  const features = standardisation.mean.length;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_PREDICT_BATCH));
  if (x.length % features !== 0) {
    throw new RangeError(`Expected rows of ${features} features, got ${x.length} values.`);
  }
  const rows = x.length / features;
  const classes = outputWidth(model);
  const out = new Float32Array(rows * classes);
  const buffer = new Float32Array(Math.min(rows, batchSize) * features);
  const { mean, sd } = standardisation;

  const forward = forwardPass(model);
  for (let start = 0; start < rows; start += batchSize) {
    const count = Math.min(batchSize, rows - start);
    const offset = start * features;
    for (let row = 0; row < count; row++) {
      const base = row * features;
      for (let f = 0; f < features; f++) buffer[base + f] = (x[offset + base + f] - mean[f]) / sd[f];
    }
    const input = count * features === buffer.length ? buffer : buffer.subarray(0, count * features);
    const probabilities = tf.tidy(() => forward(tf.tensor2d(input, [count, features])));
    out.set(probabilities.dataSync() as Float32Array, start * classes);
    probabilities.dispose();
  }
  return out;
}

/** The number of classes a model outputs: the last dimension of its (single) output. */
export function outputWidth(model: tfl.LayersModel): number {
  const shape = model.outputs[0].shape;
  const width = shape[shape.length - 1];
  if (typeof width !== 'number') throw new RangeError('The model output has no fixed width.');
  return width;
}

const plans = new WeakMap<tfl.LayersModel, (input: tf.Tensor2D) => tf.Tensor>();

/**
 * The model's forward pass. A sequential stack of Dense layers (every Petal network) runs as one fused
 * matMul + bias + activation op per layer on the layer's own weight variables, which skips the layers API's
 * per-call bookkeeping: several times faster for batches of ~1,000 rows. Anything else uses `predict`.
 */
function forwardPass(model: tfl.LayersModel): (input: tf.Tensor2D) => tf.Tensor {
  let plan = plans.get(model);
  if (!plan) {
    plan = fusedDensePlan(model) ?? ((input) => model.predict(input) as tf.Tensor);
    plans.set(model, plan);
  }
  return plan;
}

type FusedActivation = 'linear' | 'relu' | 'relu6' | 'elu' | 'sigmoid';
const FUSED: ReadonlySet<string> = new Set<FusedActivation>(['linear', 'relu', 'relu6', 'elu', 'sigmoid']);

function fusedDensePlan(model: tfl.LayersModel): ((input: tf.Tensor2D) => tf.Tensor) | undefined {
  const steps: { kernel: tf.Tensor2D; bias?: tf.Tensor1D; activation: string }[] = [];
  for (const layer of model.layers) {
    const config = layer.getConfig();
    if (layer.getClassName() !== 'Dense' || typeof config.activation !== 'string') return undefined;
    const [kernel, bias] = layer.getWeights(false) as [tf.Tensor2D, tf.Tensor1D | undefined];
    steps.push({ kernel, bias, activation: config.activation });
  }
  if (steps.length === 0) return undefined;
  if (
    steps.some(
      (step, i) => !FUSED.has(step.activation) && !(i === steps.length - 1 && step.activation === 'softmax'),
    )
  ) {
    return undefined;
  }
  return (input) => {
    let h: tf.Tensor2D = input;
    for (const { kernel, bias, activation } of steps) {
      const fused = activation === 'softmax' ? 'linear' : (activation as FusedActivation);
      h = tf.fused.matMul({ a: h, b: kernel, bias, activation: fused }) as tf.Tensor2D;
      if (activation === 'softmax') h = tf.softmax(h) as tf.Tensor2D;
    }
    return h;
  };
}
