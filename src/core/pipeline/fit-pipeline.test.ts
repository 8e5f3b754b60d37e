import { describe, expect, it } from 'vitest';
import { encodeRows, fitPipeline, pipelineDataset } from './fit-pipeline';
import { CATEGORY_LIMIT, inputWidth, modelInputs } from './input-steps';
import type { TrainingTable } from './training-table';

const NaN_ = Number.NaN;

/**
 * Eight rows: a number column with a blank in row 5, a category column (blank in row 6), a date column
 * with times (blank in row 7), two classes.
 */
function table(): TrainingTable {
  return {
    schema: { features: ['size', 'colour', 'seen'], label: 'kind', classes: ['a', 'b'] },
    rows: 8,
    columns: [
      { kind: 'number', values: Float64Array.from([1, 2, 3, 4, 5, NaN_, 7, 8]) },
      {
        kind: 'category',
        values: ['red', 'blue', '', 'green'],
        codes: Int32Array.from([0, 0, 1, 0, 1, 3, 2, 0]),
      },
      {
        kind: 'date',
        order: 'ymd',
        hasTime: true,
        times: Float64Array.from([
          Date.UTC(2020, 0, 1, 6),
          Date.UTC(2020, 0, 2, 12),
          Date.UTC(2020, 1, 3, 18),
          Date.UTC(2021, 5, 4),
          Date.UTC(2021, 5, 5),
          Date.UTC(2021, 5, 6),
          Date.UTC(2021, 5, 7),
          NaN_,
        ]),
      },
    ],
    y: Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1]),
  };
}

describe('fitPipeline', () => {
  it('fits each step on the given rows only', () => {
    // Rows 0–4: no blanks anywhere, "green" never seen.
    const { steps } = fitPipeline(table(), [0, 1, 2, 3, 4]);
    expect(steps[0]).toEqual({ kind: 'number', median: 3, missing: false });
    expect(steps[1]).toEqual({ kind: 'category', values: ['red', 'blue'], other: false });
    expect(steps[2]).toMatchObject({
      kind: 'date',
      parts: ['year', 'month', 'dayOfYear', 'dayOfWeek', 'timeOfDay'],
      missing: false,
    });
  });

  it('adds a "was missing" input where the training rows had blanks, and keeps the blank as a category', () => {
    const all = [0, 1, 2, 3, 4, 5, 6, 7];
    const { steps } = fitPipeline(table(), all);
    // Median of 1, 2, 3, 4, 5, 7, 8 (the blank left out).
    expect(steps[0]).toEqual({ kind: 'number', median: 4, missing: true });
    // Most frequent first (red 4, blue 2), then ties in order of first appearance ('' before green).
    expect(steps[1]).toEqual({ kind: 'category', values: ['red', 'blue', '', 'green'], other: false });
    expect(steps[2]).toMatchObject({ kind: 'date', missing: true });
    expect(inputWidth(steps)).toBe(2 + 4 + 6);
    expect(modelInputs(['size', 'colour', 'seen'], steps).map((input) => input.name)).toEqual([
      'size',
      'size: missing',
      'colour = red',
      'colour = blue',
      'colour = (blank)',
      'colour = green',
      'seen: year',
      'seen: month',
      'seen: dayOfYear',
      'seen: dayOfWeek',
      'seen: timeOfDay',
      'seen: missing',
    ]);
  });

  it('encodes a blank with the median and its indicator, an unseen category as no input', () => {
    const pipeline = fitPipeline(table(), [0, 1, 2, 3, 4]);
    // Row 5: size blank (no indicator: the training rows had none), colour green (unseen).
    const x = encodeRows(table(), pipeline.steps, [5]);
    expect(x[0]).toBe(3);
    expect(Array.from(x.subarray(1, 3))).toEqual([0, 0]);
    // Row 0: a Wednesday in January 2020 at 06:00.
    const row0 = encodeRows(table(), pipeline.steps, [0]);
    expect(Array.from(row0.subarray(3))).toEqual([2020, 1, 1, 2, 6]);
  });

  it('scales the value inputs and leaves the 0/1 inputs as they are', () => {
    const pipeline = fitPipeline(table(), [0, 1, 2, 3, 4, 5, 6, 7]);
    const inputs = modelInputs(['size', 'colour', 'seen'], pipeline.steps);
    inputs.forEach((input, i) => {
      if (input.binary) expect([pipeline.scaling.mean[i], pipeline.scaling.sd[i]]).toEqual([0, 1]);
    });
    // size: the blank imputed with 4 → values 1 2 3 4 5 4 7 8, mean 4.25.
    expect(pipeline.scaling.mean[0]).toBeCloseTo(4.25, 10);
    expect(pipeline.scaling.sd[0]).toBeGreaterThan(1);
    expect(pipeline.scaledIn).toBe('pipeline');
  });

  it('keeps the most frequent values of a wide category column and sends the rest to "other"', () => {
    const values = Array.from({ length: 80 }, (_, i) => `v${i}`);
    // Value i appears 80 − i times, so v0 … v49 are the most frequent.
    const codes: number[] = [];
    values.forEach((_, i) => {
      for (let n = 0; n < 80 - i; n++) codes.push(i);
    });
    const wide: TrainingTable = {
      schema: { features: ['v'], label: 'y', classes: ['a', 'b'] },
      rows: codes.length,
      columns: [{ kind: 'category', values, codes: Int32Array.from(codes) }],
      y: Int32Array.from(codes, (_, i) => i % 2),
    };
    const rows = Array.from({ length: codes.length }, (_, i) => i);
    const { steps } = fitPipeline(wide, rows);
    expect(steps[0]).toEqual({ kind: 'category', values: values.slice(0, CATEGORY_LIMIT), other: true });
    const x = encodeRows(wide, steps, [codes.indexOf(70)]);
    expect(x[CATEGORY_LIMIT]).toBe(1);
    expect(x.reduce((a, b) => a + b)).toBe(1);
  });

  it('gives a column blank in every training row a median of 0 and a "was missing" input', () => {
    const blank = table();
    const columns = [{ kind: 'number' as const, values: new Float64Array(8).fill(NaN_) }];
    const data = { ...blank, schema: { ...blank.schema, features: ['empty'] }, columns };
    const pipeline = fitPipeline(data, [0, 1, 2, 3]);
    expect(pipeline.steps[0]).toEqual({ kind: 'number', median: 0, missing: true });
    expect(Array.from(encodeRows(data, pipeline.steps, [7]))).toEqual([0, 1]);
  });

  it("makes a dataset of the rows' inputs and classes, named per input", () => {
    const pipeline = fitPipeline(table(), [0, 1, 2, 3, 4, 5, 6, 7]);
    const dataset = pipelineDataset(table(), pipeline, [6, 7]);
    expect(dataset.rows).toBe(2);
    expect(Array.from(dataset.y)).toEqual([0, 1]);
    expect(dataset.schema.features).toHaveLength(12);
    expect(dataset.x).toHaveLength(24);
  });
});
