import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifierFromBundle } from '../core/classifiers/classifier-from-bundle';
import { defaultSpec } from '../core/classifiers/classifier-spec';
import { evaluate } from '../core/evaluate';
import { parseCsvText } from '../csv/parse-csv';
import { irisDataset } from '../test/iris';
import { trainedBundle } from '../test/trained-bundle';
import { type Predictor, scoreCsv } from './score-csv';

const decoder = new TextDecoder();

describe('scoreCsv on iris with a real model', () => {
  it('writes the model’s own probabilities for the same rows, whatever the column order', async () => {
    const text = readFileSync('public/data/iris.csv', 'utf8');
    const dataset = irisDataset();
    const bundle = await trainedBundle({
      dataset,
      spec: defaultSpec('dense-network', { epochs: 5, hidden: [4] }),
    });
    const irisMetadata = bundle.metadata;
    const predict: Predictor = classifierFromBundle(bundle).predictProbabilities;

    // Columns reordered and an extra one added: the mapping must put them back in model order.
    const table = parseCsvText(text);
    const order = [4, 3, 0, 2, 1];
    const shuffled = `${['row_id', ...order.map((c) => table.header[c])].join(',')}\n${table.rows
      .map((row, i) => [String(i), ...order.map((c) => row[c])].join(','))
      .join('\n')}\n`;
    const chunks: string[] = [];
    const summary = await scoreCsv({
      source: new Blob([shuffled]),
      metadata: irisMetadata,
      predict,
      batchRows: 64,
      onOutput: (chunk) => {
        chunks.push(decoder.decode(chunk));
      },
    });
    const reference = predict(dataset.x);

    const output = parseCsvText(chunks.join(''));
    const classes = irisMetadata.schema.classes;
    expect(output.header).toEqual([
      'row_id',
      'species',
      'petal_width',
      'sepal_length',
      'petal_length',
      'sepal_width',
      'predicted_species',
      ...classes.map((label) => `probability_${label}`),
      'outside_training_range',
      'error',
    ]);
    expect(output.rows).toHaveLength(150);
    expect(summary).toMatchObject({ rows: 150, scoredRows: 150, badRows: 0 });
    output.rows.forEach((row, i) => {
      const expected = reference.subarray(i * classes.length, (i + 1) * classes.length);
      const written = row.slice(7, 7 + classes.length).map(Number);
      written.forEach((p, k) => {
        expect(Math.abs(p - expected[k])).toBeLessThanOrEqual(Math.max(5e-6 * expected[k], 1e-12));
      });
      let best = 0;
      for (let k = 1; k < classes.length; k++) if (expected[k] > expected[best]) best = k;
      expect(row[6]).toBe(classes[best]);
    });
    // The file's labels give the same metrics as core's evaluate on the same probabilities.
    const metrics = evaluate({ labels: dataset.y, probabilities: reference, classes });
    expect(summary.evaluation?.metrics).toEqual({ ...metrics, logLoss: expect.closeTo(metrics.logLoss, 10) });
    expect(summary.evaluation?.unknownLabelRows).toBe(0);
    // Iris is the training data's source: no feature drifts (the fitting rows are 80% of it).
    expect(summary.drift.map((feature) => feature.status)).not.toContain('drift');
  });

  it('scores a semicolon, decimal-comma iris with loosely named columns as it scores the comma file', async () => {
    const text = readFileSync('public/data/iris.csv', 'utf8');
    const bundle = await trainedBundle({
      dataset: irisDataset(),
      spec: defaultSpec('dense-network', { epochs: 5, hidden: [4] }),
    });
    const predict: Predictor = classifierFromBundle(bundle).predictProbabilities;
    const [header, ...lines] = text.split('\n');
    const european = [
      'Sepal Length;Sepal-Width;PETAL_LENGTH; petal width ;Species',
      ...lines.map((line) => line.replaceAll(',', ';').replaceAll('.', ',')),
    ].join('\n');
    expect(european).toContain('\n5,1;3,5;1,4;0,2;setosa\n');
    const score = async (source: string) => {
      const chunks: string[] = [];
      const summary = await scoreCsv({
        source: new Blob([source]),
        metadata: bundle.metadata,
        predict,
        onOutput: (chunk) => {
          chunks.push(decoder.decode(chunk));
        },
      });
      return { summary, table: parseCsvText(chunks.join('')) };
    };
    const comma = await score(text);
    const semicolon = await score(european);
    expect(header).toBe('sepal_length,sepal_width,petal_length,petal_width,species');
    expect(semicolon.summary).toMatchObject({ delimiter: ';', decimal: ',', scoredRows: 150, badRows: 0 });
    expect(semicolon.summary.mapping.loose.map((column) => column.header)).toEqual([
      'Sepal Length',
      'Sepal-Width',
      'PETAL_LENGTH',
      'petal width',
    ]);
    expect(semicolon.summary.mapping.label).toMatchObject({ header: 'Species', match: 'loose' });
    // The same predictions and probabilities (written with '.'), the same evaluation and drift.
    expect(semicolon.table.rows.map((row) => row.slice(5))).toEqual(
      comma.table.rows.map((row) => row.slice(5)),
    );
    expect(semicolon.summary.evaluation).toEqual(comma.summary.evaluation);
    expect(semicolon.summary.drift).toEqual(comma.summary.drift);
    // The input's cells are written as they were.
    expect(semicolon.table.rows[0].slice(0, 5)).toEqual(['5,1', '3,5', '1,4', '0,2', 'setosa']);
  });

  it('finds no drift in the shipped model’s own training file: one-decimal values, tied deciles, float32', async () => {
    const { defaultModel } = await import('../test/default-model');
    const csv = readFileSync(new URL('../../public/data/iris.csv', import.meta.url), 'utf8');
    const summary = await scoreCsv({
      source: new Blob([csv]),
      metadata: defaultModel.metadata,
      predict: classifierFromBundle(defaultModel).predictProbabilities,
      onOutput: () => {},
    });
    const numeric = summary.drift.filter((feature) => feature.kind === 'numeric');
    expect(numeric).toHaveLength(4);
    for (const feature of numeric) {
      // Before the bins' training shares were kept (and the edges compared in float32), sepal_width read
      // PSI 1.64: "Drift" on the data the model was trained on.
      expect(feature.psi, feature.feature).toBeLessThan(0.05);
      expect(feature.status, feature.feature).toBe('stable');
    }
  });
});
