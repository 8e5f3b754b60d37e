import type { BadRow } from '../../score/score-types';

/** Rows that could not be scored for one and the same reason. */
export interface BadRowGroup {
  /** File row numbers (the header is row 1), ascending. */
  readonly rows: readonly number[];
  /** The reason, as the rows' `error` cell gives it: it names the column and the cell. */
  readonly message: string;
}

/**
 * Bad rows grouped by their message, in the order each problem first appears: a file whose every row has
 * the same fault lists it once ("rows 2–9") rather than once a row, and a table of them stays readable.
 */
export function groupBadRows(bad: readonly BadRow[]): BadRowGroup[] {
  const groups = new Map<string, number[]>();
  for (const { row, message } of bad) {
    const rows = groups.get(message);
    if (rows) rows.push(row);
    else groups.set(message, [row]);
  }
  return [...groups].map(([message, rows]) => ({ rows: rows.sort((a, b) => a - b), message }));
}

/** File row numbers in runs: [2, 3, 4, 7, 9, 10] → "2–4, 7, 9–10". Numbers as a spreadsheet shows them. */
export function rowRanges(rows: readonly number[]): string {
  const runs: string[] = [];
  for (let start = 0; start < rows.length; ) {
    let end = start;
    while (end + 1 < rows.length && rows[end + 1] === rows[end] + 1) end++;
    runs.push(end === start ? `${rows[start]}` : `${rows[start]}–${rows[end]}`);
    start = end + 1;
  }
  return runs.join(', ');
}

/**
 * A group's rows for the table's "Rows" cell: "452", or "2–9 (8 rows)" when there are several, the count
 * kept on one line (a no-break space) where a narrow cell wraps.
 */
export function groupRows(group: BadRowGroup): string {
  const { rows } = group;
  return rows.length === 1 ? rowRanges(rows) : `${rowRanges(rows)} (${rows.length}\u00a0rows)`;
}
