import { describe, expect, it } from 'vitest';
import { CHART_CLASSES, mostLikely } from './most-likely';

describe('mostLikely', () => {
  it('lists every class in class order when there are few', () => {
    expect(mostLikely([0.2, 0.5, 0.3], 1)).toEqual({
      shown: [0, 1, 2],
      others: { count: 0, probability: 0 },
    });
  });

  it('lists the most likely of many classes first and sums the rest', () => {
    const probabilities = Array.from({ length: 1000 }, (_, i) => (i === 500 ? 0.5 : 0.5 / 999));
    const { shown, others } = mostLikely(probabilities, 500);
    expect(shown).toHaveLength(CHART_CLASSES);
    expect(shown[0]).toBe(500);
    expect(others.count).toBe(990);
    expect(others.probability).toBeCloseTo((990 * 0.5) / 999, 10);
  });

  it('always lists the predicted class', () => {
    const probabilities = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(mostLikely(probabilities, 19).shown).toContain(19);
  });
});
