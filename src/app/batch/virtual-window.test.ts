import { describe, expect, it } from 'vitest';
import { virtualWindow } from './virtual-window';

describe('virtualWindow', () => {
  const rows = (scrollTop: number, rowCount = 1_000_000) =>
    virtualWindow({ scrollTop, rowHeight: 28, rowCount, size: 30, overscan: 5 });

  it('starts at the top with a window of 30 rows and a spacer for the rest', () => {
    expect(rows(0)).toEqual({ start: 0, end: 30, before: 0, after: (1_000_000 - 30) * 28 });
  });

  it('keeps `overscan` rows above the first visible one', () => {
    // scrollTop 2800 px = row 100 at the top.
    expect(rows(2800)).toMatchObject({ start: 95, end: 125, before: 95 * 28 });
    // Part-way through a row: that row is still the first visible one.
    expect(rows(2800 + 27)).toMatchObject({ start: 95 });
  });

  it('never renders more than `size` rows, whatever the count', () => {
    for (const scrollTop of [0, 1e3, 1e6, 2.8e7 - 500]) {
      const window = rows(scrollTop);
      expect(window.end - window.start).toBe(30);
    }
  });

  it('clamps at the end so the last window is full', () => {
    expect(rows(1e12, 200)).toEqual({ start: 170, end: 200, before: 170 * 28, after: 0 });
  });

  it('keeps before + rows + after equal to the full height', () => {
    for (const scrollTop of [0, 140, 5000, 1e9]) {
      const w = rows(scrollTop, 200);
      expect(w.before + (w.end - w.start) * 28 + w.after).toBe(200 * 28);
    }
  });

  it('handles short lists, empty lists and negative scroll (overscroll bounce)', () => {
    expect(rows(0, 10)).toEqual({ start: 0, end: 10, before: 0, after: 0 });
    expect(rows(500, 0)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
    expect(rows(-50, 100)).toMatchObject({ start: 0, end: 30 });
  });

  it('defaults to 30 rows with 5 of overscan', () => {
    expect(virtualWindow({ scrollTop: 28 * 50, rowHeight: 28, rowCount: 100 })).toMatchObject({
      start: 45,
      end: 75,
    });
  });
});
