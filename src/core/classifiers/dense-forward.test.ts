import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { irisDataset } from '../../test/iris';
import type { ModelBundle } from '../bundle/bundle-format';
import { validateBundle } from '../bundle/validate-bundle';
import { numberTable } from '../pipeline/training-table';
import { trainClassifier } from '../train-classifier';
import { classifierFromBundle } from './classifier-from-bundle';
import { defaultSpec } from './classifier-spec';

/**
 * What stock TF.js computes for rows of inputs: the bundle's layers model, on the rows as they are when its
 * scaling is folded into the first layer (every new bundle), else scaled the bundle's way.
 */
async function tfjsProbabilities(bundle: ModelBundle, x: Float32Array): Promise<Float32Array> {
  const { modelJson, weights } = bundle;
  const model = await tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology as tf.io.ModelJSON['modelTopology'],
      weightSpecs: [...modelJson.weightsManifest[0].weights] as tf.io.WeightsManifestEntry[],
      weightData: weights,
    }),
  );
  const { scaling, scaledIn } = modelJson.userDefinedMetadata.petal.pipeline;
  const { mean, sd } = scaling;
  const features = mean.length;
  const standardised =
    scaledIn === 'model' ? x : x.map((value, i) => (value - mean[i % features]) / sd[i % features]);
  const output = tf.tidy(
    () => model.predict(tf.tensor2d(standardised, [x.length / features, features])) as tf.Tensor,
  );
  const values = output.dataSync() as Float32Array;
  output.dispose();
  model.dispose();
  return values;
}

describe('denseForward', () => {
  it('gives the probabilities TF.js gives for the same bundle, to float32 rounding', async () => {
    const dataset = irisDataset();
    for (const kind of ['dense-network', 'logistic-regression'] as const) {
      for (const hidden of kind === 'dense-network' ? [[8], [6, 5], []] : [[]]) {
        const spec = kind === 'dense-network' ? defaultSpec(kind, { epochs: 5, hidden }) : defaultSpec(kind);
        const { bundle } = await trainClassifier({
          table: numberTable(dataset),
          spec,
          createdAt: '2026-01-01T00:00:00.000Z',
        });
        expect(bundle.modelJson.userDefinedMetadata.petal.pipeline.scaledIn).toBe('model');
        // Rows beyond the training range too, where ReLUs saturate differently.
        const x = Float32Array.from([...dataset.x, 100, -5, 0, 30, 0, 0, 0, 0]);
        const expected = await tfjsProbabilities(bundle, x);
        const predict = classifierFromBundle(validateBundle(bundle)).predictProbabilities;
        const actual = predict(x);
        expect(actual).toHaveLength(expected.length);
        let worst = 0;
        for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        expect(worst).toBeLessThan(1e-5);
        // Batches of different sizes give the same values as one big batch.
        expect(predict(x.subarray(0, 12))).toEqual(actual.subarray(0, 9));
      }
    }
  });
});
