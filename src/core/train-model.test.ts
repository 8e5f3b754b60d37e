import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { blobs } from '../test/blobs';
import { crossValidateNetwork } from './cross-validate-network';
import { predictProbabilities } from './predict';
import { trainModel } from './train-model';

describe('trainModel', () => {
  it('holds out a stratified test set, fits standardisation on training rows only and reports honest metrics', async () => {
    const dataset = blobs({ perClass: 30 });
    const trained = await trainModel({
      dataset,
      settings: { epochs: 20, validationFraction: 0.25, seed: 5 },
    });
    // 90 rows: 18 test (6 per class), then a quarter of the 72 left (18) for validation, 54 to fit.
    expect(trained.rows).toEqual({ train: 54, validation: 18, test: 18 });
    expect(trained.testMetrics.rows).toBe(18);
    expect(trained.testMetrics.confusion.map((row) => row.reduce((a, b) => a + b))).toEqual([6, 6, 6]);
    expect(trained.testMetrics.accuracy).toBeGreaterThan(0.9);
    expect(trained.history.every((epoch) => epoch.valLoss !== undefined)).toBe(true);
    expect(trained.featureProfiles).toHaveLength(4);
    expect(trained.dataFingerprint).toMatch(/^[0-9a-f]{16}$/);
    trained.model.dispose();
  });

  it('predicts many rows in batches with the same result as one batch, and leaks no tensor', async () => {
    const dataset = blobs({ perClass: 40 });
    const trained = await trainModel({ dataset, settings: { epochs: 5 } });
    const before = tf.memory().numTensors;
    const whole = predictProbabilities({
      model: trained.model,
      standardisation: trained.standardisation,
      x: dataset.x,
      batchSize: 1000,
    });
    const batched = predictProbabilities({
      model: trained.model,
      standardisation: trained.standardisation,
      x: dataset.x,
      batchSize: 7,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(whole).toHaveLength(dataset.rows * 3);
    for (let i = 0; i < whole.length; i++) expect(batched[i]).toBeCloseTo(whole[i], 6);
    trained.model.dispose();
  });
});

describe('crossValidateNetwork', () => {
  it('scores every fold of every repeat and disposes every fold model', async () => {
    const before = tf.memory().numTensors;
    const folds: number[] = [];
    const result = await crossValidateNetwork({
      dataset: blobs({ perClass: 10 }),
      settings: { epochs: 30 },
      folds: 3,
      repeats: 2,
      onFold: ({ fold }) => folds.push(fold),
    });
    expect(folds).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.folds).toHaveLength(6);
    expect(result.accuracy.mean).toBeGreaterThan(0.9);
    expect(tf.memory().numTensors).toBe(before);
  });
});
