import { describe, expect, it } from 'vitest';
import type { BadRow } from '../../score/score-types';
import { groupBadRows, groupRows, rowRanges } from './bad-row-groups';

const NOT_A_NUMBER = 'column "petal_length": "abc" is not a number';
const EMPTY = 'column "sepal_width" is empty (the model was trained without blanks there)';
const bad = (row: number, message: string): BadRow => ({ row, message, columns: [] });

describe('groupBadRows', () => {
  it('lists a problem every row shares once, with all its rows', () => {
    const rows = [2, 3, 4, 5, 6, 7, 8, 9].map((row) => bad(row, NOT_A_NUMBER));
    const groups = groupBadRows(rows);
    expect(groups).toEqual([{ rows: [2, 3, 4, 5, 6, 7, 8, 9], message: NOT_A_NUMBER }]);
    expect(groups.map(groupRows)).toEqual(['2–9 (8\u00a0rows)']);
  });

  it('keeps different problems apart, in the order they first appear, and a lone row as its number', () => {
    const groups = groupBadRows([
      bad(4, EMPTY),
      bad(5, NOT_A_NUMBER),
      bad(6, EMPTY),
      bad(7, EMPTY),
      bad(452, 'the row has 3 values but the header has 6 columns'),
    ]);
    expect(groups.map((group) => [groupRows(group), group.message])).toEqual([
      ['4, 6–7 (3\u00a0rows)', EMPTY],
      ['5', NOT_A_NUMBER],
      ['452', 'the row has 3 values but the header has 6 columns'],
    ]);
  });

  it('has no group for no bad row', () => {
    expect(groupBadRows([])).toEqual([]);
  });
});

describe('rowRanges', () => {
  it('joins consecutive rows into runs, and gives file row numbers without thousands separators', () => {
    expect(rowRanges([2, 3, 4, 7, 9, 10])).toBe('2–4, 7, 9–10');
    expect(rowRanges([1000, 150000])).toBe('1000, 150000');
    expect(rowRanges([])).toBe('');
  });
});
