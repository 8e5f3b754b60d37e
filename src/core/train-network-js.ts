import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildNetwork } from './network';
import { seededRandom, shuffleInPlace } from './random';
import type { TrainingRows } from './train-network';
import type { NetworkSettings } from './train-settings';
import { TrainingError } from './training-error';

/** TF.js's Adam defaults (tf.train.adam) and float32 epsilon, so the updates are the same. */
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;
const CLIP = 1e-7;
const YIELD_EVERY_MS = 25;

interface Layer {
  readonly inputs: number;
  readonly units: number;
  /** Shape [inputs, units], row-major, as TF.js stores a Dense kernel. */
  readonly kernel: Float64Array;
  readonly bias: Float64Array;
}

/**
 * trainNetwork's recipe computed in plain JavaScript, for runs no one watches (cross-validation folds):
 * the same initial weights (read from buildNetwork with the same seed), the same seeded batch order, the
 * same loss (softmax cross-entropy with probabilities clipped at 1e-7, plus l2 × Σ kernel²) and the same
 * Adam update. Only the arithmetic differs (float64 here, float32 in TF.js), so the weights agree closely
 * but not bit for bit (train-network-js.test.ts). For Petal's small networks a TF.js step is ~100 tiny
 * kernel launches, each costing far more than its arithmetic: this is two orders of magnitude faster.
 *
 * Returns a TF.js model holding the trained weights; the caller owns and disposes it.
 */
export async function trainNetworkJs(
  options: NetworkSettings & { readonly train: TrainingRows; readonly signal?: AbortSignal },
): Promise<tfl.LayersModel> {
  const { train, epochs, batchSize, learningRate, seed, signal } = options;
  const l2 = options.l2 ?? 0;
  if (train.y.length === 0) throw new RangeError('There are no training rows.');
  signal?.throwIfAborted();
  const model = buildNetwork({
    inputs: train.features,
    classes: train.classes,
    hidden: options.hidden,
    seed,
  });
  try {
    const initial = model.getWeights();
    const layers: Layer[] = [];
    for (let i = 0; i < initial.length; i += 2) {
      const [inputs, units] = initial[i].shape;
      layers.push({
        inputs,
        units,
        kernel: Float64Array.from(initial[i].dataSync()),
        bias: Float64Array.from(initial[i + 1].dataSync()),
      });
    }
    const params = layers.flatMap((layer) => [layer.kernel, layer.bias]);
    const grads = params.map((p) => new Float64Array(p.length));
    const m = params.map((p) => new Float64Array(p.length));
    const v = params.map((p) => new Float64Array(p.length));
    const rows = train.y.length;
    const classes = train.classes;
    // Activations per layer for one batch: acts[0] is the input, acts[l + 1] the output of layer l.
    const widths = [train.features, ...layers.map((layer) => layer.units)];
    const acts = widths.map((width) => new Float64Array(batchSize * width));
    const deltas = widths.map((width) => new Float64Array(batchSize * width));
    const order = Int32Array.from({ length: rows }, (_, i) => i);
    const random = seededRandom(seed ^ 0x5eed);
    let accBeta1 = BETA1;
    let accBeta2 = BETA2;
    let lastYield = performance.now();

    for (let epoch = 1; epoch <= epochs; epoch++) {
      shuffleInPlace(order, random);
      let batchLoss = 0;
      for (let start = 0; start < rows; start += batchSize) {
        signal?.throwIfAborted();
        const n = Math.min(rows, start + batchSize) - start;
        const input = acts[0];
        for (let r = 0; r < n; r++) {
          const row = order[start + r];
          for (let f = 0; f < train.features; f++) {
            input[r * train.features + f] = train.x[row * train.features + f];
          }
        }
        // Forward: x · kernel + bias, ReLU on hidden layers, softmax on the last.
        for (let l = 0; l < layers.length; l++) {
          const { inputs, units, kernel, bias } = layers[l];
          const from = acts[l];
          const to = acts[l + 1];
          const last = l === layers.length - 1;
          for (let r = 0; r < n; r++) {
            for (let j = 0; j < units; j++) {
              let sum = bias[j];
              for (let i = 0; i < inputs; i++) sum += from[r * inputs + i] * kernel[i * units + j];
              to[r * units + j] = !last && sum < 0 ? 0 : sum;
            }
            if (last) softmaxRow(to, r * units, units);
          }
        }
        // Loss and its gradient with respect to the logits: (p − y) / n, or 0 for a row whose true-class
        // probability was clipped (TF.js's clipByValue passes no gradient outside [1e-7, 1]).
        const out = acts[layers.length];
        const dOut = deltas[layers.length];
        let loss = 0;
        for (let r = 0; r < n; r++) {
          const target = train.y[order[start + r]];
          const p = out[r * classes + target];
          loss -= Math.log(Math.min(1, Math.max(CLIP, p)));
          const flows = p >= CLIP;
          for (let c = 0; c < classes; c++) {
            dOut[r * classes + c] = flows ? (out[r * classes + c] - (c === target ? 1 : 0)) / n : 0;
          }
        }
        loss /= n;
        // Backward, accumulating the gradients of each kernel and bias.
        for (let l = layers.length - 1; l >= 0; l--) {
          const { inputs, units, kernel } = layers[l];
          const from = acts[l];
          const delta = deltas[l + 1];
          const gKernel = grads[2 * l];
          const gBias = grads[2 * l + 1];
          gKernel.fill(0);
          gBias.fill(0);
          for (let r = 0; r < n; r++) {
            for (let j = 0; j < units; j++) {
              const d = delta[r * units + j];
              gBias[j] += d;
              for (let i = 0; i < inputs; i++) gKernel[i * units + j] += from[r * inputs + i] * d;
            }
          }
          if (l > 0) {
            const back = deltas[l];
            for (let r = 0; r < n; r++) {
              for (let i = 0; i < inputs; i++) {
                let sum = 0;
                for (let j = 0; j < units; j++) sum += kernel[i * units + j] * delta[r * units + j];
                // ReLU passes the gradient where its output was positive.
                back[r * inputs + i] = from[r * inputs + i] > 0 ? sum : 0;
              }
            }
          }
          if (l2 > 0) {
            let squares = 0;
            for (let k = 0; k < kernel.length; k++) {
              gKernel[k] += 2 * l2 * kernel[k];
              squares += kernel[k] * kernel[k];
            }
            loss += l2 * squares;
          }
        }
        // Adam, as TF.js applies it.
        for (let p = 0; p < params.length; p++) {
          const values = params[p];
          const g = grads[p];
          const mp = m[p];
          const vp = v[p];
          for (let k = 0; k < values.length; k++) {
            mp[k] = BETA1 * mp[k] + (1 - BETA1) * g[k];
            vp[k] = BETA2 * vp[k] + (1 - BETA2) * g[k] * g[k];
            const mHat = mp[k] / (1 - accBeta1);
            const vHat = vp[k] / (1 - accBeta2);
            values[k] -= (learningRate * mHat) / (Math.sqrt(vHat) + EPSILON);
          }
        }
        accBeta1 *= BETA1;
        accBeta2 *= BETA2;
        batchLoss = loss;
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await new Promise<void>((resolve) => setTimeout(resolve, 0));
          lastYield = performance.now();
        }
      }
      if (!Number.isFinite(batchLoss)) {
        throw new TrainingError(
          `The training loss became ${batchLoss} at epoch ${epoch}: the learning rate (${learningRate}) is probably too high. Try a smaller one.`,
        );
      }
    }
    const trained = layers.flatMap((layer) => [
      tf.tensor2d(Float32Array.from(layer.kernel), [layer.inputs, layer.units]),
      tf.tensor1d(Float32Array.from(layer.bias)),
    ]);
    model.setWeights(trained);
    // `initial` are the model's own variables (getWeights reads them), so only the copies are disposed.
    tf.dispose(trained);
    return model;
  } catch (error) {
    model.dispose();
    throw error;
  }
}

function softmaxRow(values: Float64Array, offset: number, width: number): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < width; c++) max = Math.max(max, values[offset + c]);
  let sum = 0;
  for (let c = 0; c < width; c++) {
    values[offset + c] = Math.exp(values[offset + c] - max);
    sum += values[offset + c];
  }
  for (let c = 0; c < width; c++) values[offset + c] /= sum;
}
