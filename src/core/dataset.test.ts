import { describe, expect, it } from 'vitest';
import { type Dataset, subsetDataset } from './dataset';

const dataset: Dataset = {
  schema: { features: ['a', 'b'], label: 'c', classes: ['x', 'y'] },
  rows: 3,
  x: Float32Array.from([1, 2, 3, 4, 5, 6]),
  y: Int32Array.from([0, 1, 0]),
};

describe('subsetDataset', () => {
  it('copies the chosen rows in the given order, repeats allowed', () => {
    const subset = subsetDataset(dataset, [2, 0, 2]);
    expect(subset.rows).toBe(3);
    expect(subset.schema).toBe(dataset.schema);
    expect(Array.from(subset.x)).toEqual([5, 6, 1, 2, 5, 6]);
    expect(Array.from(subset.y)).toEqual([0, 0, 0]);
    subset.x[0] = 99;
    expect(dataset.x[4]).toBe(5);
  });

  it('accepts typed arrays of indices and an empty selection', () => {
    expect(Array.from(subsetDataset(dataset, Int32Array.from([1])).x)).toEqual([3, 4]);
    expect(subsetDataset(dataset, []).rows).toBe(0);
  });

  it.each([[3], [-1], [0.5], [Number.NaN]])('rejects the row index %d', (index) => {
    expect(() => subsetDataset(dataset, [index])).toThrow(RangeError);
  });
});
