import { describe, expect, it } from 'vitest';
import { evaluate } from '../../core/evaluate';
import { classMetricText, UNDEFINED_FIGURE } from './class-metric-text';

describe('classMetricText', () => {
  // a is predicted for every row; b has a row but is never predicted; c has no row and is never predicted.
  const metrics = evaluate({
    labels: [0, 0, 1],
    probabilities: Float32Array.from([0.9, 0.1, 0, 0.8, 0.2, 0, 0.6, 0.4, 0]),
    classes: ['a', 'b', 'c'],
  });
  const [a, b, c] = metrics.perClass;

  it('shows measured figures as percentages, a real zero included', () => {
    expect(classMetricText(a, 'precision')).toEqual({ text: '66.7%' });
    expect(classMetricText(a, 'recall')).toEqual({ text: '100.0%' });
    // b has a row, missed: recall and F1 are a real 0.
    expect(classMetricText(b, 'recall')).toEqual({ text: '0.0%' });
    expect(classMetricText(b, 'f1')).toEqual({ text: '0.0%' });
  });

  it('shows "—" with the reason for a precision of a class never predicted, not "0.0%"', () => {
    expect(classMetricText(b, 'precision')).toEqual({
      text: UNDEFINED_FIGURE,
      undefinedBecause: 'Not defined: no row was predicted as this class.',
    });
    expect(classMetricText(c, 'precision').text).toBe(UNDEFINED_FIGURE);
    expect(classMetricText(c, 'recall').undefinedBecause).toMatch(/no row has this class/);
    expect(classMetricText(c, 'f1').text).toBe(UNDEFINED_FIGURE);
  });

  it('keeps a precision of 0 that was measured (predicted, all wrong) as "0.0%"', () => {
    // b is predicted once, for a row of a: precision 0 of 1 prediction.
    const wrong = evaluate({
      labels: [0, 1],
      probabilities: Float32Array.from([0.2, 0.8, 0.9, 0.1]),
      classes: ['a', 'b'],
    }).perClass[1];
    expect(wrong.predicted).toBe(1);
    expect(classMetricText(wrong, 'precision')).toEqual({ text: '0.0%' });
  });

  it('shows figures as recorded when the predicted count is unknown (a saved model’s metrics)', () => {
    const saved = { label: 'b', precision: 0, recall: 0, f1: 0, support: 1 };
    expect(classMetricText(saved, 'precision')).toEqual({ text: '0.0%' });
  });
});
