import { describe, expect, it } from 'vitest';
import { DRIFT_THRESHOLDS, DriftAccumulator, type NumericDrift, PSI_EPSILON } from './drift';

// Training: decile edges 1…9, range [0, 10], mean 5, sd 2.
const profile = {
  kind: 'numeric' as const,
  min: 0,
  max: 10,
  deciles: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  mean: 5,
  sd: 2,
  missing: 0,
};

/**
 * The drift of `values`, each repeated `times` times (figures as shares are the same, and a test of ten
 * values still has the rows a judgement needs), added in `chunks` batches.
 */
function report(values: number[], deciles = profile.deciles, chunks = 1, times = 5): NumericDrift {
  const drift = new DriftAccumulator([{ ...profile, deciles }]);
  const all = values.flatMap((value) => new Array<number>(times).fill(value));
  const size = Math.ceil(all.length / chunks);
  for (let start = 0; start < all.length; start += size) {
    const part = Float64Array.from(all.slice(start, start + size));
    drift.add(part, part.length);
  }
  return drift.report({ features: ['v'], steps: [{ kind: 'number', missing: false }] })[0] as NumericDrift;
}

describe('DriftAccumulator', () => {
  // Ten values; bins are (edge[k-1], edge[k]]:
  //   bin 0 (≤1): 0.5, 0.5 → 2     bin 1 (1,2]: 1.5 → 1     bin 2 (2,3]: 2.5 ×3 → 3   bin 3 (3,4]: 0
  //   bin 4 (4,5]: 4.5 → 1         bin 5 (5,6]: 5.5 → 1     bins 6-8: 0              bin 9 (>9): 9.5, 11 → 2
  // Shares: .2 .1 .3 0 .1 .1 0 0 0 .2, each against 0.1 in training.
  const values = [0.5, 0.5, 1.5, 2.5, 2.5, 2.5, 4.5, 5.5, 9.5, 11];

  it('matches hand-computed statistics', () => {
    const drift = report(values);
    expect(drift.rows).toBe(50);
    expect(drift.bins.map((bin) => bin.count / 5)).toEqual([2, 1, 3, 0, 1, 1, 0, 0, 0, 2]);
    // mean = 40.5 / 10 = 4.05
    expect(drift.mean).toBeCloseTo(4.05, 12);
    // squared deviations from 4.05: 12.6025·2 + 6.5025 + 2.4025·3 + 0.2025 + 2.1025 + 29.7025 + 48.3025
    //   = 119.225; population variance = 11.9225; sd = √11.9225 = 3.452897…
    expect(drift.sd).toBeCloseTo(Math.sqrt(11.9225), 12);
    expect(drift.sd).toBeCloseTo(3.452897334, 8);
    // mean shift = (4.05 − 5) / 2 = −0.475 training sd; sd ratio = 3.452897 / 2
    expect(drift.meanShift).toBeCloseTo(-0.475, 12);
    expect(drift.sdRatio).toBeCloseTo(1.726448667, 8);
    // PSI = Σ (a − e)·ln(a / e), e = 0.1, empty bins use a = 1e-4:
    //   bin 0: 0.1·ln 2 = 0.0693147   bin 1: 0   bin 2: 0.2·ln 3 = 0.2197225   bins 4, 5: 0
    //   bins 3, 6, 7, 8 (empty): 4 × (1e-4 − 0.1)·ln(1e-4 / 0.1) = 4 × 0.6900848 = 2.7603390
    //   bin 9: 0.1·ln 2 = 0.0693147                      total = 3.1186909
    expect(PSI_EPSILON).toBe(1e-4);
    expect(drift.psi).toBeCloseTo(3.1186909, 6);
    // KS≈ at the edges 1…9: batch CDF .2 .3 .6 .6 .7 .8 .8 .8 .8 vs .1 … .9 → largest gap 0.3 (at edge 3)
    expect(drift.ks).toBeCloseTo(0.3, 12);
    // 11 > max 10: 1 row of 10 outside the range
    expect(drift.outsideRange).toBe(5);
    expect(drift.outsideRangeShare).toBeCloseTo(0.1, 12);
    expect(drift.min).toBe(0.5);
    expect(drift.max).toBe(11);
    // PSI ≥ 0.2 and 10% > 5% outside the range: drift; |−0.475| < 0.5 is not a reason
    expect(drift.status).toBe('drift');
    expect(drift.reasons).toHaveLength(2);
  });

  it('gives the same figures when the rows arrive in several batches (streaming)', () => {
    const whole = report(values);
    const streamed = report(values, profile.deciles, 4);
    expect(streamed.mean).toBeCloseTo(whole.mean, 12);
    expect(streamed.sd).toBeCloseTo(whole.sd, 12);
    expect(streamed.psi).toBeCloseTo(whole.psi, 12);
    expect(streamed.bins).toEqual(whole.bins);
  });

  it('is stable on data spread like the training data', () => {
    // One value in each decile bin: every share is 0.1, PSI 0, KS 0, mean 5 (0.5 + … + 9.5 = 50).
    const drift = report([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5]);
    expect(drift.psi).toBe(0);
    expect(drift.ks).toBeCloseTo(0, 12);
    expect(drift.meanShift).toBeCloseTo(0, 12);
    expect(drift.status).toBe('stable');
  });

  it('flags a PSI between 0.1 and 0.2 as moderate', () => {
    // 20 rows: 4 in bin 0, 2 in bins 1-7, 1 in bins 8 and 9 → shares .2 .1 .1 .1 .1 .1 .1 .1 .05 .05
    //   PSI = 0.1·ln 2 + 2 × (−0.05)·ln 0.5 = 0.0693147 + 0.0693147 = 0.1386294 (between 0.1 and 0.2)
    const values20 = [
      0.5, 0.6, 0.7, 0.8, 1.5, 1.6, 2.5, 2.6, 3.5, 3.6, 4.5, 4.6, 5.5, 5.6, 6.5, 6.6, 7.5, 7.6, 8.5, 9.5,
    ];
    const drift = report(values20);
    expect(drift.bins.map((bin) => bin.count / 5)).toEqual([4, 2, 2, 2, 2, 2, 2, 2, 1, 1]);
    expect(drift.psi).toBeCloseTo(0.1386294, 6);
    expect(drift.status).toBe('moderate');
  });

  it('merges the bins between tied decile edges', () => {
    // Edges 1, 1, 3, …: bin 1 = (1, 1] is empty for any data, so it joins bin 0 (≤ 1) with share 0.2.
    // Values 0.5, 1, 1, 1.5 … : bin "≤1" holds 0.5, 1, 1 → 3 of 10 = 0.3 against 0.2.
    const drift = report([0.5, 1, 1, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 9.5], [1, 1, 3, 4, 5, 6, 7, 8, 9]);
    expect(drift.bins).toHaveLength(9);
    expect(drift.bins[0]).toMatchObject({ lower: -Infinity, upper: 1, expected: 0.2, count: 15 });
    // bin (1, 3] holds 2.5 → 0.1 against 0.1; bin (8, 9] holds nothing → 1e-4 against 0.1;
    // bin (> 9) holds 9.5 → 0.1.
    // PSI = 0.1·ln(0.3 / 0.2) + (1e-4 − 0.1)·ln(1e-4 / 0.1) = 0.0405465 + 0.6900848 = 0.7306313
    expect(drift.psi).toBeCloseTo(0.7306313, 6);
  });

  it('leaves blanks out of the figures and counts them as missing', () => {
    const drift = report([0.5, Number.NaN, 1.5, Number.NaN, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5]);
    expect(drift.rows).toBe(50);
    expect(drift.missing).toBe(10);
    expect(drift.missingShare).toBeCloseTo(10 / 60, 12);
    expect(drift.psi).toBe(0);
  });

  it('says a feature of too few rows cannot be judged, whatever its figures', () => {
    const drift = report([0.5, 11], profile.deciles, 1, 1);
    expect(drift.psi).toBeGreaterThan(0.2);
    expect(drift.status).toBe('too-few-rows');
    expect(drift.reasons).toEqual([`2 of the ${DRIFT_THRESHOLDS.minRows} rows needed`]);
  });
});

describe('DriftAccumulator for a category', () => {
  // Training: red 60%, blue 30%, other 10%.
  const accumulator = () => new DriftAccumulator([{ kind: 'category', shares: [0.6, 0.3, 0.1] }]);
  const steps = [{ kind: 'category' as const, values: ['red', 'blue'], other: true }];

  it('compares the shares of each value, "other" included', () => {
    const drift = accumulator();
    // 60 red, 30 blue, 10 other (slot 2): as in training.
    const slots = [...new Array(60).fill(0), ...new Array(30).fill(1), ...new Array(10).fill(2)];
    drift.add(Float64Array.from(slots), slots.length);
    const [report] = drift.report({ features: ['colour'], steps });
    if (report.kind !== 'category') throw new Error('a category report expected');
    expect(report.values.map((value) => [value.value, value.count])).toEqual([
      ['red', 60],
      ['blue', 30],
      ['other', 10],
    ]);
    expect(report.values[2].other).toBe(true);
    expect(report.psi).toBeCloseTo(0, 12);
    expect(report.status).toBe('stable');
  });

  it('counts values never seen and flags them as drift past 5%', () => {
    const drift = new DriftAccumulator([{ kind: 'category', shares: [0.5, 0.5] }]);
    // 45 red, 45 blue, 10 never seen (−1).
    const slots = [...new Array(45).fill(0), ...new Array(45).fill(1), ...new Array(10).fill(-1)];
    drift.add(Float64Array.from(slots), slots.length);
    const [report] = drift.report({
      features: ['colour'],
      steps: [{ kind: 'category', values: ['red', 'blue'], other: false }],
    });
    if (report.kind !== 'category') throw new Error('a category report expected');
    expect(report.unseen).toBe(10);
    expect(report.unseenShare).toBeCloseTo(0.1, 12);
    // PSI = 2 × (0.45 − 0.5)·ln(0.9) + (0.1 − 1e-4)·ln(0.1 / 1e-4)
    expect(report.psi).toBeCloseTo(2 * -0.05 * Math.log(0.9) + (0.1 - PSI_EPSILON) * Math.log(1000), 9);
    expect(report.status).toBe('drift');
    expect(report.reasons.join(' ')).toMatch(/10.0% of rows have values the model never saw/);
  });
});
