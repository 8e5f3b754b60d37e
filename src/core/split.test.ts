import { describe, expect, it } from 'vitest';
import { repeatedStratifiedKFold, type Split, stratifiedKFold, stratifiedSplit } from './split';

/** Labels with `counts[k]` rows of class k, interleaved so classes are not in contiguous blocks. */
function labelsWithCounts(counts: readonly number[]): Int32Array {
  const labels: number[] = [];
  const remaining = [...counts];
  while (remaining.some((count) => count > 0)) {
    remaining.forEach((count, label) => {
      if (count > 0) {
        labels.push(label);
        remaining[label]--;
      }
    });
  }
  return Int32Array.from(labels);
}

function countClasses(labels: Int32Array, indices: Int32Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const row of indices) counts[labels[row]]++;
  return counts;
}

function isSortedAscending(values: Int32Array): boolean {
  return values.every((value, i) => i === 0 || values[i - 1] < value);
}

function expectDisjointCover(split: Split, rows: number): void {
  const all = [...split.train, ...split.test].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: rows }, (_, i) => i));
}

describe('stratifiedSplit', () => {
  it.each([
    { name: 'balanced 50/50/50', counts: [50, 50, 50] },
    { name: 'imbalanced 40/8/2', counts: [40, 8, 2] },
  ])('keeps each class within 1 row of its ideal share ($name)', ({ counts }) => {
    const labels = labelsWithCounts(counts);
    const split = stratifiedSplit({ labels, seed: 1 });
    expectDisjointCover(split, labels.length);
    expect(isSortedAscending(split.train) && isSortedAscending(split.test)).toBe(true);
    const testCounts = countClasses(labels, split.test, counts.length);
    const trainCounts = countClasses(labels, split.train, counts.length);
    counts.forEach((count, label) => {
      expect(Math.abs(testCounts[label] - count * 0.2)).toBeLessThanOrEqual(1);
      expect(Math.abs(trainCounts[label] - count * 0.8)).toBeLessThanOrEqual(1);
      expect(testCounts[label]).toBeGreaterThanOrEqual(1);
      expect(trainCounts[label]).toBeGreaterThanOrEqual(1);
    });
  });

  it('takes round(count × testFraction) per class: 50/50/50 at 0.2 → 10 each; 40/8/2 → 8, 2, 1', () => {
    const balanced = labelsWithCounts([50, 50, 50]);
    expect(countClasses(balanced, stratifiedSplit({ labels: balanced, seed: 3 }).test, 3)).toEqual([
      10, 10, 10,
    ]);
    // 8 × 0.2 = 1.6 → 2; 2 × 0.2 = 0.4 → 0, raised to the minimum of 1 test row.
    const imbalanced = labelsWithCounts([40, 8, 2]);
    expect(countClasses(imbalanced, stratifiedSplit({ labels: imbalanced, seed: 3 }).test, 3)).toEqual([
      8, 2, 1,
    ]);
  });

  it('honours testFraction and always leaves a training row', () => {
    const labels = labelsWithCounts([10, 3]);
    // 10 × 0.9 = 9; 3 × 0.9 = 2.7 → 3, capped at 2 so one row of class 1 still trains.
    expect(countClasses(labels, stratifiedSplit({ labels, testFraction: 0.9, seed: 1 }).test, 2)).toEqual([
      9, 2,
    ]);
  });

  it('puts a single-row class in train', () => {
    const labels = labelsWithCounts([10, 1]);
    const split = stratifiedSplit({ labels, seed: 1 });
    expect(countClasses(labels, split.train, 2)[1]).toBe(1);
    expectDisjointCover(split, labels.length);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const labels = labelsWithCounts([50, 50, 50]);
    const a = stratifiedSplit({ labels, seed: 11 });
    const b = stratifiedSplit({ labels, seed: 11 });
    const c = stratifiedSplit({ labels, seed: 12 });
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
  });

  it('rejects bad options with readable errors', () => {
    const labels = labelsWithCounts([5, 5]);
    expect(() => stratifiedSplit({ labels, testFraction: 0, seed: 1 })).toThrow(/testFraction/);
    expect(() => stratifiedSplit({ labels, testFraction: 1, seed: 1 })).toThrow(/testFraction/);
    expect(() => stratifiedSplit({ labels, testFraction: Number.NaN, seed: 1 })).toThrow(/testFraction/);
    expect(() => stratifiedSplit({ labels: [], seed: 1 })).toThrow(/empty/);
    expect(() => stratifiedSplit({ labels: [0, -1], seed: 1 })).toThrow(/Row 1/);
    expect(() => stratifiedSplit({ labels: [0, 0.5], seed: 1 })).toThrow(/Row 1/);
  });
});

describe('stratifiedKFold', () => {
  it.each([
    { name: 'balanced 50/50/50, 5 folds', counts: [50, 50, 50], folds: 5 },
    { name: 'imbalanced 40/8/2, 2 folds', counts: [40, 8, 2], folds: 2 },
    { name: 'uneven 11/7/13, 3 folds', counts: [11, 7, 13], folds: 3 },
  ])('partitions rows with stratified folds ($name)', ({ counts, folds }) => {
    const labels = labelsWithCounts(counts);
    const splits = stratifiedKFold({ labels, folds, seed: 5 });
    expect(splits).toHaveLength(folds);

    // Test sets partition the rows; each train set is the complement of its test set.
    const allTest = splits.flatMap((split) => Array.from(split.test)).sort((a, b) => a - b);
    expect(allTest).toEqual(Array.from({ length: labels.length }, (_, i) => i));
    for (const split of splits) {
      expectDisjointCover(split, labels.length);
      expect(isSortedAscending(split.train) && isSortedAscending(split.test)).toBe(true);
    }

    // Each class lands in every fold within 1 row of count / folds, and fold sizes differ by at most 1.
    for (const split of splits) {
      countClasses(labels, split.test, counts.length).forEach((count, label) => {
        expect(Math.abs(count - counts[label] / folds)).toBeLessThan(1);
      });
    }
    const sizes = splits.map((split) => split.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const labels = labelsWithCounts([20, 20]);
    const testsOf = (seed: number) =>
      stratifiedKFold({ labels, folds: 4, seed }).map((s) => Array.from(s.test));
    expect(testsOf(2)).toEqual(testsOf(2));
    expect(testsOf(2)).not.toEqual(testsOf(3));
  });

  it('rejects fold counts below 2 or above the smallest class', () => {
    const labels = labelsWithCounts([40, 8, 2]);
    expect(() => stratifiedKFold({ labels, folds: 1, seed: 1 })).toThrow(/at least 2/);
    expect(() => stratifiedKFold({ labels, folds: 2.5, seed: 1 })).toThrow(/at least 2/);
    expect(() => stratifiedKFold({ labels, folds: 3, seed: 1 })).toThrow(/class 2 has 2 rows/);
  });
});

describe('repeatedStratifiedKFold', () => {
  it('returns repeats × folds splits; each repeat partitions the rows differently', () => {
    const labels = labelsWithCounts([15, 15, 15]);
    const splits = repeatedStratifiedKFold({ labels, folds: 3, repeats: 4, seed: 8 });
    expect(splits).toHaveLength(12);
    const repeats = [0, 1, 2, 3].map((r) => splits.slice(r * 3, r * 3 + 3));
    for (const repeat of repeats) {
      const allTest = repeat.flatMap((split) => Array.from(split.test)).sort((a, b) => a - b);
      expect(allTest).toEqual(Array.from({ length: labels.length }, (_, i) => i));
    }
    const firstFolds = repeats.map((repeat) => Array.from(repeat[0].test).join());
    expect(new Set(firstFolds).size).toBe(4);

    const again = repeatedStratifiedKFold({ labels, folds: 3, repeats: 4, seed: 8 });
    expect(again.map((s) => Array.from(s.test))).toEqual(splits.map((s) => Array.from(s.test)));
  });

  it('rejects a non-positive repeat count', () => {
    const labels = labelsWithCounts([5, 5]);
    expect(() => repeatedStratifiedKFold({ labels, folds: 2, repeats: 0, seed: 1 })).toThrow(/repeats/);
  });
});
