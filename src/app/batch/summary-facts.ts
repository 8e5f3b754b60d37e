import type { ScoreSummary } from '../../score/score-csv';
import { formatDuration } from '../shared/time-left';
import { countOf, formatCount } from './score-progress-text';

/** One figure of a scored file's summary: what it is, and its value as shown. */
export interface SummaryFact {
  readonly term: string;
  readonly value: string;
  /** A longer value ("1.2 s, 850,000 rows/s"): given a whole row of a phone's two columns of figures. */
  readonly wide?: true;
}

/** True when the file had rows and none of them could be scored: then there is no result to speak of. */
export function nothingScored(summary: Pick<ScoreSummary, 'rows' | 'scoredRows'>): boolean {
  return summary.rows > 0 && summary.scoredRows === 0;
}

/**
 * The summary's figures. Of a file in which no row could be scored, only the counts: a range check and a
 * speed of no scored row say nothing. A speed with no time measured is left out too, never NaN or Infinity.
 * The benches read the time and speed as the page shows them ("Time 1.2 s, 850,000 rows/s").
 */
export function summaryFacts(summary: ScoreSummary): SummaryFact[] {
  const facts: SummaryFact[] = [
    { term: 'Rows', value: formatCount(summary.rows) },
    { term: 'Scored', value: formatCount(summary.scoredRows) },
    { term: 'Not scored (bad rows)', value: formatCount(summary.badRows) },
  ];
  if (nothingScored(summary)) return facts;
  const time = formatDuration(summary.seconds * 1000);
  const speed =
    summary.seconds > 0 && Number.isFinite(summary.rowsPerSecond)
      ? `, ${formatCount(summary.rowsPerSecond)} rows/s`
      : '';
  facts.push(
    { term: 'Outside the training range', value: countOf(summary.outsideRangeRows, 'row') },
    { term: 'Time', value: `${time}${speed}`, wide: true },
  );
  return facts;
}
