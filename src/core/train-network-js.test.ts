import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultSpec, fitClassifier } from './classifiers/classifier';
import { fitDenseNetworkJs } from './classifiers/dense-network';
import { threeClusters } from './classifiers/test-data';

describe('fitDenseNetworkJs', () => {
  it('gives the probabilities of the TF.js training loop to float32 rounding drift', async () => {
    const train = threeClusters();
    const spec = defaultSpec('dense-network', { epochs: 30, batchSize: 16 });
    const viaTf = await fitClassifier({ spec, train, seed: 5 });
    const viaJs = await fitDenseNetworkJs({ spec, train, seed: 5 });
    const tensorsBefore = tf.memory().numTensors;
    const a = viaTf.predictProbabilities(train.x);
    const b = viaJs.predictProbabilities(train.x);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst).toBeLessThan(1e-3);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    // The JS-trained model bundles like any dense network.
    const bundle = await viaJs.toBundle({
      formatVersion: 1,
      featureProfiles: [],
      classMeans: [],
      metrics: { test: { rows: 0, accuracy: 0, macroF1: 0, logLoss: 0, confusion: [], perClass: [] } },
      rows: { train: 60, validation: 0, test: 0 },
      dataFingerprint: '',
      createdAt: '2026-01-01T00:00:00.000Z',
      backend: 'cpu',
      tfjsVersion: '',
    });
    expect(bundle.weights.byteLength).toBe((2 * 8 + 8 + 8 * 3 + 3) * 4);
    viaTf.dispose();
    viaJs.dispose();
  });

  it('stops when aborted', async () => {
    const abort = new AbortController();
    abort.abort(new DOMException('Cancelled', 'AbortError'));
    await expect(
      fitDenseNetworkJs({
        spec: defaultSpec('dense-network'),
        train: threeClusters(),
        seed: 1,
        signal: abort.signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
