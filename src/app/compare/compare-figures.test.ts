import { describe, expect, it } from 'vitest';
import { axisStart, axisTicks, percentMeanSd } from './compare-figures';

describe('the accuracy axis', () => {
  it('starts at 90% when every bar and error bar fits, lower in tenths or fifths otherwise, never below 0', () => {
    expect(axisStart([{ mean: 0.96, sd: 0.03 }])).toBe(0.9);
    expect(
      axisStart([
        { mean: 0.96, sd: 0.03 },
        { mean: 0.85, sd: 0.04 },
      ]),
    ).toBe(0.8);
    expect(axisStart([{ mean: 0.45, sd: 0.02 }])).toBe(0.4);
    expect(axisStart([{ mean: 0.35, sd: 0.02 }])).toBe(0.2);
    expect(axisStart([{ mean: 0.1, sd: 0.2 }])).toBe(0);
  });

  it('has four to six round ticks from its start to 100%', () => {
    for (const from of [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.2, 0]) {
      const ticks = axisTicks(from);
      expect(ticks[0]).toBe(from);
      expect(ticks[ticks.length - 1]).toBe(1);
      expect(ticks.length).toBeGreaterThanOrEqual(4);
      expect(ticks.length).toBeLessThanOrEqual(6);
    }
    expect(axisTicks(0.9)).toEqual([0.9, 0.92, 0.94, 0.96, 0.98, 1]);
  });
});

it('writes a share as a percentage with its spread in points', () => {
  expect(percentMeanSd({ mean: 0.97333, sd: 0.0211 })).toBe('97.3% ± 2.1');
});
