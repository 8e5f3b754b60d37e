import { describe, expect, it } from 'vitest';
import { fitStandardisation, standardise } from './standardise';

describe('fitStandardisation', () => {
  it('computes the mean and population sd of each feature', () => {
    // Feature 0: 1, 2, 3, 4 → mean 2.5, population variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
    // Feature 1: 10, 10, 30, 30 → mean 20, variance 100, sd 10.
    const x = Float32Array.from([1, 10, 2, 10, 3, 30, 4, 30]);
    const s = fitStandardisation({ x, features: 2 });
    expect(s.mean).toEqual([2.5, 20]);
    expect(s.sd[0]).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(s.sd[1]).toBeCloseTo(10, 12);
  });

  it('uses only the given (training) rows', () => {
    // Rows 0–3 are training rows with values 1..4; rows 4–5 are test rows with wildly different values.
    const x = Float32Array.from([1, 2, 3, 4, 1e6, -1e6]);
    const s = fitStandardisation({ x, features: 1, rows: [0, 1, 2, 3] });
    expect(s.mean[0]).toBe(2.5);
    expect(s.sd[0]).toBeCloseTo(Math.sqrt(1.25), 12);
    // Fitting on a shuffled or Int32Array index list gives the same answer.
    expect(fitStandardisation({ x, features: 1, rows: Int32Array.from([3, 1, 0, 2]) })).toEqual(s);
  });

  it('gives a constant column sd 1 and its exact value as mean, so it standardises to zeros', () => {
    const x = new Float32Array(1000).fill(0.1);
    const s = fitStandardisation({ x, features: 1 });
    expect(s).toEqual({ mean: [Math.fround(0.1)], sd: [1] });
    expect(Array.from(standardise(x, s))).toEqual(new Array(1000).fill(0));
  });

  it('treats a column that is constant over the training rows alone as constant', () => {
    const x = Float32Array.from([5, 5, 5, 99]);
    const s = fitStandardisation({ x, features: 1, rows: [0, 1, 2] });
    expect(s).toEqual({ mean: [5], sd: [1] });
    const z = standardise(x, s);
    expect(Array.from(z)).toEqual([0, 0, 0, 94]);
    expect(z.every(Number.isFinite)).toBe(true);
  });

  it('rejects bad shapes, out-of-range rows, empty rows and non-finite values', () => {
    const x = Float32Array.from([1, 2, 3, 4]);
    expect(() => fitStandardisation({ x, features: 3 })).toThrow(/whole number of rows/);
    expect(() => fitStandardisation({ x, features: 0 })).toThrow(/positive integer/);
    expect(() => fitStandardisation({ x, features: 2, rows: [2] })).toThrow(/outside/);
    expect(() => fitStandardisation({ x, features: 2, rows: [] })).toThrow(/zero rows/);
    expect(() => fitStandardisation({ x: Float32Array.from([1, Number.NaN]), features: 2 })).toThrow(
      /Row 0, feature 1/,
    );
  });
});

describe('standardise', () => {
  it('returns a new array of (x − mean) / sd per feature and leaves the input alone', () => {
    const x = Float32Array.from([1, 10, 3, 30]);
    const z = standardise(x, { mean: [2, 20], sd: [1, 10] });
    expect(z).not.toBe(x);
    expect(Array.from(z)).toEqual([-1, -1, 1, 1]);
    expect(Array.from(x)).toEqual([1, 10, 3, 30]);
  });

  it('gives the training rows mean 0 and sd 1', () => {
    const x = Float32Array.from([2, -1, 4, 0, 6, 5, 8, 12]);
    const z = standardise(x, fitStandardisation({ x, features: 2 }));
    for (const feature of [0, 1]) {
      const column = [0, 1, 2, 3].map((row) => z[row * 2 + feature]);
      const mean = column.reduce((a, b) => a + b, 0) / 4;
      const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / 4;
      expect(mean).toBeCloseTo(0, 6);
      expect(variance).toBeCloseTo(1, 6);
    }
  });

  it('rejects mismatched or degenerate standardisations', () => {
    const x = Float32Array.from([1, 2]);
    expect(() => standardise(x, { mean: [0, 0], sd: [1] })).toThrow(/2 means but 1/);
    expect(() => standardise(x, { mean: [0], sd: [0] })).toThrow(/positive and finite/);
    expect(() => standardise(Float32Array.from([1, 2, 3]), { mean: [0, 0], sd: [1, 1] })).toThrow(
      /whole number of rows/,
    );
  });
});
