import { describe, expect, it } from 'vitest';
import type { CategoryDrift, NumericDrift } from '../../score/drift';
import { categoryShares, figure, judged, numericShift, sharedTooFewRows } from './drift-figures';

/** A number feature's drift: `rows` batch rows with a value. */
function numeric(rows: number, changes: Partial<NumericDrift> = {}): NumericDrift {
  const none = rows === 0;
  return {
    kind: 'numeric',
    feature: 'petal_length',
    date: false,
    rows,
    missing: 0,
    missingShare: 0,
    training: { mean: 3.758, sd: 1.7585, min: 1, max: 6.9, missing: 0 },
    mean: none ? Number.NaN : 3.81,
    sd: none ? Number.NaN : 1.8,
    min: none ? Number.POSITIVE_INFINITY : 1.1,
    max: none ? Number.NEGATIVE_INFINITY : 6.7,
    meanShift: none ? Number.NaN : 0.03,
    sdRatio: none ? Number.NaN : 1.02,
    psi: none ? Number.NaN : 0.05,
    ks: 0,
    outsideRange: 0,
    outsideRangeShare: none ? Number.NaN : 0,
    bins: [],
    status: none ? 'no-rows' : 'stable',
    reasons: none ? ['no rows with valid values'] : [],
    ...changes,
  };
}

describe('numericShift', () => {
  it('gives the training and the batch mean and sd', () => {
    expect(numericShift(numeric(36))).toEqual({ mean: 'mean 3.76 → 3.81', sd: 'sd 1.76 → 1.8' });
  });

  it('keeps the training figures where the batch had no value in the column', () => {
    expect(numericShift(numeric(0))).toEqual({ mean: 'mean 3.76 → —', sd: 'sd 1.76 → —' });
  });

  it('gives a date feature’s means as dates, training side included, and no sd', () => {
    const day = Date.UTC(2023, 5, 1);
    const date = { date: true, training: { mean: day, sd: 1e9, min: day, max: day, missing: 0 } };
    expect(numericShift(numeric(0, date))).toEqual({ mean: 'mean 2023-06-01 → —' });
  });
});

describe('categoryShares', () => {
  it('gives the training shares of the most common values even when the batch had no rows', () => {
    const drift: CategoryDrift = {
      kind: 'category',
      feature: 'island',
      rows: 0,
      values: [
        { value: 'Biscoe', expected: 0.49, count: 0, actual: Number.NaN },
        { value: 'Dream', expected: 0.36, count: 0, actual: Number.NaN },
        { value: '', expected: 0.15, count: 0, actual: Number.NaN },
      ],
      unseen: 0,
      unseenShare: Number.NaN,
      psi: Number.NaN,
      status: 'no-rows',
      reasons: [],
    };
    expect(categoryShares(drift)).toBe('Biscoe 49.0% → —, Dream 36.0% → —, (blank) 15.0% → —');
  });
});

describe('figure and judged', () => {
  it('shows "—" for what is not known, never NaN', () => {
    expect(figure(Number.NaN)).toBe('—');
    expect(figure(0.31, false)).toBe('—');
    expect(figure(0.3141)).toBe('0.314');
  });

  it('judges no figure on too few rows or none', () => {
    expect(judged(numeric(36))).toBe(true);
    expect(judged(numeric(3, { status: 'too-few-rows' }))).toBe(false);
    expect(judged(numeric(0))).toBe(false);
  });
});

describe('sharedTooFewRows', () => {
  const tooFew = (feature: string) =>
    numeric(36, { feature, status: 'too-few-rows', reasons: ['36 of the 50 rows needed'] });

  it('says the reason once when every feature has too few rows for the same reason', () => {
    expect(sharedTooFewRows([tooFew('a'), tooFew('b')])).toBe('36 of the 50 rows needed');
  });

  it('leaves the rows to speak when the features differ, or there are none', () => {
    expect(sharedTooFewRows([tooFew('a'), numeric(60)])).toBeNull();
    expect(sharedTooFewRows([numeric(0), numeric(0)])).toBeNull();
    expect(sharedTooFewRows([])).toBeNull();
  });
});
