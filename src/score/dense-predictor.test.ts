import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleFromModel, metadataFor, modelFromBundle } from '../core/bundle';
import { predictProbabilities } from '../core/predict';
import { trainModel } from '../core/train-model';
import { validateBundle } from '../core/validate-bundle';
import { parseCsvText } from '../csv/parse-csv';
import { tableToDataset } from '../csv/table-to-dataset';
import { densePredictor } from './dense-predictor';

describe('densePredictor', () => {
  it('gives the probabilities of TF.js predictProbabilities to float32 rounding', async () => {
    const dataset = tableToDataset(parseCsvText(readFileSync('public/data/iris.csv', 'utf8')));
    for (const hidden of [[8], [6, 5], []]) {
      const trained = await trainModel({ dataset, settings: { epochs: 5, hidden } });
      const bundle = await bundleFromModel(
        trained.model,
        metadataFor(trained, { createdAt: '2026-01-01T00:00:00.000Z' }),
      );
      trained.model.dispose();
      const { model, metadata } = await modelFromBundle(bundle);
      // Rows beyond the training range too, where ReLUs saturate differently.
      const x = Float32Array.from([...dataset.x, 100, -5, 0, 30, 0, 0, 0, 0]);
      const expected = predictProbabilities({ model, standardisation: metadata.standardisation, x });
      model.dispose();
      const predict = densePredictor(validateBundle(bundle));
      const actual = predict(x) as Float32Array;
      expect(actual).toHaveLength(expected.length);
      let worst = 0;
      for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
      expect(worst).toBeLessThan(1e-5);
      // Batches of different sizes give the same values as one big batch.
      expect(predict(x.subarray(0, 12))).toEqual(actual.subarray(0, 9));
    }
  });
});
