import { describe, expect, it } from 'vitest';
import { PREVIEW_LIMITS, previewTable } from './preview-table';

describe('previewTable', () => {
  it('keeps a small table as it is', () => {
    const table = previewTable(['a', 'b'], [['1', '2'], ['3']]);
    expect(table).toEqual({ header: ['a', 'b'], rows: [['1', '2'], ['3']], columns: 2 });
  });

  it('keeps the first columns of a wide file and counts them all', () => {
    const header = Array.from({ length: 20_000 }, (_, i) => `c${i}`);
    const table = previewTable(header, [header.map((_, i) => String(i))]);
    expect(table.columns).toBe(20_000);
    expect(table.header).toHaveLength(PREVIEW_LIMITS.columns);
    expect(table.header.at(-1)).toBe(`c${PREVIEW_LIMITS.columns - 1}`);
    expect(table.rows[0]).toHaveLength(PREVIEW_LIMITS.columns);
  });

  it('shortens a long name or cell', () => {
    const table = previewTable(['x'.repeat(3_000_000)], [['y'.repeat(3_000_000)]]);
    expect(table.header[0].length).toBeLessThan(120);
    expect(table.rows[0][0]).toMatch(/^y{80}… \(3,000,000 characters\)$/);
  });

  it('keeps the columns asked for, in order', () => {
    const table = previewTable(['a', 'b', 'c', 'd'], [['1', '2', '3', '4']], [0, 3]);
    expect(table).toEqual({ header: ['a', 'd'], rows: [['1', '4']], columns: 4 });
  });
});
