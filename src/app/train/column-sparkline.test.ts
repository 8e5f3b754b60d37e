import { describe, expect, it } from 'vitest';
import { SPARK_HEIGHT, sparkBars } from './column-sparkline';

describe('sparkBars', () => {
  it('draws the fullest bin at full height and the others in proportion, on the bottom edge', () => {
    const bars = sparkBars([2, 4, 1], 30, 8);
    expect(bars.map((bar) => bar.height)).toEqual([4, 8, 2]);
    expect(bars.map((bar) => bar.y)).toEqual([4, 0, 6]);
    expect(bars.map((bar) => bar.x)).toEqual([0, 10, 20]);
    for (const bar of bars) expect(bar.width).toBeCloseTo(8.5);
  });

  it('leaves empty bins out and keeps a rare bin visible', () => {
    const bars = sparkBars([1000, 0, 1]);
    expect(bars).toHaveLength(2);
    expect(bars[0].height).toBe(SPARK_HEIGHT);
    expect(bars[1].height).toBe(1);
    expect(bars[1].y).toBe(SPARK_HEIGHT - 1);
  });

  it('draws nothing for an empty histogram', () => {
    expect(sparkBars([])).toEqual([]);
    expect(sparkBars([0, 0])).toEqual([]);
  });
});
