import { describe, expect, it } from 'vitest';
import { fitPipeline } from './fit-pipeline';
import { classExamples, profileInputs } from './input-profiles';
import type { TrainingTable } from './training-table';

function table(): TrainingTable {
  return {
    schema: { features: ['size', 'colour', 'seen'], label: 'kind', classes: ['a', 'b'] },
    rows: 6,
    columns: [
      { kind: 'number', values: Float64Array.from([1, 2, 3, 10, Number.NaN, 30]) },
      { kind: 'category', values: ['red', 'blue'], codes: Int32Array.from([0, 0, 1, 1, 1, 0]) },
      {
        kind: 'date',
        order: 'ymd',
        hasTime: false,
        times: Float64Array.from([1, 2, 3, 4, 5, 6].map((d) => Date.UTC(2020, 0, d))),
      },
    ],
    y: Int32Array.from([0, 0, 0, 1, 1, 1]),
  };
}

describe('profileInputs', () => {
  it('describes numbers and dates by their non-blank values, categories by their shares', () => {
    const rows = [0, 1, 2, 3, 4, 5];
    const { steps } = fitPipeline(table(), rows);
    const [size, colour, seen] = profileInputs(table(), steps, rows);
    expect(size).toMatchObject({ kind: 'numeric', min: 1, max: 30, mean: 46 / 5, missing: 1 / 6 });
    if (size.kind !== 'numeric') throw new Error('numeric expected');
    expect(size.deciles).toHaveLength(9);
    expect(size.sd).toBeCloseTo(Math.sqrt([1, 2, 3, 10, 30].reduce((s, v) => s + (v - 9.2) ** 2, 0) / 5), 10);
    // red 3 of 6, blue 3 of 6 (red first: tie, first seen).
    expect(colour).toEqual({ kind: 'category', shares: [0.5, 0.5] });
    expect(seen).toMatchObject({ kind: 'numeric', min: Date.UTC(2020, 0, 1), max: Date.UTC(2020, 0, 6) });
  });

  it('profiles only the rows it is given', () => {
    const { steps } = fitPipeline(table(), [0, 1, 2]);
    const [size, colour] = profileInputs(table(), steps, [0, 1, 2]);
    expect(size).toMatchObject({ min: 1, max: 3, missing: 0 });
    // Fitted on rows 0–2: red twice, blue once.
    expect(colour).toEqual({ kind: 'category', shares: [2 / 3, 1 / 3] });
  });
});

describe('classExamples', () => {
  it('gives each class its mean number, its median date and its most frequent category', () => {
    const rows = [0, 1, 2, 3, 4, 5];
    const { steps } = fitPipeline(table(), rows);
    const [a, b] = classExamples(table(), steps, rows);
    expect(a[0]).toBeCloseTo(2, 6);
    // Class b's blank is left out: (10 + 30) / 2.
    expect(b[0]).toBeCloseTo(20, 6);
    // Class a: red, red, blue → red (slot 0); class b: blue, blue, red → blue (slot 1).
    expect([a[1], b[1]]).toEqual([0, 1]);
    expect([a[2], b[2]]).toEqual([Date.UTC(2020, 0, 2), Date.UTC(2020, 0, 5)]);
  });
});
