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

  for (let start = 0; start < rows; start += batchSize) {
    const count = Math.min(batchSize, rows - start);
    const offset = start * features;
    for (let i = 0; i < count * features; i++) {
      const f = i % features;
      buffer[i] = (x[offset + i] - mean[f]) / sd[f];
    }
    const input = count * features === buffer.length ? buffer : buffer.subarray(0, count * features);
    const probabilities = tf.tidy(() => model.predict(tf.tensor2d(input, [count, features])) as tf.Tensor);
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
