import { describe, expect, it } from 'vitest';
import { SHOWN_COLUMNS, shownColumns } from './shown-columns';

describe('shownColumns', () => {
  it('shows every column of a narrow file', () => {
    expect(shownColumns(3, 2)).toEqual([0, 1, 2]);
    expect(shownColumns(0, -1)).toEqual([]);
  });

  it('shows the first columns of a wide file', () => {
    const shown = shownColumns(1001, 10);
    expect(shown).toHaveLength(SHOWN_COLUMNS);
    expect(shown[SHOWN_COLUMNS - 1]).toBe(SHOWN_COLUMNS - 1);
  });

  it('adds the label when it lies beyond them', () => {
    expect(shownColumns(1001, 1000, 3)).toEqual([0, 1, 2, 1000]);
    expect(shownColumns(1001, -1, 3)).toEqual([0, 1, 2]);
  });
});
