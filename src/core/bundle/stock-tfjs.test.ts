// An exported model in stock TensorFlow.js — the full `@tensorflow/tfjs` package a person installs, not the
// parts Petal uses: `tf.loadLayersModel` and `predict`, with each row turned into inputs by the recipe
// README.md gives ("Using an exported model without Petal"), written here from that text alone, gives
// Petal's own probabilities.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { trainingTableFromCsv } from '../../csv/csv-training-table';
import { parseCsvText } from '../../csv/parse-csv';
import { Cell, RowEncoder } from '../../csv/row-encoder';
import { classifierFromBundle } from '../classifiers/classifier-from-bundle';
import { defaultSpec } from '../classifiers/classifier-spec';
import type { InputStep } from '../pipeline/input-steps';
import { trainClassifier } from '../train-classifier';
import type { ModelBundle } from './bundle-format';
import { validateBundle } from './validate-bundle';

/** README's recipe: one row of text cells (in `schema.features` order) → the model's inputs. */
function readmeInputs(steps: readonly InputStep[], cells: readonly string[]): number[] {
  const inputs: number[] = [];
  steps.forEach((step, f) => {
    const cell = cells[f].trim();
    if (step.kind === 'number') {
      inputs.push(cell === '' ? (step.median ?? 0) : Number(cell));
      if (step.missing) inputs.push(cell === '' ? 1 : 0);
    } else if (step.kind === 'category') {
      for (const value of step.values) inputs.push(cell === value ? 1 : 0);
      if (step.other) inputs.push(step.values.includes(cell) ? 0 : 1);
    } else {
      const date = new Date(`${cell}Z`);
      const year = date.getUTCFullYear();
      const parts: Record<string, number> = {
        year,
        month: date.getUTCMonth() + 1,
        dayOfYear: Math.floor((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000) + 1,
        dayOfWeek: (date.getUTCDay() + 6) % 7,
        timeOfDay: date.getUTCHours() + date.getUTCMinutes() / 60,
      };
      step.parts.forEach((part, p) => {
        inputs.push(cell === '' ? step.medians[p] : parts[part]);
      });
      if (step.missing) inputs.push(cell === '' ? 1 : 0);
    }
  });
  return inputs;
}

async function stockPredict(bundle: ModelBundle, rows: number[][]): Promise<Float32Array> {
  // What a person does with the two exported files (tf.loadLayersModel(url) reads the same fields from
  // model.json and fetches weights.bin): model.json parsed, weights.bin as bytes.
  const modelJson = JSON.parse(JSON.stringify(bundle.modelJson));
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: bundle.weights.slice(0),
      userDefinedMetadata: modelJson.userDefinedMetadata,
    }),
  );
  // The metadata a person reads the recipe's steps from travels with the model.
  expect(model.getUserDefinedMetadata()).toEqual(modelJson.userDefinedMetadata);
  const output = model.predict(tf.tensor2d(rows)) as tf.Tensor;
  const values = output.dataSync() as Float32Array;
  tf.dispose([output]);
  model.dispose();
  return values;
}

/** A penguin-like file: a date, a category, a number with blanks, an ID; the species to predict. */
function penguins(): string {
  const lines = ['id,seen,island,mass,species'];
  for (let i = 0; i < 120; i++) {
    const kind = i % 3;
    const mass = i % 9 === 4 ? '' : String([3700, 5000, 3750][kind] + ((i * 37) % 300) - 150);
    const island = ['Torgersen', 'Biscoe', 'Dream'][(kind + (i % 4 === 0 ? 1 : 0)) % 3];
    const day = String(1 + (i % 27)).padStart(2, '0');
    lines.push(
      `p${i},2008-0${1 + (i % 9)}-${day},${island},${mass},${['Adelie', 'Gentoo', 'Chinstrap'][kind]}`,
    );
  }
  return lines.join('\n');
}

describe('an exported model in stock TensorFlow.js', () => {
  it.each(['dense-network', 'logistic-regression'] as const)(
    'gives Petal’s probabilities for a %s on rows with categories, blanks and dates',
    async (kind) => {
      const { table } = trainingTableFromCsv(parseCsvText(penguins()));
      const spec = kind === 'dense-network' ? defaultSpec(kind, { epochs: 10 }) : defaultSpec(kind);
      const { bundle, metadata } = await trainClassifier({
        table,
        spec,
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      expect(metadata.pipeline.scaledIn).toBe('model');
      const rows = [
        ['2008-03-14', 'Biscoe', '5012'],
        ['2008-07-02', 'Dream', ''],
        ['2008-01-27', 'Torgersen', '3600'],
        // An island never seen in training: all its inputs 0.
        ['2008-05-05', 'Atlantis', '4100'],
      ];
      const encoder = new RowEncoder(metadata);
      const x = new Float32Array(rows.length * encoder.width);
      rows.forEach((cells, r) => {
        cells.forEach((cell, f) => {
          expect(encoder.encode(f, cell, x, r)).not.toBe(Cell.Bad);
        });
      });
      const petal = classifierFromBundle(validateBundle(bundle)).predictProbabilities(x);
      const stock = await stockPredict(
        bundle,
        rows.map((cells) => readmeInputs(metadata.pipeline.steps, cells)),
      );
      expect(stock).toHaveLength(petal.length);
      stock.forEach((p, i) => {
        expect(Math.abs(p - petal[i])).toBeLessThan(1e-5);
      });
    },
  );
});
