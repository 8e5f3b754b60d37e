import { describe, expect, it } from 'vitest';
import { countOf, progressShare, scoreProgressText } from './score-progress-text';

describe('scoreProgressText', () => {
  it('shows rows, percent, speed and time left', () => {
    expect(
      scoreProgressText({
        rows: 120_000,
        bytes: 45,
        totalBytes: 100,
        rowsPerSecond: 650_321.4,
        secondsLeft: 0.4,
      }),
    ).toBe('120,000 rows · 45% · 650,321 rows/s · about 1 s left');
  });

  it('says it is starting before the first report, and leaves out what is unknown', () => {
    expect(scoreProgressText(null)).toBe('Starting…');
    expect(scoreProgressText({ rows: 10, bytes: 5, rowsPerSecond: 100 })).toBe(
      '10 rows · 100 rows/s · estimating time left',
    );
  });

  it('gives the share read, 0 when the size is unknown', () => {
    expect(progressShare({ rows: 1, bytes: 25, totalBytes: 100, rowsPerSecond: 1 })).toBe(0.25);
    expect(progressShare({ rows: 1, bytes: 25, rowsPerSecond: 1 })).toBe(0);
    expect(progressShare(null)).toBe(0);
  });

  it('counts with the noun in the singular for one', () => {
    expect(countOf(1, 'row')).toBe('1 row');
    expect(countOf(0, 'row')).toBe('0 rows');
    expect(countOf(1204, 'row')).toBe('1,204 rows');
    expect(scoreProgressText({ rows: 1, bytes: 5, rowsPerSecond: 100 })).toBe(
      '1 row · 100 rows/s · estimating time left',
    );
  });
});
