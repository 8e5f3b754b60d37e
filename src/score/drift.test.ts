import { describe, expect, it } from 'vitest';
import { DriftAccumulator, PSI_EPSILON } from './drift';

// Training: decile edges 1…9, range [0, 10], mean 5, sd 2.
const profile = { min: 0, max: 10, deciles: [1, 2, 3, 4, 5, 6, 7, 8, 9] };
const standardisation = { mean: [5], sd: [2] };

function report(values: number[], deciles = profile.deciles, chunks = 1) {
  const drift = new DriftAccumulator([{ ...profile, deciles }]);
  const size = Math.ceil(values.length / chunks);
  for (let start = 0; start < values.length; start += size) {
    const part = Float32Array.from(values.slice(start, start + size));
    drift.add(part, part.length);
  }
  return drift.report({ features: ['v'], standardisation })[0];
}

describe('DriftAccumulator', () => {
  // Ten values; bins are (edge[k-1], edge[k]]:
  //   bin 0 (≤1): 0.5, 0.5 → 2     bin 1 (1,2]: 1.5 → 1     bin 2 (2,3]: 2.5 ×3 → 3   bin 3 (3,4]: 0
  //   bin 4 (4,5]: 4.5 → 1         bin 5 (5,6]: 5.5 → 1     bins 6-8: 0              bin 9 (>9): 9.5, 11 → 2
  // Shares: .2 .1 .3 0 .1 .1 0 0 0 .2, each against 0.1 in training.
  const values = [0.5, 0.5, 1.5, 2.5, 2.5, 2.5, 4.5, 5.5, 9.5, 11];

  it('matches hand-computed statistics', () => {
    const drift = report(values);
    expect(drift.rows).toBe(10);
    expect(drift.bins.map((bin) => bin.count)).toEqual([2, 1, 3, 0, 1, 1, 0, 0, 0, 2]);
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
    expect(drift.outsideRange).toBe(1);
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
    expect(drift.bins.map((bin) => bin.count)).toEqual([4, 2, 2, 2, 2, 2, 2, 2, 1, 1]);
    expect(drift.psi).toBeCloseTo(0.1386294, 6);
    expect(drift.status).toBe('moderate');
  });

  it('merges the bins between tied decile edges', () => {
    // Edges 1, 1, 3, …: bin 1 = (1, 1] is empty for any data, so it joins bin 0 (≤ 1) with share 0.2.
    // Values 0.5, 1, 1, 1.5 … : bin "≤1" holds 0.5, 1, 1 → 3 of 10 = 0.3 against 0.2.
    const drift = report([0.5, 1, 1, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 9.5], [1, 1, 3, 4, 5, 6, 7, 8, 9]);
    expect(drift.bins).toHaveLength(9);
    expect(drift.bins[0]).toMatchObject({ lower: -Infinity, upper: 1, expected: 0.2, count: 3 });
    // bin (1, 3] holds 2.5 → 0.1 against 0.1; bin (8, 9] holds nothing → 1e-4 against 0.1;
    // bin (> 9) holds 9.5 → 0.1.
    // PSI = 0.1·ln(0.3 / 0.2) + (1e-4 − 0.1)·ln(1e-4 / 0.1) = 0.0405465 + 0.6900848 = 0.7306313
    expect(drift.psi).toBeCloseTo(0.7306313, 6);
  });
});
