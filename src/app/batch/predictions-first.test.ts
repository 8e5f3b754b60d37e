import { describe, expect, it } from 'vitest';
import { previewTable } from '../../csv/preview-table';
import type { ScoreSummary } from '../../score/score-csv';
import { previewedColumns } from '../../worker/score-job';
import { predictionsFirst } from './predictions-first';

const CLASSES = ['setosa', 'versicolor', 'virginica'];
const added = (label = 'species', classes = CLASSES) => [
  `predicted_${label}`,
  ...classes.map((name) => `probability_${name}`),
  'outside_training_range',
  'error',
];
const summaryOf = (outputColumns: string[], classes = CLASSES) =>
  ({ outputColumns, classCounts: classes.map((label) => ({ label, count: 1 })) }) as Pick<
    ScoreSummary,
    'outputColumns' | 'classCounts'
  >;

describe('predictionsFirst', () => {
  it('shows the prediction and probabilities first, the file’s columns after, probabilities as percentages', () => {
    const columns = ['id', 'petal_length', ...added()];
    const preview = previewTable(columns, [
      ['1', '1.4', 'setosa', '0.973118', '0.0268817', '2.3e-7', 'false', ''],
      ['2', 'abc', '', '', '', '', '', 'column "petal_length": "abc" is not a number'],
    ]);
    expect(predictionsFirst(preview, summaryOf(columns))).toEqual({
      header: [...added(), 'id', 'petal_length'],
      rows: [
        ['setosa', '97.3%', '2.7%', '0.0%', 'false', '', '1', '1.4'],
        ['', '', '', '', '', 'column "petal_length": "abc" is not a number', '2', 'abc'],
      ],
    });
  });

  it('finds the added columns when an input column has the same name (the added one is renamed)', () => {
    const columns = ['predicted_species', 'x', 'predicted_species_2', ...added().slice(1)];
    const preview = previewTable(columns, [['setosa', '1', 'virginica', '0.1', '0.2', '0.7', 'true', '']]);
    const shown = predictionsFirst(preview, summaryOf(columns));
    expect(shown.header.slice(0, 2)).toEqual(['predicted_species_2', 'probability_setosa']);
    expect(shown.header.slice(-3)).toEqual(['error', 'predicted_species', 'x']);
    expect(shown.rows[0].slice(0, 4)).toEqual(['virginica', '10.0%', '20.0%', '70.0%']);
  });

  it('puts the prediction first in the preview of a wide file of many classes, as the worker cuts it', () => {
    const classes = Array.from({ length: 40 }, (_, i) => `c${i}`);
    const inputs = Array.from({ length: 5000 }, (_, i) => `feature_${i}`);
    const label = 'l'.repeat(100);
    const columns = [...inputs, ...added(label, classes)];
    const row = columns.map((name) => (name.startsWith('probability_') ? '0.025' : 'v'));
    const preview = previewTable(columns, [row], previewedColumns(inputs.length, classes.length));
    const shown = predictionsFirst(preview, summaryOf(columns, classes));
    expect(shown.header[0]).toMatch(/^predicted_l{70}… \(110 characters\)$/);
    // The worker keeps 13 of the 40 probabilities and the first 14 inputs: 30 columns in all.
    const probabilities = classes.slice(0, 13).map((name) => `probability_${name}`);
    expect(shown.header.slice(1)).toEqual([
      ...probabilities,
      'outside_training_range',
      'error',
      ...inputs.slice(0, 14),
    ]);
    expect(shown.rows[0].filter((cell) => cell === '2.5%')).toHaveLength(13);
  });

  it('leaves a preview it cannot place as it is', () => {
    const preview = previewTable(['a', 'b'], [['1', '2']]);
    expect(predictionsFirst(preview, summaryOf(['a', 'b'], []))).toBe(preview);
  });
});
