import { describe, expect, it } from 'vitest';
import { ColumnProfiler } from '../../csv/column-profile';
import { distinctText, missingText, rangeText, topValues, useChoices, valuesText } from './column-facts';

/** Real profiles of a small file: the table's words are tested on what the profiler produces. */
function profiles(header: string[], rows: string[][]) {
  const profiler = new ColumnProfiler(header);
  profiler.add(rows);
  return profiler.finish();
}

describe('column facts', () => {
  const rows = Array.from({ length: 40 }, (_, i) => [
    i < 3 ? '' : String(i % 4),
    i % 3 === 0 ? 'red' : i % 3 === 1 ? 'green' : 'a very long colour name that will not fit in a cell',
  ]);
  const [numbers, colours] = profiles(['n', 'colour'], rows);

  it('counts missing cells with their share', () => {
    expect(missingText(numbers)).toBe('3 (7.5%)');
    expect(missingText(colours)).toBe('0');
  });

  it('says "<0.1%" for a share one decimal would round to zero', () => {
    expect(missingText({ ...numbers, rows: 1_000_000, missing: 12 })).toBe('12 (<0.1%)');
  });

  it('marks a capped distinct count as "at least"', () => {
    expect(distinctText(numbers)).toBe('4');
    expect(distinctText({ ...colours, distinct: 2000, distinctCapped: true })).toBe('≥ 2,000');
  });

  it('lists the top values with their rows, each clipped', () => {
    expect(topValues(colours)).toEqual(['red (14)', 'green (13)', 'a very long colour… (13)']);
    expect(topValues(numbers, 1)).toHaveLength(1);
  });

  it('writes the values as a line that says when there are more than it shows', () => {
    expect(valuesText(colours)).toBe('red (14), green (13), a very long colour… (13)');
    expect(valuesText(colours, 2)).toBe('red (14), green (13), …');
  });

  it('offers the allowed uses, and the current one when the plan has a use the values do not allow', () => {
    expect(useChoices(['number', 'category', 'ignore'], 'ignore')).toEqual(['number', 'category', 'ignore']);
    expect(useChoices(['category', 'ignore'], 'number')).toEqual(['category', 'ignore', 'number']);
    expect(useChoices(['category', 'ignore'], undefined)).toEqual(['category', 'ignore']);
  });

  it('gives the range of number and date columns in their own terms', () => {
    const [size, day, stamp] = profiles(
      ['size', 'day', 'stamp'],
      Array.from({ length: 30 }, (_, i) => [
        String(0.5 + i / 4),
        `2024-01-${String(1 + i).padStart(2, '0')}`,
        `2024-03-01 ${String(i % 24).padStart(2, '0')}:15`,
      ]),
    );
    expect(size.kind).toBe('number');
    expect(rangeText(size)).toBe('0.5 – 7.75');
    expect(day.kind).toBe('date');
    expect(rangeText(day)).toBe('2024-01-01 – 2024-01-30');
    expect(rangeText(stamp)).toBe('2024-03-01 00:15 – 2024-03-01 23:15');
    expect(rangeText(colours)).toBe('');
  });
});
