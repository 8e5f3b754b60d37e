import { describe, expect, it } from 'vitest';
import { argmaxRows, evaluate, summarise } from './evaluate';

describe('argmaxRows', () => {
  it('picks the largest probability per row, the lowest index on a tie', () => {
    const probabilities = Float32Array.from([0.2, 0.5, 0.3, 0.4, 0.4, 0.2, 0.1, 0.45, 0.45, 1, 0, 0]);
    expect(Array.from(argmaxRows(probabilities, 3))).toEqual([1, 0, 1, 0]);
  });

  it('rejects a length that is not a whole number of rows', () => {
    expect(() => argmaxRows(Float32Array.from([0.5, 0.5, 0]), 2)).toThrow(/whole number of rows/);
  });
});

describe('evaluate', () => {
  it('matches hand-computed metrics on a six-row, three-class example', () => {
    const classes = ['a', 'b', 'c'];
    const labels = [0, 0, 1, 1, 2, 2];
    // biome-ignore format: one row per line, next to its hand calculation
    const probabilities = Float32Array.from([
      0.7, 0.2, 0.1, //  true a, predicted a ✓  p_true 0.7
      0.3, 0.6, 0.1, //  true a, predicted b ✗  p_true 0.3
      0.1, 0.8, 0.1, //  true b, predicted b ✓  p_true 0.8
      0.5, 0.2, 0.3, //  true b, predicted a ✗  p_true 0.2
      0.1, 0.1, 0.8, //  true c, predicted c ✓  p_true 0.8
      0.45, 0.1, 0.45, // true c, tie a/c → a ✗ p_true 0.45
    ]);
    const metrics = evaluate({ labels, probabilities, classes });

    expect(metrics.rows).toBe(6);
    // 3 correct of 6.
    expect(metrics.accuracy).toBe(0.5);
    // Rows: true a → [a, b]; true b → [b, a]; true c → [c, a].
    expect(metrics.confusion).toEqual([
      [1, 1, 0],
      [1, 1, 0],
      [1, 0, 1],
    ]);
    // a: TP 1, predicted 3, support 2 → P 1/3, R 1/2, F1 2·(1/6)/(5/6) = 0.4
    // b: TP 1, predicted 2, support 2 → P 1/2, R 1/2, F1 0.5
    // c: TP 1, predicted 1, support 2 → P 1,   R 1/2, F1 2·(1/2)/(3/2) = 2/3
    const expected = [
      { label: 'a', precision: 1 / 3, recall: 0.5, f1: 0.4, support: 2 },
      { label: 'b', precision: 0.5, recall: 0.5, f1: 0.5, support: 2 },
      { label: 'c', precision: 1, recall: 0.5, f1: 2 / 3, support: 2 },
    ];
    metrics.perClass.forEach((actual, k) => {
      expect(actual.label).toBe(expected[k].label);
      expect(actual.support).toBe(expected[k].support);
      expect(actual.precision).toBeCloseTo(expected[k].precision, 12);
      expect(actual.recall).toBeCloseTo(expected[k].recall, 12);
      expect(actual.f1).toBeCloseTo(expected[k].f1, 12);
    });
    // (0.4 + 0.5 + 2/3) / 3 = (12 + 15 + 20) / 90 = 47/90 ≈ 0.52222
    expect(metrics.macroF1).toBeCloseTo(47 / 90, 12);
    // −(ln 0.7 + ln 0.3 + ln 0.8 + ln 0.2 + ln 0.8 + ln 0.45) / 6
    // = (0.356675 + 1.203973 + 0.223144 + 1.609438 + 0.223144 + 0.798508) / 6 = 4.414881 / 6 ≈ 0.735813
    // (float32 storage of the probabilities moves this by ~1e-8).
    expect(metrics.logLoss).toBeCloseTo(0.735813, 5);
  });

  it('clips probabilities at 1e-15 like scikit-learn, so a certain mistake costs ≈ 34.54, not Infinity', () => {
    const metrics = evaluate({
      labels: [0, 1],
      probabilities: Float32Array.from([0, 1, 0, 1]),
      classes: ['a', 'b'],
    });
    // Row 0: p_true 0 → −ln(1e-15) = 15 ln 10 ≈ 34.538776; row 1: p_true 1 → 0. Mean ≈ 17.269388.
    expect(metrics.logLoss).toBeCloseTo((15 * Math.LN10) / 2, 9);
    expect(Number.isFinite(metrics.logLoss)).toBe(true);
  });

  it('reports 0 for precision of a never-predicted class and leaves absent classes out of macro F1', () => {
    // Class b has support 1 but is never predicted; class c has no support and no predictions.
    const metrics = evaluate({
      labels: [0, 0, 1],
      probabilities: Float32Array.from([0.9, 0.1, 0, 0.8, 0.2, 0, 0.6, 0.4, 0]),
      classes: ['a', 'b', 'c'],
    });
    // a: TP 2, predicted 3, support 2 → P 2/3, R 1, F1 2·(2/3)/(5/3) = 0.8
    expect(metrics.perClass[0].f1).toBeCloseTo(0.8, 12);
    // The predicted count (0 for both) is how a display tells an undefined precision from a real 0.
    expect(metrics.perClass[1]).toEqual({
      label: 'b',
      precision: 0,
      recall: 0,
      f1: 0,
      support: 1,
      predicted: 0,
    });
    expect(metrics.perClass[2]).toEqual({
      label: 'c',
      precision: 0,
      recall: 0,
      f1: 0,
      support: 0,
      predicted: 0,
    });
    expect(metrics.perClass[0].predicted).toBe(3);
    // Macro over a and b only (c occurs in neither labels nor predictions): (0.8 + 0) / 2.
    expect(metrics.macroF1).toBeCloseTo(0.4, 12);
  });

  it('gives macro F1 1 for a perfect classifier even when a class is absent from the rows', () => {
    const metrics = evaluate({
      labels: [0, 1],
      probabilities: Float32Array.from([0.9, 0.1, 0, 0.2, 0.8, 0]),
      classes: ['a', 'b', 'c'],
    });
    expect(metrics.accuracy).toBe(1);
    expect(metrics.macroF1).toBe(1);
  });

  it('rejects mismatched shapes, out-of-range labels and empty input', () => {
    const classes = ['a', 'b'];
    expect(() =>
      evaluate({ labels: [0], probabilities: Float32Array.from([0.5, 0.5, 1, 0]), classes }),
    ).toThrow(/2 rows but there are 1 labels/);
    expect(() => evaluate({ labels: [2], probabilities: Float32Array.from([0.5, 0.5]), classes })).toThrow(
      /Row 0 has class index 2/,
    );
    expect(() => evaluate({ labels: [], probabilities: new Float32Array(0), classes })).toThrow(/zero rows/);
  });
});

describe('summarise', () => {
  it('gives mean, sample sd, min and max', () => {
    // Mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; sample variance 5/3.
    const summary = summarise([3, 1, 4, 2]);
    expect(summary.mean).toBe(2.5);
    expect(summary.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(summary.min).toBe(1);
    expect(summary.max).toBe(4);
  });

  it('gives sd 0 for a single value and rejects an empty list', () => {
    expect(summarise([0.9])).toEqual({ mean: 0.9, sd: 0, min: 0.9, max: 0.9 });
    expect(() => summarise([])).toThrow(/empty/);
  });
});
