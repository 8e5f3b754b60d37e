import { describe, expect, it } from 'vitest';
import type { ScoreSummary } from '../../score/score-csv';
import { nothingScored, summaryFacts } from './summary-facts';

function summaryOf(counts: Partial<ScoreSummary>): ScoreSummary {
  return {
    rows: 36,
    scoredRows: 36,
    badRows: 0,
    outsideRangeRows: 0,
    seconds: 0.015,
    rowsPerSecond: 2416,
    ...counts,
  } as ScoreSummary;
}

describe('summaryFacts', () => {
  it('gives the counts, the range check, the time and the speed of a scored file', () => {
    expect(
      summaryFacts(summaryOf({ rows: 1234, scoredRows: 1233, badRows: 1, outsideRangeRows: 1 })),
    ).toEqual([
      { term: 'Rows', value: '1,234' },
      { term: 'Scored', value: '1,233' },
      { term: 'Not scored (bad rows)', value: '1' },
      { term: 'Outside the training range', value: '1 row' },
      { term: 'Time', value: '15 ms, 2,416 rows/s', wide: true },
    ]);
  });

  it('gives only the counts when no row could be scored: no range check or speed of nothing', () => {
    const summary = summaryOf({ rows: 8, scoredRows: 0, badRows: 8, seconds: 0.034, rowsPerSecond: 233 });
    expect(nothingScored(summary)).toBe(true);
    expect(summaryFacts(summary)).toEqual([
      { term: 'Rows', value: '8' },
      { term: 'Scored', value: '0' },
      { term: 'Not scored (bad rows)', value: '8' },
    ]);
  });

  it('leaves the speed out when no time was measured', () => {
    const facts = summaryFacts(summaryOf({ seconds: 0, rowsPerSecond: Infinity }));
    expect(facts.at(-1)).toEqual({ term: 'Time', value: '0 ms', wide: true });
  });
});
