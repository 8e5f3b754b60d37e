// The one trainer of Petal's dense network, in TensorFlow.js. Every route that trains a network (the Train
// tab, Compare's folds and its Save, `npm run train`) comes here through fitClassifier.
import * as tf from '@tensorflow/tfjs-core';
import { seededRandom, shuffleInPlace } from '../random';
import { TrainingError } from '../training-error';
import type { DenseNetworkSettings } from './classifier-spec';
import type { DenseLayer } from './dense-forward';
import { kernelSeed } from './dense-network';
import { checkpoints, type EpochProgress } from './fit-options';

export type { EpochProgress } from './fit-options';

/** Numeric rows ready for the network: `x` is standardised, row-major, shape [rows, features]. */
export interface TrainingRows {
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly features: number;
  readonly classes: number;
}

export interface TrainNetworkOptions {
  readonly train: TrainingRows;
  readonly validation?: TrainingRows;
  readonly settings: DenseNetworkSettings;
  /** Per class, the weight of its rows' loss (absent: all 1). */
  readonly classWeights?: readonly number[];
  /** Drives the initial weights and each epoch's batch order: same rows, settings and seed → same weights. */
  readonly seed: number;
  readonly onEpoch?: (progress: EpochProgress) => void;
  /** Aborting throws the run away: the trainer rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /**
   * Aborting ends the run now and keeps what was learnt ("Stop and keep"): the trainer stops before its
   * next batch and returns the network — with early stopping on, the best epoch's weights so far.
   */
  readonly finish?: AbortSignal;
}

/** What ended a run before its last epoch: early stopping, or the caller's `finish` signal. */
export type StoppedBy = 'early-stopping' | 'user';

export interface TrainedNetwork {
  /** Input side first; ReLU on hidden layers, softmax on the last. */
  readonly layers: readonly DenseLayer[];
  /** One entry per epoch run, when someone watched (onEpoch, validation rows or early stopping); else empty. */
  readonly history: readonly EpochProgress[];
  /**
   * Epochs trained, the last one perhaps in part (a `finish` mid-epoch): fewer than `settings.epochs`
   * when the run was stopped.
   */
  readonly epochsRun: number;
  /**
   * The epoch whose weights the network holds: with early stopping on, the best one when the run was
   * stopped (by early stopping or the caller); else the last one run.
   */
  readonly bestEpoch: number;
  /** What ended the run before its last epoch; null when it ran them all. */
  readonly stoppedBy: StoppedBy | null;
}

/** The least fall of the validation loss that counts as an improvement for early stopping. */
const MIN_IMPROVEMENT = 1e-4;

/** TF.js's Adam defaults (tf.train.adam). */
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

/**
 * Trains a dense softmax network (ReLU hidden layers) with Adam on the mean softmax cross-entropy plus
 * `l2 × Σ kernel²`, in mini-batches whose order each epoch comes from a PRNG seeded with `seed`.
 *
 * Why not `model.fit`: it shuffles with `Math.random`, so runs could not be repeated. Why not even
 * `optimizer.minimize` on a layers model: for Petal's small networks a step is bookkeeping, not arithmetic
 * — the layers API, the gradient tape and Adam's dozen ops per variable made ~150 tiny kernel launches a
 * step. Here the gradient of the cross-entropy with respect to the logits is written out ((p − y) / n, the
 * same one the tape derives) and back-propagated with a handful of matMuls, and all weights live in one
 * flat tensor so Adam is one set of ops: measured 3–4× faster per fold on both the CPU and WASM backends.
 *
 * Early stopping (`settings.patience` > 0) watches the loss on the `validation` rows, which it needs: when
 * that loss has not fallen for `patience` epochs the run stops and the network takes back the weights of
 * its best epoch (as Keras's EarlyStopping with restore_best_weights).
 *
 * Yields to the event loop every few tens of milliseconds so a worker can receive a cancel or a finish;
 * `signal` and `finish` are checked between batches: aborting `signal` rejects with its reason, aborting
 * `finish` returns the network as it is (see TrainNetworkOptions.finish).
 */
export async function trainNetwork(options: TrainNetworkOptions): Promise<TrainedNetwork> {
  const { train, validation, settings, seed, onEpoch, signal, finish, classWeights } = options;
  // The settings were checked against their schema by fitClassifier (classifier-spec.ts).
  checkRows(train);
  signal?.throwIfAborted();
  const { epochs, batchSize, learningRate, patience } = settings;
  if (patience > 0 && !validation?.y.length) {
    throw new RangeError(
      'Early stopping watches the loss on validation rows: hold some training rows out, or set patience to 0.',
    );
  }
  const l2 = settings.l2;
  const shapes = layerShapes(train.features, settings.hidden, train.classes);
  const rows = train.y.length;
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const random = seededRandom(seed ^ 0x5eed);
  const checkpoint = checkpoints(signal);
  // With nobody watching (no listener, no early stopping, no validation rows) the per-epoch loss and
  // accuracy are not measured: a forward pass over every row and a read from the backend per epoch.
  const watched = onEpoch !== undefined || patience > 0 || validation !== undefined;
  const history: EpochProgress[] = [];
  const started = performance.now();

  // Tensors that live for the whole run: the rows [rows, features], their one-hot classes [rows, classes],
  // every weight in one flat vector (theta) and Adam's two moment vectors of the same length.
  let theta = initialWeights(shapes, seed);
  let m = tf.zerosLike(theta);
  let v = tf.zerosLike(theta);
  const xAll = tf.tensor2d(train.x, [rows, train.features]);
  const yAll = oneHot(train.y, train.classes);
  // Each row's weight as a column [rows, 1], when classes are weighted.
  const wAll = classWeights
    ? tf.tensor2d(
        Float32Array.from(train.y, (label) => classWeights[label]),
        [rows, 1],
      )
    : undefined;
  const val = validation
    ? {
        x: tf.tensor2d(validation.x, [validation.y.length, validation.features]),
        y: oneHot(validation.y, validation.classes),
      }
    : undefined;
  let best: { loss: number; epoch: number; theta: tf.Tensor1D | null } = {
    loss: Number.POSITIVE_INFINITY,
    epoch: 0,
    theta: null,
  };
  let stoppedBy: StoppedBy | null = null;
  let epochsRun = 0;
  let step = 0;

  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      shuffleInPlace(order, random);
      let batches = 0;
      for (let start = 0; start < rows; start += batchSize) {
        await checkpoint();
        if (finish?.aborted) {
          stoppedBy = 'user';
          break;
        }
        batches++;
        step++;
        const batch = order.subarray(start, Math.min(rows, start + batchSize));
        const next = tf.tidy(() => {
          const grads = gradients(unpack(theta, shapes), xAll, yAll, batch, l2, wAll);
          const g = tf.concat(grads.map((grad) => tf.reshape(grad, [-1])));
          const m1 = tf.add(tf.mul(m, BETA1), tf.mul(g, 1 - BETA1)) as tf.Tensor1D;
          const v1 = tf.add(tf.mul(v, BETA2), tf.mul(tf.square(g), 1 - BETA2)) as tf.Tensor1D;
          const correction1 = learningRate / (1 - BETA1 ** step);
          const correction2 = 1 / (1 - BETA2 ** step);
          const update = tf.div(tf.mul(m1, correction1), tf.add(tf.sqrt(tf.mul(v1, correction2)), EPSILON));
          return { theta: tf.sub(theta, update) as tf.Tensor1D, m: m1, v: v1 };
        });
        tf.dispose([theta, m, v]);
        ({ theta, m, v } = next);
      }
      // Finished between epochs: the last epoch run is the previous one. Finished mid-epoch: this epoch
      // counts, in part, and is measured like any other so the curves end where the weights are.
      if (stoppedBy === 'user' && batches === 0) break;
      epochsRun = epoch;
      if (!watched) {
        const sum = tf.tidy(() => tf.sum(theta));
        const total = sum.dataSync()[0];
        sum.dispose();
        if (!Number.isFinite(total)) throw divergence(Number.NaN, epoch, learningRate);
        if (stoppedBy) break;
        continue;
      }
      const fit = measure(theta, shapes, xAll, yAll);
      if (!Number.isFinite(fit.loss)) throw divergence(fit.loss, epoch, learningRate);
      const held = val ? measure(theta, shapes, val.x, val.y) : undefined;
      const progress: EpochProgress = {
        epoch,
        epochs,
        loss: fit.loss,
        accuracy: fit.accuracy,
        ...(held ? { valLoss: held.loss, valAccuracy: held.accuracy } : {}),
        elapsedMs: performance.now() - started,
      };
      history.push(progress);
      onEpoch?.(progress);
      if (held && patience > 0) {
        if (held.loss < best.loss - MIN_IMPROVEMENT) {
          best.theta?.dispose();
          best = { loss: held.loss, epoch, theta: tf.clone(theta) };
        } else if (stoppedBy === null && epoch - best.epoch >= patience) {
          stoppedBy = 'early-stopping';
        }
      }
      if (stoppedBy) break;
    }
    // A stopped run with early stopping on keeps its best epoch; otherwise the weights are the last ones.
    const restore = stoppedBy !== null && best.theta !== null;
    const kept = restore && best.theta ? best.theta : theta;
    return {
      layers: toLayers(kept.dataSync() as Float32Array, shapes),
      history,
      epochsRun,
      bestEpoch: restore ? best.epoch : epochsRun,
      stoppedBy,
    };
  } finally {
    tf.dispose([theta, m, v, xAll, yAll]);
    wAll?.dispose();
    if (val) tf.dispose([val.x, val.y]);
    best.theta?.dispose();
  }
}

/** [inputs, units] of each layer, input side first. */
type Shapes = readonly (readonly [number, number])[];

function layerShapes(features: number, hidden: readonly number[], classes: number): Shapes {
  const widths = [features, ...hidden, classes];
  return widths.slice(1).map((units, i) => [widths[i], units] as const);
}

/**
 * Glorot-uniform kernels (limit √(6 / (inputs + units))) and zero biases, packed layer by layer (kernel
 * row-major, then bias). Each kernel draws from its own seed, derived as the first Petal networks did, so
 * tfjs-layers' `glorotUniform({ seed })` gives the same values (train-network.test.ts).
 */
function initialWeights(shapes: Shapes, seed: number): tf.Tensor1D {
  return tf.tidy(() =>
    tf.concat(
      shapes.flatMap(([inputs, units], i) => {
        const limit = Math.sqrt(6 / (inputs + units));
        const kernel = tf.randomUniform([inputs, units], -limit, limit, 'float32', kernelSeed(seed, i));
        return [tf.reshape(kernel, [-1]), tf.zeros([units])];
      }),
    ),
  ) as tf.Tensor1D;
}

export interface LayerTensors {
  readonly kernel: tf.Tensor2D;
  readonly bias: tf.Tensor1D;
}

/** Views of the flat weight vector as each layer's kernel [inputs, units] and bias [units]. */
function unpack(theta: tf.Tensor1D, shapes: Shapes): LayerTensors[] {
  let offset = 0;
  return shapes.map(([inputs, units]) => {
    const kernel = tf.reshape(tf.slice(theta, offset, inputs * units), [inputs, units]) as tf.Tensor2D;
    offset += inputs * units;
    const bias = tf.slice(theta, offset, units) as tf.Tensor1D;
    offset += units;
    return { kernel, bias };
  });
}

/** Each layer's input (the first is `x`) and the logits of the last: hidden layers are ReLU. */
function forward(
  layers: readonly LayerTensors[],
  x: tf.Tensor2D,
): { inputs: tf.Tensor2D[]; logits: tf.Tensor2D } {
  const inputs = [x];
  for (let l = 0; l < layers.length - 1; l++) {
    const { kernel, bias } = layers[l];
    inputs.push(tf.fused.matMul({ a: inputs[l], b: kernel, bias, activation: 'relu' }) as tf.Tensor2D);
  }
  const { kernel, bias } = layers[layers.length - 1];
  return {
    inputs,
    logits: tf.fused.matMul({ a: inputs[layers.length - 1], b: kernel, bias }) as tf.Tensor2D,
  };
}

/**
 * The gradient of one batch's loss with respect to every kernel and bias, in packing order. The loss is
 * the mean softmax cross-entropy over the batch's `n` rows plus `l2 × Σ kernel²`: its gradient with respect
 * to the logits is (softmax − one-hot) / n, which flows back through each layer (a ReLU passes it where its
 * output was positive); the penalty adds 2 · l2 · kernel. With row weights `wAll` each row's cross-entropy
 * counts its weight times (its gradient too), still divided by n.
 */
export function gradients(
  layers: readonly LayerTensors[],
  xAll: tf.Tensor2D,
  yAll: tf.Tensor2D,
  batch: Int32Array,
  l2: number,
  wAll?: tf.Tensor2D,
): tf.Tensor[] {
  const indices = tf.tensor1d(batch, 'int32');
  const { inputs, logits } = forward(layers, tf.gather(xAll, indices) as tf.Tensor2D);
  let delta = tf.mul(tf.sub(tf.softmax(logits), tf.gather(yAll, indices)), 1 / batch.length) as tf.Tensor2D;
  if (wAll) delta = tf.mul(delta, tf.gather(wAll, indices)) as tf.Tensor2D;
  const grads: tf.Tensor[] = new Array(layers.length * 2);
  for (let l = layers.length - 1; l >= 0; l--) {
    const { kernel } = layers[l];
    const gKernel = tf.matMul(inputs[l], delta, true, false);
    grads[2 * l] = l2 > 0 ? tf.add(gKernel, tf.mul(kernel, 2 * l2)) : gKernel;
    grads[2 * l + 1] = tf.sum(delta, 0);
    if (l > 0) delta = tf.mul(tf.matMul(delta, kernel, false, true), tf.step(inputs[l])) as tf.Tensor2D;
  }
  return grads;
}

/** Mean cross-entropy and accuracy of the network `theta` on rows `x` with one-hot classes `y`. */
function measure(
  theta: tf.Tensor1D,
  shapes: Shapes,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
): { loss: number; accuracy: number } {
  const both = tf.tidy(() => {
    const { logits } = forward(unpack(theta, shapes), x);
    const loss = tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1)));
    const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32'));
    return tf.stack([loss, accuracy]);
  });
  const [loss, accuracy] = both.dataSync();
  both.dispose();
  return { loss, accuracy };
}

function toLayers(theta: Float32Array, shapes: Shapes): DenseLayer[] {
  let offset = 0;
  return shapes.map(([inputs, units], i) => {
    const kernel = theta.slice(offset, offset + inputs * units);
    offset += inputs * units;
    const bias = theta.slice(offset, offset + units);
    offset += units;
    return { inputs, units, kernel, bias, activation: i === shapes.length - 1 ? 'softmax' : 'relu' };
  });
}

/** One-hot classes of shape [rows, classes] as float32. */
function oneHot(y: Int32Array, classes: number): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(y, 'int32'), classes), 'float32') as tf.Tensor2D);
}

function divergence(loss: number, epoch: number, learningRate: number): TrainingError {
  return new TrainingError(
    `The training loss became ${loss} at epoch ${epoch}: the learning rate (${learningRate}) is probably too high. Try a smaller one.`,
  );
}

function checkRows(train: TrainingRows): void {
  if (!Number.isInteger(train.features) || train.features < 1)
    throw new RangeError(`The network needs at least one input feature (got ${train.features}).`);
  if (!Number.isInteger(train.classes) || train.classes < 2)
    throw new RangeError(`The network needs at least two classes (got ${train.classes}).`);
  if (train.y.length === 0) throw new RangeError('There are no training rows.');
  if (train.x.length !== train.y.length * train.features) {
    throw new RangeError(
      `Training data has ${train.x.length} values for ${train.y.length} rows of ${train.features} features.`,
    );
  }
}
