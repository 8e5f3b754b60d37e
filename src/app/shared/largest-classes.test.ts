import { describe, expect, it } from 'vitest';
import { largestBySupport, largestClasses } from './largest-classes';

describe('largestClasses', () => {
  it('keeps every class when there are few', () => {
    expect(
      largestClasses(
        [
          [1, 0],
          [0, 1],
        ],
        20,
      ),
    ).toEqual([0, 1]);
  });

  it('keeps the classes with the most rows, in class order, for a 500-class matrix', () => {
    const confusion = Array.from({ length: 500 }, (_, actual) =>
      Array.from({ length: 500 }, (_, predicted) => (predicted === actual ? actual % 37 : 0)),
    );
    const kept = largestClasses(confusion, 20);
    expect(kept).toHaveLength(20);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    for (const k of kept) expect(k % 37).toBeGreaterThanOrEqual(35);
  });
});

describe('largestBySupport', () => {
  it('keeps the entries with the most support in their order', () => {
    const entries = [5, 1, 9, 3, 7].map((support) => ({ support }));
    expect(largestBySupport(entries, 3).map((e) => e.support)).toEqual([5, 9, 7]);
    expect(largestBySupport(entries, 10)).toHaveLength(5);
  });
});
