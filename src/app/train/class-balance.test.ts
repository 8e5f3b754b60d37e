import { describe, expect, it } from 'vitest';
import { classBalance, IMBALANCE_RATIO, imbalanced } from './class-balance';

describe('imbalanced', () => {
  it('is true only when the largest class has more than 3× the rows of the smallest', () => {
    expect(IMBALANCE_RATIO).toBe(3);
    expect(imbalanced([50, 50, 50])).toBe(false);
    expect(imbalanced([30, 10])).toBe(false);
    expect(imbalanced([31, 10])).toBe(true);
    expect(imbalanced([10, 200, 40])).toBe(true);
  });

  it('needs two classes to compare', () => {
    expect(imbalanced([])).toBe(false);
    expect(imbalanced([1000])).toBe(false);
  });
});

describe('classBalance', () => {
  it('keeps every class, in class order, when there are few', () => {
    expect(classBalance(['a', 'b'], [3, 5])).toEqual({
      shown: [
        { name: 'a', index: 0, support: 3 },
        { name: 'b', index: 1, support: 5 },
      ],
      hidden: 0,
      labelled: 8,
    });
  });

  it('keeps the largest classes in class order, with their colour index, and counts the rest', () => {
    const { shown, hidden, labelled } = classBalance(['a', 'b', 'c', 'd'], [5, 1, 9, 2], 2);
    expect(shown).toEqual([
      { name: 'a', index: 0, support: 5 },
      { name: 'c', index: 2, support: 9 },
    ]);
    expect(hidden).toBe(2);
    expect(labelled).toBe(17);
  });
});
