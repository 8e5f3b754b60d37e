import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { blobs } from '../test/blobs';
import { validateBundle } from './bundle/validate-bundle';
import { defaultSpec } from './classifiers/classifier-spec';
import type { FitProgress } from './classifiers/fit-options';
import { numberTable } from './pipeline/training-table';
import { trainClassifier } from './train-classifier';
import { EARLY_STOPPING } from './train-settings';

const CREATED = '2026-01-01T00:00:00.000Z';

describe('trainClassifier', () => {
  it('holds out a stratified test set and a validation share, and reports honest metrics', async () => {
    const dataset = blobs({ perClass: 30 });
    const progress: FitProgress[] = [];
    const before = tf.memory().numTensors;
    const trained = await trainClassifier({
      table: numberTable(dataset),
      spec: defaultSpec('dense-network', { epochs: 20 }),
      run: { validationFraction: 0.25, seed: 5 },
      createdAt: CREATED,
      onProgress: (value) => progress.push(value),
    });
    expect(tf.memory().numTensors).toBe(before);
    const { metadata } = trained;
    // 90 rows: 18 test (6 per class), then a quarter of the 72 left (18) for validation, 54 to fit.
    expect(metadata.rows).toEqual({ train: 54, validation: 18, test: 18 });
    expect(trained.testMetrics.rows).toBe(18);
    expect(trained.testMetrics.confusion.map((row) => row.reduce((a, b) => a + b))).toEqual([6, 6, 6]);
    expect(trained.testMetrics.accuracy).toBeGreaterThan(0.9);
    expect(trained.history).toHaveLength(20);
    expect(trained.history.every((epoch) => epoch.valLoss !== undefined)).toBe(true);
    expect(progress.map((p) => p.fraction)).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) / 20));
    expect(metadata.featureProfiles).toHaveLength(4);
    expect(metadata.dataFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(metadata.createdAt).toBe(CREATED);
    expect(metadata.kind === 'dense-network' && metadata.epochsRun).toBe(20);
    expect(metadata.settings).toMatchObject({
      epochs: 20,
      seed: 5,
      testFraction: 0.2,
      validationFraction: 0.25,
    });
    // The bundle it returns is one the app accepts, and says what the recipe says.
    expect(validateBundle(trained.bundle).metadata).toEqual(metadata);
  });

  it('fits the other kinds on every remaining row: no validation share, no epochs', async () => {
    const dataset = blobs({ perClass: 30 });
    const trained = await trainClassifier({
      table: numberTable(dataset),
      spec: defaultSpec('knn'),
      run: { validationFraction: 0.25 },
      createdAt: CREATED,
    });
    expect(trained.metadata.rows).toEqual({ train: 72, validation: 0, test: 18 });
    expect(trained.metadata.settings).toMatchObject({ k: 5, validationFraction: 0 });
    expect(trained.history).toEqual([]);
  });

  it('on `finish`, ends the network now and returns a valid bundle evaluated on the test rows', async () => {
    const table = numberTable(blobs({ perClass: 30 }));
    const finish = new AbortController();
    const trained = await trainClassifier({
      table,
      spec: defaultSpec('dense-network', { epochs: 5000, patience: 1000 }),
      run: { ...EARLY_STOPPING, seed: 3 },
      createdAt: CREATED,
      finish: finish.signal,
      onProgress: ({ epoch }) => {
        if (epoch?.epoch === 12) finish.abort();
      },
    });
    const { metadata } = trained;
    expect(trained.history).toHaveLength(12);
    expect(metadata.kind === 'dense-network' && metadata.epochsRun).toBe(12);
    const stopped = metadata.kind === 'dense-network' ? metadata.stopped : undefined;
    expect(stopped?.by).toBe('user');
    expect(stopped?.keptEpoch).toBeGreaterThanOrEqual(1);
    expect(stopped?.keptEpoch).toBeLessThanOrEqual(12);
    // Evaluated like any run: on the 18 untouched test rows, with the metrics in the bundle.
    expect(trained.testMetrics.rows).toBe(18);
    expect(metadata.metrics.test.accuracy).toBe(trained.testMetrics.accuracy);
    expect(validateBundle(trained.bundle).metadata).toEqual(metadata);
  });

  it('records an early stop in the bundle, and nothing when the run went through every epoch', async () => {
    const table = numberTable(blobs({ perClass: 30 }));
    const long = await trainClassifier({
      table,
      spec: defaultSpec('dense-network', { epochs: 3000, patience: 10 }),
      run: EARLY_STOPPING,
      createdAt: CREATED,
    });
    const metadata = validateBundle(long.bundle).metadata;
    if (metadata.kind !== 'dense-network') throw new Error('a network');
    expect(metadata.epochsRun).toBeLessThan(3000);
    expect(metadata.stopped).toEqual({ by: 'early-stopping', keptEpoch: metadata.epochsRun - 10 });
    expect(metadata.settings).toMatchObject({ patience: 10, validationFraction: 0.2 });

    const short = await trainClassifier({
      table,
      spec: defaultSpec('dense-network', { epochs: 5 }),
      createdAt: CREATED,
    });
    expect(short.metadata).not.toHaveProperty('stopped');
    expect(JSON.stringify(short.bundle.modelJson)).not.toContain('stopped');
  });

  it('stops when aborted, with the abort reason', async () => {
    const controller = new AbortController();
    const run = trainClassifier({
      table: numberTable(blobs({ perClass: 30 })),
      spec: defaultSpec('dense-network', { epochs: 500 }),
      createdAt: CREATED,
      signal: controller.signal,
      onProgress: ({ epoch }) => {
        if (epoch?.epoch === 2) controller.abort(new Error('stopped'));
      },
    });
    await expect(run).rejects.toThrow('stopped');
  });
});
