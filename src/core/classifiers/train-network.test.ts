import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { blobs } from '../../test/blobs';
import { fitStandardisation, standardise } from '../standardise';
import { TrainingError } from '../training-error';
import type { DenseNetworkSettings } from './classifier-spec';
import { denseForward } from './dense-forward';
import { kernelSeed } from './dense-network';
import type { EpochProgress } from './fit-options';
import { gradients, type TrainingRows, trainNetwork } from './train-network';

function rowsOf(dataset = blobs()): TrainingRows {
  const features = dataset.schema.features.length;
  return {
    x: standardise(dataset.x, fitStandardisation({ x: dataset.x, features })),
    y: dataset.y,
    features,
    classes: dataset.schema.classes.length,
  };
}

const settings: DenseNetworkSettings = {
  hidden: [8],
  epochs: 15,
  batchSize: 16,
  learningRate: 0.05,
  patience: 0,
  l2: 0,
};

async function weightsAfterTraining(seed: number, overrides: Partial<DenseNetworkSettings> = {}) {
  const { layers } = await trainNetwork({ settings: { ...settings, ...overrides }, seed, train: rowsOf() });
  return layers.flatMap((layer) => [Array.from(layer.kernel), Array.from(layer.bias)]);
}

describe('trainNetwork', () => {
  it('starts from the weights tfjs-layers’ seeded Glorot initialiser gives', async () => {
    // One epoch at a learning rate too small to move a float32 weight leaves the initial weights.
    const { layers } = await trainNetwork({
      settings: { ...settings, hidden: [6, 5], epochs: 1, learningRate: 1e-30 },
      seed: 9,
      train: rowsOf(),
    });
    const widths = [4, 6, 5, 3];
    layers.forEach((layer, i) => {
      const initializer = tfl.initializers.glorotUniform({ seed: kernelSeed(9, i) });
      const expected = initializer.apply([widths[i], widths[i + 1]], 'float32');
      expect(Array.from(layer.kernel)).toEqual(Array.from(expected.dataSync()));
      expected.dispose();
      // Biases start at zero; Adam's first step moves them by about the learning rate.
      for (const bias of layer.bias) expect(Math.abs(bias)).toBeLessThan(1e-29);
    });
  });

  it('back-propagates the gradient TF.js derives for the same loss (cross-entropy + L2)', () => {
    const rows = rowsOf();
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.tensor2d(rows.x, [rows.y.length, rows.features]);
      const y = tf.cast(tf.oneHot(tf.tensor1d(rows.y, 'int32'), rows.classes), 'float32') as tf.Tensor2D;
      const shapes: [number, number][] = [
        [4, 6],
        [6, 5],
        [5, 3],
      ];
      const weights = shapes.flatMap(([inputs, units], i) => [
        tf.randomUniform([inputs, units], -0.8, 0.8, 'float32', 100 + i) as tf.Tensor2D,
        tf.randomUniform([units], -0.2, 0.2, 'float32', 200 + i) as tf.Tensor1D,
      ]);
      const layers = shapes.map((_, i) => ({
        kernel: weights[2 * i] as tf.Tensor2D,
        bias: weights[2 * i + 1] as tf.Tensor1D,
      }));
      const batch = Int32Array.of(0, 5, 7, 11, 19, 23, 31, 42);
      const l2 = 0.01;
      const manual = gradients(layers, x, y, batch, l2);
      // The loss written plainly, differentiated by TF.js's tape.
      const loss = (...w: tf.Tensor[]) => {
        const indices = tf.tensor1d(batch, 'int32');
        let h: tf.Tensor = tf.gather(x, indices);
        for (let l = 0; l < shapes.length; l++) {
          h = tf.add(tf.matMul(h as tf.Tensor2D, w[2 * l] as tf.Tensor2D), w[2 * l + 1]);
          if (l < shapes.length - 1) h = tf.relu(h);
        }
        const crossEntropy = tf.neg(tf.mean(tf.sum(tf.mul(tf.gather(y, indices), tf.logSoftmax(h)), 1)));
        const penalty = tf.addN(shapes.map((_, l) => tf.sum(tf.square(w[2 * l]))));
        return tf.add(crossEntropy, tf.mul(l2, penalty)) as tf.Scalar;
      };
      const derived = tf.grads(loss)(weights);
      derived.forEach((expected, i) => {
        const a = manual[i].dataSync();
        const b = expected.dataSync();
        expect(a).toHaveLength(b.length);
        for (let k = 0; k < a.length; k++) expect(a[k]).toBeCloseTo(b[k], 6);
      });
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('learns separable classes and reports every epoch', async () => {
    const epochs: EpochProgress[] = [];
    const rows = rowsOf();
    const { layers, history, epochsRun } = await trainNetwork({
      settings,
      seed: 3,
      train: rows,
      validation: rows,
      onEpoch: (progress) => epochs.push(progress),
    });
    expect(epochs.map((e) => e.epoch)).toEqual(Array.from({ length: settings.epochs }, (_, i) => i + 1));
    expect(history).toEqual(epochs);
    expect(epochsRun).toBe(settings.epochs);
    expect(history.at(-1)!.accuracy).toBe(1);
    expect(history.at(-1)!.valAccuracy).toBe(1);
    expect(history.at(-1)!.loss).toBeLessThan(history[0].loss);
    // The reported accuracy is the forward pass's.
    const probabilities = denseForward({ layers, standardisation: { mean: [0, 0, 0, 0], sd: [1, 1, 1, 1] } })(
      rows.x,
    );
    let correct = 0;
    for (let row = 0; row < rows.y.length; row++) {
      const p = Array.from(probabilities.subarray(row * 3, row * 3 + 3));
      if (p.indexOf(Math.max(...p)) === rows.y[row]) correct++;
    }
    expect(correct / rows.y.length).toBe(history.at(-1)!.accuracy);
  });

  it('trains the same weights whether or not anyone watches the epochs', async () => {
    const quiet = await trainNetwork({ settings, seed: 5, train: rowsOf() });
    const watched = await trainNetwork({ settings, seed: 5, train: rowsOf(), onEpoch: () => {} });
    expect(watched.layers).toEqual(quiet.layers);
    expect(quiet.history).toEqual([]);
    expect(quiet.epochsRun).toBe(settings.epochs);
  });

  it('is bit-for-bit deterministic for a seed, and the seed matters', async () => {
    const first = await weightsAfterTraining(11, { l2: 0.003 });
    expect(await weightsAfterTraining(11, { l2: 0.003 })).toEqual(first);
    expect((await weightsAfterTraining(12, { l2: 0.003 }))[0]).not.toEqual(first[0]);
    // The penalty shrinks the weights.
    const unpenalised = await weightsAfterTraining(11);
    const size = (weights: number[][]) => weights[0].reduce((sum, w) => sum + w * w, 0);
    expect(size(first)).toBeLessThan(size(unpenalised));
  });

  it('leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    await trainNetwork({
      settings: { ...settings, patience: 2 },
      seed: 1,
      train: rowsOf(),
      validation: rowsOf(),
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops early and keeps the best epoch when the monitored loss stops improving', async () => {
    const rows = rowsOf();
    const result = await trainNetwork({
      settings: { ...settings, epochs: 400, learningRate: 0.1, patience: 3 },
      seed: 1,
      train: rows,
      validation: rows,
    });
    expect(result.stoppedBy).toBe('early-stopping');
    expect(result.epochsRun).toBeLessThan(400);
    expect(result.epochsRun - result.bestEpoch).toBe(3);
    // The weights kept are the best epoch's: their validation loss is that epoch's.
    const best = result.history[result.bestEpoch - 1];
    const probabilities = denseForward({
      layers: result.layers,
      standardisation: { mean: [0, 0, 0, 0], sd: [1, 1, 1, 1] },
    })(rows.x);
    let loss = 0;
    for (let row = 0; row < rows.y.length; row++) loss -= Math.log(probabilities[row * 3 + rows.y[row]]);
    expect(loss / rows.y.length).toBeCloseTo(best.valLoss!, 4);
  });

  it('stops when the validation loss rises for `patience` epochs and takes back the best weights', async () => {
    // Validation rows whose labels are rotated: learning the training rows makes their loss rise.
    const rows = rowsOf();
    const misleading = { ...rows, y: rows.y.map((y) => (y + 1) % rows.classes) };
    const result = await trainNetwork({
      settings: { ...settings, epochs: 200, patience: 5 },
      seed: 2,
      train: rows,
      validation: misleading,
    });
    expect(result.stoppedBy).toBe('early-stopping');
    expect(result.epochsRun).toBe(result.bestEpoch + 5);
    expect(result.history).toHaveLength(result.epochsRun);
    const best = Math.min(...result.history.map((e) => e.valLoss!));
    expect(result.history[result.bestEpoch - 1].valLoss).toBe(best);
    expect(validationLoss(result.layers, misleading)).toBeCloseTo(best, 4);
  });

  it('needs validation rows for early stopping', async () => {
    await expect(
      trainNetwork({ settings: { ...settings, patience: 3 }, seed: 1, train: rowsOf() }),
    ).rejects.toThrow(/Early stopping watches the loss on validation rows/);
  });

  it('ends at once on `finish` with the weights learnt so far, as a shorter run would have them', async () => {
    const before = tf.memory().numTensors;
    const finish = new AbortController();
    const stopped = await trainNetwork({
      settings: { ...settings, epochs: 1000 },
      seed: 4,
      train: rowsOf(),
      finish: finish.signal,
      onEpoch: ({ epoch }) => {
        if (epoch === 4) finish.abort();
      },
    });
    expect(stopped.stoppedBy).toBe('user');
    expect(stopped.epochsRun).toBe(4);
    expect(stopped.bestEpoch).toBe(4);
    expect(stopped.history).toHaveLength(4);
    const short = await trainNetwork({ settings: { ...settings, epochs: 4 }, seed: 4, train: rowsOf() });
    expect(short.stoppedBy).toBeNull();
    expect(stopped.layers).toEqual(short.layers);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('on `finish` mid-epoch, counts that epoch in part and measures it', async () => {
    // 60 rows in batches of 16: 4 batches an epoch. The signal reads as aborted from its 8th look on,
    // that is before the 4th batch of epoch 2.
    let looks = 0;
    const finish = {
      get aborted() {
        looks++;
        return looks >= 8;
      },
    } as AbortSignal;
    const result = await trainNetwork({ settings, seed: 4, train: rowsOf(), finish, onEpoch: () => {} });
    expect(result.stoppedBy).toBe('user');
    expect(result.epochsRun).toBe(2);
    expect(result.history.map((e) => e.epoch)).toEqual([1, 2]);
    const twoEpochs = await trainNetwork({ settings: { ...settings, epochs: 2 }, seed: 4, train: rowsOf() });
    expect(result.layers).not.toEqual(twoEpochs.layers);
  });

  it('on `finish` with early stopping on, keeps the best epoch so far', async () => {
    const rows = rowsOf();
    const misleading = { ...rows, y: rows.y.map((y) => (y + 1) % rows.classes) };
    const finish = new AbortController();
    const result = await trainNetwork({
      settings: { ...settings, epochs: 1000, patience: 500 },
      seed: 2,
      train: rows,
      validation: misleading,
      finish: finish.signal,
      onEpoch: ({ epoch }) => {
        if (epoch === 30) finish.abort();
      },
    });
    expect(result.stoppedBy).toBe('user');
    expect(result.epochsRun).toBe(30);
    expect(result.bestEpoch).toBeLessThan(30);
    const best = Math.min(...result.history.map((e) => e.valLoss!));
    expect(result.history[result.bestEpoch - 1].valLoss).toBe(best);
    expect(validationLoss(result.layers, misleading)).toBeCloseTo(best, 4);
  });

  it('stops with a clear error when the loss is not finite, freeing its tensors', async () => {
    const before = tf.memory().numTensors;
    const rows = rowsOf();
    const broken = { ...rows, x: rows.x.map((v, i) => (i === 0 ? Number.NaN : v)) };
    for (const onEpoch of [undefined, () => {}]) {
      const run = trainNetwork({ settings, seed: 1, train: broken, onEpoch });
      await expect(run).rejects.toThrow(TrainingError);
      await expect(trainNetwork({ settings, seed: 1, train: broken, onEpoch })).rejects.toThrow(
        /loss became NaN at epoch 1.*learning rate/,
      );
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects with the abort reason and frees its tensors when cancelled', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = trainNetwork({
      settings: { ...settings, epochs: 1000 },
      seed: 1,
      train: rowsOf(),
      signal: controller.signal,
      onEpoch: ({ epoch }) => {
        if (epoch === 3) controller.abort(new Error('stopped by the user'));
      },
    });
    await expect(run).rejects.toThrow('stopped by the user');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses rows that do not fit the shape it is given', async () => {
    const rows = rowsOf();
    await expect(trainNetwork({ settings, seed: 1, train: { ...rows, classes: 1 } })).rejects.toThrow(
      /at least two classes/,
    );
    await expect(
      trainNetwork({ settings, seed: 1, train: { ...rows, x: rows.x.subarray(1) } }),
    ).rejects.toThrow(/values for 60 rows/);
  });
});

/** Mean cross-entropy of a network (its inputs already scaled) on `rows`. */
function validationLoss(layers: Parameters<typeof denseForward>[0]['layers'], rows: TrainingRows): number {
  const probabilities = denseForward({
    layers,
    standardisation: { mean: new Array(rows.features).fill(0), sd: new Array(rows.features).fill(1) },
  })(rows.x);
  let loss = 0;
  for (let row = 0; row < rows.y.length; row++) {
    loss -= Math.log(probabilities[row * rows.classes + rows.y[row]]);
  }
  return loss / rows.y.length;
}
