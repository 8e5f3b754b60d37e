import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildNetwork } from './network';
import { seededRandom, shuffleInPlace } from './random';
import type { NetworkSettings } from './train-settings';
import { TrainingError } from './training-error';

/** Numeric rows ready for the network: `x` is standardised, row-major, shape [rows, features]. */
export interface TrainingRows {
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly features: number;
  readonly classes: number;
}

export type { NetworkSettings } from './train-settings';

export interface EpochProgress {
  /** 1-based. */
  readonly epoch: number;
  readonly epochs: number;
  /**
   * Loss and accuracy over all training rows. In a run no one watches (no onEpoch, no early stopping, no
   * validation rows) they are not measured: `loss` is then the epoch's last batch's cost and `accuracy` NaN.
   */
  readonly loss: number;
  readonly accuracy: number;
  /** Present when validation rows were given. */
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  readonly elapsedMs: number;
}

export interface TrainNetworkOptions extends NetworkSettings {
  readonly train: TrainingRows;
  readonly validation?: TrainingRows;
  readonly onEpoch?: (progress: EpochProgress) => void;
  readonly signal?: AbortSignal;
}

export interface TrainedNetwork {
  readonly model: tfl.LayersModel;
  readonly history: readonly EpochProgress[];
  /** The epoch whose weights the model holds (the best one when early stopping fired). */
  readonly bestEpoch: number;
  readonly stoppedEarly: boolean;
}

// TF-free, so the classifiers' setting checks (used by the main thread's bundle checks) can throw it.
export { TrainingError } from './training-error';

/** How long the loop may run before it lets the host's event loop in (to receive a cancel message). */
const YIELD_EVERY_MS = 25;

/**
 * Trains a dense softmax network with Adam and categorical cross-entropy in our own loop rather than
 * `model.fit`, because `fit` shuffles with `Math.random`: here each epoch's order comes from a PRNG seeded
 * with `seed`, so the same rows, settings and seed give bit-identical weights on the same backend.
 *
 * The loop yields to the event loop every few tens of milliseconds so a host (a Web Worker) can receive a
 * cancel message; `signal` is checked between batches and aborting rejects with the signal's reason and
 * disposes the model.
 */
export async function trainNetwork(options: TrainNetworkOptions): Promise<TrainedNetwork> {
  const { train, validation, epochs, batchSize, learningRate, seed, patience, onEpoch, signal } = options;
  const l2 = options.l2 ?? 0;
  validateSettings(options, train);
  signal?.throwIfAborted();

  const model = buildNetwork({
    inputs: train.features,
    classes: train.classes,
    hidden: options.hidden,
    seed,
  });
  const optimizer = tf.train.adam(learningRate);
  const random = seededRandom(seed ^ 0x5eed);
  const rows = train.y.length;
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const history: EpochProgress[] = [];
  // The two tensors of shape [rows, features] and [rows, classes] live for the whole run; batches are
  // gathered from them so no per-batch array is built in JavaScript.
  const xAll = tf.tensor2d(train.x, [rows, train.features]);
  const yAll = oneHot(train.y, train.classes);
  const valTensors = validation ? toTensors(validation) : undefined;
  let best = { loss: Number.POSITIVE_INFINITY, epoch: 0, weights: [] as tf.Tensor[] };
  let stoppedEarly = false;
  let batchCost = Number.NaN;
  // With no listener, no early stopping and no validation rows nothing reads the per-epoch loss and
  // accuracy, so they are not measured (a forward pass over every row and two reads from the backend per
  // epoch); the non-finite check then uses the last batch's cost, read once per epoch.
  const quiet = !onEpoch && patience === 0 && !validation;
  const started = performance.now();
  let lastYield = started;

  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      shuffleInPlace(order, random);
      for (let start = 0; start < rows; start += batchSize) {
        signal?.throwIfAborted();
        const batch = order.subarray(start, Math.min(rows, start + batchSize));
        const last = start + batchSize >= rows;
        const cost = tf.tidy((): tf.Scalar | undefined => {
          const indices = tf.tensor1d(batch, 'int32');
          const xb = tf.gather(xAll, indices);
          const yb = tf.gather(yAll, indices);
          return (
            optimizer.minimize(() => {
              const loss = crossEntropy(model.apply(xb, { training: true }) as tf.Tensor2D, yb);
              if (l2 === 0) return loss;
              // Kernels are the rank-2 weights; biases (rank 1) are not penalised.
              const kernels = model.trainableWeights.filter((w) => w.shape.length === 2);
              return tf.add(
                loss,
                tf.mul(l2, tf.addN(kernels.map((w) => tf.sum(tf.square(w.read()))))),
              ) as tf.Scalar;
            }, quiet && last) ?? undefined
          );
        });
        if (cost) {
          batchCost = cost.dataSync()[0];
          cost.dispose();
        }
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
      const fit = quiet ? { loss: batchCost, accuracy: Number.NaN } : measure(model, xAll, yAll);
      const val = valTensors ? measure(model, valTensors.x, valTensors.y) : undefined;
      if (!Number.isFinite(fit.loss)) {
        throw new TrainingError(
          `The training loss became ${fit.loss} at epoch ${epoch}: the learning rate (${learningRate}) is probably too high. Try a smaller one.`,
        );
      }
      const progress: EpochProgress = {
        epoch,
        epochs,
        loss: fit.loss,
        accuracy: fit.accuracy,
        ...(val ? { valLoss: val.loss, valAccuracy: val.accuracy } : {}),
        elapsedMs: performance.now() - started,
      };
      history.push(progress);
      onEpoch?.(progress);

      if (patience > 0) {
        const monitored = val?.loss ?? fit.loss;
        if (monitored < best.loss - 1e-4) {
          tf.dispose(best.weights);
          best = { loss: monitored, epoch, weights: model.getWeights().map((w) => w.clone()) };
        } else if (epoch - best.epoch >= patience) {
          stoppedEarly = true;
          break;
        }
      }
    }
    if (stoppedEarly) model.setWeights(best.weights);
    const bestEpoch = stoppedEarly ? best.epoch : history.length;
    return { model, history, bestEpoch, stoppedEarly };
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    tf.dispose([xAll, yAll, ...best.weights]);
    if (valTensors) tf.dispose([valTensors.x, valTensors.y]);
    optimizer.dispose();
  }
}

/** Mean categorical cross-entropy of softmax outputs [rows, classes] against one-hot targets. */
function crossEntropy(probabilities: tf.Tensor2D, oneHot: tf.Tensor): tf.Scalar {
  return tf.neg(
    tf.mean(tf.sum(tf.mul(oneHot, tf.log(tf.clipByValue(probabilities, 1e-7, 1))), 1)),
  ) as tf.Scalar;
}

function toTensors(rows: TrainingRows): { x: tf.Tensor2D; y: tf.Tensor2D } {
  return tf.tidy(() => ({
    x: tf.tensor2d(rows.x, [rows.y.length, rows.features]),
    y: oneHot(rows.y, rows.classes),
  }));
}

/** One-hot targets of shape [rows, classes] as float32. */
function oneHot(y: Int32Array, classes: number): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(y, 'int32'), classes), 'float32') as tf.Tensor2D);
}

function measure(model: tfl.LayersModel, x: tf.Tensor, y: tf.Tensor): { loss: number; accuracy: number } {
  const [loss, accuracy] = tf.tidy(() => {
    const p = model.apply(x) as tf.Tensor2D;
    const correct = tf.equal(tf.argMax(p, 1), tf.argMax(y, 1));
    return [crossEntropy(p, y), tf.mean(tf.cast(correct, 'float32'))];
  });
  const values = [loss.dataSync()[0], accuracy.dataSync()[0]];
  tf.dispose([loss, accuracy]);
  return { loss: values[0], accuracy: values[1] };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function validateSettings(settings: NetworkSettings, train: TrainingRows): void {
  const { epochs, batchSize, learningRate, patience } = settings;
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > 10_000)
    throw new RangeError(`Epochs must be a whole number from 1 to 10000 (got ${epochs}).`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`Batch size must be a whole number of at least 1 (got ${batchSize}).`);
  if (!(learningRate > 0 && learningRate <= 10))
    throw new RangeError(`Learning rate must be above 0 and at most 10 (got ${learningRate}).`);
  if (!(settings.l2 === undefined || (settings.l2 >= 0 && settings.l2 <= 1)))
    throw new RangeError(`L2 penalty must be from 0 to 1 (got ${settings.l2}).`);
  if (!Number.isInteger(patience) || patience < 0)
    throw new RangeError(`Patience must be a whole number of at least 0 (got ${patience}).`);
  if (train.y.length === 0) throw new RangeError('There are no training rows.');
  if (train.x.length !== train.y.length * train.features) {
    throw new RangeError(
      `Training data has ${train.x.length} values for ${train.y.length} rows of ${train.features} features.`,
    );
  }
}
