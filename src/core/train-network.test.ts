import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { blobs } from '../test/blobs';
import { buildNetwork } from './network';
import { fitStandardisation, standardise } from './standardise';
import { type EpochProgress, TrainingError, type TrainingRows, trainNetwork } from './train-network';

function rowsOf(dataset = blobs()): TrainingRows {
  const features = dataset.schema.features.length;
  return {
    x: standardise(dataset.x, fitStandardisation({ x: dataset.x, features })),
    y: dataset.y,
    features,
    classes: dataset.schema.classes.length,
  };
}

const settings = { hidden: [8], epochs: 15, batchSize: 16, learningRate: 0.05, seed: 3, patience: 0 };

async function weightsAfterTraining(seed: number): Promise<Float32Array[]> {
  const { model } = await trainNetwork({ ...settings, seed, train: rowsOf() });
  const values = model.getWeights().map((w) => w.dataSync() as Float32Array);
  model.dispose();
  return values;
}

describe('buildNetwork', () => {
  it('maps [rows, inputs] to [rows, classes] probabilities through the requested hidden layers', () => {
    const model = buildNetwork({ inputs: 5, classes: 4, hidden: [64, 32], seed: 1 });
    expect(model.layers.map((layer) => layer.outputShape)).toEqual([
      [null, 64],
      [null, 32],
      [null, 4],
    ]);
    const output = tf.tidy(() => model.predict(tf.ones([3, 5])) as tf.Tensor);
    expect(output.shape).toEqual([3, 4]);
    const sums = tf.tidy(() => tf.sum(output, 1).dataSync());
    for (const sum of sums) expect(sum).toBeCloseTo(1, 5);
    output.dispose();
    model.dispose();
  });

  it('gives the same initial weights for the same seed and different ones for another seed', () => {
    const weights = (seed: number) => {
      const model = buildNetwork({ inputs: 4, classes: 3, hidden: [16], seed });
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    expect(weights(7)).toEqual(weights(7));
    expect(weights(7)[0]).not.toEqual(weights(8)[0]);
  });

  it('refuses shapes that cannot make a classifier', () => {
    expect(() => buildNetwork({ inputs: 0, classes: 3, hidden: [], seed: 1 })).toThrow(/at least one input/);
    expect(() => buildNetwork({ inputs: 4, classes: 1, hidden: [], seed: 1 })).toThrow(
      /at least two classes/,
    );
    expect(() => buildNetwork({ inputs: 4, classes: 3, hidden: [0], seed: 1 })).toThrow(/between 1 and 1024/);
  });
});

describe('trainNetwork', () => {
  it('learns separable classes and reports every epoch', async () => {
    const epochs: EpochProgress[] = [];
    const dataset = blobs();
    const rows = rowsOf(dataset);
    const { model, history } = await trainNetwork({
      ...settings,
      train: rows,
      validation: rows,
      onEpoch: (progress) => epochs.push(progress),
    });
    expect(epochs.map((e) => e.epoch)).toEqual(Array.from({ length: settings.epochs }, (_, i) => i + 1));
    expect(history).toEqual(epochs);
    expect(history.at(-1)!.accuracy).toBe(1);
    expect(history.at(-1)!.valAccuracy).toBe(1);
    expect(history.at(-1)!.loss).toBeLessThan(history[0].loss);
    model.dispose();
  });

  it('is bit-for-bit deterministic for a seed, and the seed matters', async () => {
    const first = await weightsAfterTraining(11);
    const second = await weightsAfterTraining(11);
    expect(second).toEqual(first);
    const other = await weightsAfterTraining(12);
    expect(other[0]).not.toEqual(first[0]);
  });

  it('leaves no tensor behind once the model is disposed', async () => {
    const before = tf.memory().numTensors;
    const { model } = await trainNetwork({ ...settings, patience: 2, train: rowsOf(), validation: rowsOf() });
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops early and keeps the best epoch when the monitored loss stops improving', async () => {
    const rows = rowsOf();
    const result = await trainNetwork({
      ...settings,
      epochs: 400,
      learningRate: 0.1,
      patience: 3,
      train: rows,
      validation: rows,
    });
    expect(result.stoppedEarly).toBe(true);
    expect(result.history.length).toBeLessThan(400);
    expect(result.history.length - result.bestEpoch).toBe(3);
    result.model.dispose();
  });

  it('stops with a clear error when the loss is not finite', async () => {
    const before = tf.memory().numTensors;
    const rows = rowsOf();
    const broken = { ...rows, x: rows.x.map((v, i) => (i === 0 ? Number.NaN : v)) };
    await expect(trainNetwork({ ...settings, train: broken })).rejects.toThrow(TrainingError);
    await expect(trainNetwork({ ...settings, train: broken })).rejects.toThrow(
      /loss became NaN at epoch 1.*learning rate/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects with the abort reason and frees its tensors when cancelled', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = trainNetwork({
      ...settings,
      epochs: 1000,
      train: rowsOf(),
      signal: controller.signal,
      onEpoch: ({ epoch }) => {
        if (epoch === 3) controller.abort(new Error('stopped by the user'));
      },
    });
    await expect(run).rejects.toThrow('stopped by the user');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('validates its settings', async () => {
    await expect(trainNetwork({ ...settings, epochs: 0, train: rowsOf() })).rejects.toThrow(/Epochs/);
    await expect(trainNetwork({ ...settings, learningRate: -1, train: rowsOf() })).rejects.toThrow(
      /Learning rate/,
    );
  });
});
