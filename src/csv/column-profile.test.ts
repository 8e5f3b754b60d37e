import { describe, expect, it } from 'vitest';
import { profileBenchCsv } from '../../bench/profile-bench';
import { shorten } from '../core/short-text';
import {
  type ColumnProfile,
  ColumnProfiler,
  DISTINCT_CAP,
  HISTOGRAM_BINS,
  SAMPLE_SIZE,
} from './column-profile';
import type { SimpleRecord } from './simple-records';
import { streamCsv } from './stream-csv';

/**
 * Profiles one column of cells (each cell a row), in one batch; when every cell is plain ASCII it also
 * profiles them as byte records (the worker's way, addRecord) and checks the two profiles are the same,
 * so every test here holds for both paths.
 */
function profileOf(
  cells: readonly string[],
  options?: { decimalComma?: boolean; seed?: number },
): ColumnProfile {
  const profiler = new ColumnProfiler(['c'], options);
  profiler.add(cells.map((cell) => [cell]));
  const profile = profiler.finish()[0];
  if (cells.every((cell) => /^[ -~\t]*$/.test(cell))) {
    const fromBytes = new ColumnProfiler(['c'], options);
    for (const cell of cells) fromBytes.addRecord(recordOf([cell]));
    expect(fromBytes.finish()[0]).toEqual(profile);
  }
  return profile;
}

/** A SimpleRecord of ASCII cells, as streamCsv's byte path gives one. */
function recordOf(cells: readonly string[]): SimpleRecord {
  const bytes = new TextEncoder().encode(cells.join(','));
  const ends = new Int32Array(cells.length);
  let end = -1;
  cells.forEach((cell, i) => {
    end += cell.length + 1;
    ends[i] = end;
  });
  return { bytes, start: 0, end: bytes.length, ends, fields: cells.length, row: 2 };
}

const range = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('ColumnProfiler kinds', () => {
  it('reads a number column: exact min, max and mean, a histogram of every value when they are few', () => {
    const cells = ['1.5', '2', ' 3 ', '4', '4', '-0.5', '1e1', '4'];
    const profile = profileOf(cells);
    expect(profile).toMatchObject({ kind: 'number', reason: '', rows: 8, missing: 0, distinct: 6 });
    expect(profile.numeric).toMatchObject({ min: -0.5, max: 10, integer: false });
    expect(profile.numeric!.mean).toBe(28 / 8);
    expect(profile.numeric!.histogram).toHaveLength(HISTOGRAM_BINS);
    // Bins 0.525 wide from -0.5: -0.5 → bin 0, 1.5 → 3, 2 → 4, 3 → 6, 4 → 8, 10 → the last.
    expect(profile.numeric!.histogram).toEqual([1, 0, 0, 1, 1, 0, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(profile.date).toBeUndefined();
  });

  it('counts blanks and missing markers as missing in a number column, and leaves them out of the values', () => {
    const cells = ['1', '', 'NA', '2', '  ', 'n/a', '3', '?', '-', 'null', 'NaN', '2'];
    const profile = profileOf(cells);
    expect(profile).toMatchObject({ kind: 'number', rows: 12, missing: 8, distinct: 3 });
    expect(profile.top).toEqual([
      { value: '2', count: 2 },
      { value: '1', count: 1 },
      { value: '3', count: 1 },
    ]);
    expect(profile.numeric).toMatchObject({ min: 1, max: 3, mean: 2, integer: true });
  });

  it('reads a column with a word among the numbers as categories, where NA is a value like any other', () => {
    const cells = [...range(30, (i) => String(i % 3)), 'NA', 'NA', 'lots', ''];
    const profile = profileOf(cells);
    expect(profile).toMatchObject({ kind: 'category', missing: 1, distinct: 5 });
    expect(profile.numeric).toBeUndefined();
    expect(profile.top.map((top) => top.value)).toEqual(['0', '1', '2', 'NA', 'lots']);
  });

  it('reads categories: few values that repeat', () => {
    const cells = range(100, (i) => ['red', 'green', 'blue'][i % 3]);
    expect(profileOf(cells)).toMatchObject({ kind: 'category', reason: '', distinct: 3, missing: 0 });
  });

  it('reads a small file with up to 20 values as categories', () => {
    const cells = range(30, (i) => `v${i % 18}`);
    expect(profileOf(cells)).toMatchObject({ kind: 'category', distinct: 18 });
    // The same share of different values in a larger file is free text.
    expect(profileOf(range(60, (i) => `v${i % 36}`))).toMatchObject({ kind: 'text', distinct: 36 });
  });

  it('reads free text, and says so', () => {
    const cells = range(100, (i) => `comment ${i % 70}`);
    expect(profileOf(cells)).toMatchObject({
      kind: 'text',
      distinct: 70,
      reason: 'Free text: 70 different values in 100 rows.',
    });
    expect(profileOf([...cells, ''])).toMatchObject({
      kind: 'text',
      reason: 'Free text: 70 different values in 100 rows with a value.',
    });
  });

  it('reads a column of more than 1,000 values as text, however much they repeat', () => {
    const cells = range(5000, (i) => `c${i % 1001}`);
    expect(profileOf(cells)).toMatchObject({ kind: 'text', distinct: 1001 });
    expect(profileOf(range(5000, (i) => `c${i % 1000}`))).toMatchObject({ kind: 'category', distinct: 1000 });
  });

  it('reads a text column of different values as an identifier, from 95% different on', () => {
    expect(profileOf(range(40, (i) => `user-${i}`))).toMatchObject({
      kind: 'identifier',
      reason: 'Every row has a different value (an identifier).',
    });
    const mostly = range(100, (i) => `user-${Math.min(i, 95)}`);
    expect(profileOf(mostly)).toMatchObject({
      kind: 'identifier',
      distinct: 96,
      reason: '96 different values in 100 rows (an identifier).',
    });
    expect(profileOf(range(100, (i) => `user-${Math.min(i, 93)}`))).toMatchObject({ kind: 'text' });
    // Fewer than 20 rows prove nothing.
    expect(profileOf(range(19, (i) => `user-${i}`))).toMatchObject({ kind: 'category' });
  });

  it('reads an integer column of all-different values as an identifier, floats as numbers', () => {
    const ids = range(25, (i) => String(1000 + i * 2));
    const profile = profileOf([...ids, '']);
    expect(profile).toMatchObject({
      kind: 'identifier',
      reason: 'Every non-blank row has a different value (an identifier).',
      distinct: 25,
    });
    expect(profile.numeric).toMatchObject({ min: 1000, max: 1048, integer: true });
    expect(profileOf([...ids, ids[0]])).toMatchObject({ kind: 'number' });
    expect(profileOf(range(19, (i) => String(i)))).toMatchObject({ kind: 'number' });
    expect(profileOf(range(25, (i) => `${i}.5`))).toMatchObject({ kind: 'number' });
  });

  it('reads all-different integers spread over a wide range as numbers, unless the name says ID', () => {
    // Body masses in grams: 40 different values over 3,000 grams.
    const grams = range(40, (i) => String(3000 + ((i * 7919) % 3000)));
    expect(new Set(grams).size).toBe(40);
    expect(profileOf(grams)).toMatchObject({ kind: 'number' });
    for (const name of ['customer_id', 'Order No', 'userId', 'ID']) {
      const profiler = new ColumnProfiler([name]);
      profiler.add(grams.map((value) => [value]));
      expect(profiler.finish()[0]).toMatchObject({ kind: 'identifier' });
    }
  });

  it('reads a column with one value as constant, by value for numbers', () => {
    expect(profileOf(range(10, () => 'yes'))).toMatchObject({
      kind: 'constant',
      reason: 'Every row has the same value.',
      distinct: 1,
      top: [{ value: 'yes', count: 10 }],
    });
    expect(profileOf(['x', '', 'x'])).toMatchObject({
      kind: 'constant',
      reason: 'Every non-blank row has the same value.',
    });
    const numbers = profileOf(['1', '1.0', ' 1', 'NA']);
    expect(numbers).toMatchObject({ kind: 'constant', distinct: 2, missing: 1 });
    expect(numbers.numeric).toMatchObject({ min: 1, max: 1, histogram: [3, ...Array(19).fill(0)] });
  });

  it('reads a column of blanks as empty, and one of blanks and markers too', () => {
    expect(profileOf(['', ' ', '\t'])).toMatchObject({
      kind: 'empty',
      reason: 'Every cell is blank.',
      missing: 3,
      distinct: 0,
      top: [],
    });
    expect(profileOf(['NA', '', 'n/a'])).toMatchObject({
      kind: 'empty',
      reason: 'Every cell is blank or a missing-value marker (NA, ?, …).',
      missing: 3,
      distinct: 0,
    });
  });

  it('reads decimal commas only when asked, and then no decimal points', () => {
    const cells = ['1,5', '-2,25', '3', 'NA'];
    expect(profileOf(cells)).toMatchObject({ kind: 'category' });
    const profile = profileOf(cells, { decimalComma: true });
    expect(profile).toMatchObject({ kind: 'number', missing: 1 });
    expect(profile.numeric).toMatchObject({ min: -2.25, max: 3, integer: false });
    expect(profileOf(['1,5', '1,2,3'], { decimalComma: true }).kind).toBe('category');
    expect(profileOf(['1,5', '1.5'], { decimalComma: true }).kind).toBe('category');
    expect(profileOf(['1.5', '2'])).toMatchObject({ kind: 'number' });
  });
});

describe('ColumnProfiler dates', () => {
  it('reads ISO dates and date-times, with markers as missing', () => {
    const profile = profileOf(['2013-01-05', '2013-03-01T10:30', 'NA', '', '2012-12-31 23:59:59Z']);
    expect(profile).toMatchObject({ kind: 'date', reason: '', missing: 2, distinct: 3 });
    expect(profile.date).toMatchObject({
      order: 'ymd',
      hasTime: true,
      min: Date.UTC(2012, 11, 31, 23, 59, 59),
      max: Date.UTC(2013, 2, 1, 10, 30),
    });
    expect(sum(profile.date!.histogram)).toBe(3);
    expect(profileOf(['2013-01-05', '2013-01-06']).date).toMatchObject({ hasTime: false });
  });

  it('reads month-first dates when a second part is over 12', () => {
    const profile = profileOf(['1/5/2013', '1/13/2013', '12/1/2013 8:00']);
    expect(profile.kind).toBe('date');
    expect(profile.date).toMatchObject({
      order: 'mdy',
      hasTime: true,
      min: Date.UTC(2013, 0, 5),
      max: Date.UTC(2013, 11, 1, 8),
    });
  });

  it('reads day-first dates when a first part is over 12, whichever comes first', () => {
    const profile = profileOf(['1/5/2013', '2013-02-01', '13.1.2013', '5-1-2013']);
    expect(profile.kind).toBe('date');
    expect(profile.date).toMatchObject({
      order: 'dmy',
      min: Date.UTC(2013, 0, 5),
      max: Date.UTC(2013, 4, 1),
    });
  });

  it('reads month-first when nothing tells the orders apart', () => {
    expect(profileOf(['1/5/2013', '2/6/2013']).date).toMatchObject({
      order: 'mdy',
      min: Date.UTC(2013, 0, 5),
      max: Date.UTC(2013, 1, 6),
    });
  });

  it('reads a column whose dates fit no one order as categories', () => {
    expect(profileOf(['13/1/2013', '1/13/2013'])).toMatchObject({ kind: 'category' });
    expect(profileOf(['2013-01-05', '2013-02-30'])).toMatchObject({ kind: 'category' });
    expect(profileOf(['2013-01-05', '5'])).toMatchObject({ kind: 'category' });
  });
});

describe('ColumnProfiler rows and batches', () => {
  const header = ['id', 'size', 'colour', 'when', 'note'];
  const rows = range(3000, (i) =>
    [
      String(i + 1),
      i % 17 === 0 ? '' : i % 23 === 0 ? 'NA' : (((i * 7919) % 1000) / 10).toFixed(1),
      ['red', 'green', 'blue', 'cyan'][(i * 31) % 4],
      `2020-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      `note ${(i * 13) % 2000}`,
    ].join('|'),
  ).map((line) => line.split('|'));

  it('gives the same profile whatever the batches', () => {
    const whole = new ColumnProfiler(header, { seed: 7 });
    whole.add(rows);
    const expected = whole.finish();
    for (const size of [1, 7, 1000, 2999]) {
      const profiler = new ColumnProfiler(header, { seed: 7 });
      for (let start = 0; start < rows.length; start += size) profiler.add(rows.slice(start, start + size));
      expect(profiler.finish()).toEqual(expected);
    }
    expect(expected.map((profile) => profile.kind)).toEqual([
      'identifier',
      'number',
      'category',
      'date',
      'text',
    ]);
    expect(expected[1]).toMatchObject({ missing: Math.ceil(3000 / 17) + 123, rows: 3000 });
  });

  it('samples deterministically: the seed picks the sample, the same seed gives the same histogram', () => {
    const cells = range(20_000, (i) => String((i * 7919) % 20_000));
    const first = profileOf(cells, { seed: 1 }).numeric!.histogram;
    expect(profileOf(cells, { seed: 1 }).numeric!.histogram).toEqual(first);
    expect(profileOf(cells, { seed: 2 }).numeric!.histogram).not.toEqual(first);
    // A uniform column: every bin near 1,000 of the 20,000 rows it stands for (a sample of 4,096 values).
    expect(sum(first)).toBeGreaterThan(19_990);
    expect(sum(first)).toBeLessThan(20_010);
    for (const count of first) expect(Math.abs(count - 1000)).toBeLessThan(250);
    expect(SAMPLE_SIZE).toBe(4096);
  });

  it('treats missing cells of short rows as blanks and ignores extra cells', () => {
    const profiler = new ColumnProfiler(['a', 'b', 'c']);
    profiler.add([['1', '2', '3'], ['4'], ['5', '6', '7', '8', '9'], []]);
    const [a, b, c] = profiler.finish();
    expect(a).toMatchObject({ rows: 4, missing: 1, distinct: 3 });
    expect(b).toMatchObject({ rows: 4, missing: 2, distinct: 2 });
    expect(c).toMatchObject({
      rows: 4,
      missing: 2,
      distinct: 2,
      top: [
        { value: '3', count: 1 },
        { value: '7', count: 1 },
      ],
    });
  });

  it('profiles a file with no rows', () => {
    expect(new ColumnProfiler(['a']).finish()).toEqual([
      {
        name: 'a',
        kind: 'empty',
        reason: 'Every cell is blank.',
        rows: 0,
        missing: 0,
        distinct: 0,
        distinctCapped: false,
        top: [],
      },
    ]);
  });
});

describe('ColumnProfiler distinct values', () => {
  it('lists the ten most frequent values, ties in order of first appearance, trimmed', () => {
    const cells = [
      ...range(12, (i) => `v${i}`),
      ...range(5, () => 'v7'),
      ...range(5, () => ' v3 '),
      ...range(2, () => 'v11'),
      ...range(2, () => 'v0'),
    ];
    const { top, distinct } = profileOf(cells);
    expect(distinct).toBe(12);
    expect(top).toEqual([
      { value: 'v3', count: 6 },
      { value: 'v7', count: 6 },
      { value: 'v0', count: 3 },
      { value: 'v11', count: 3 },
      ...['v1', 'v2', 'v4', 'v5', 'v6', 'v8'].map((value) => ({ value, count: 1 })),
    ]);
  });

  it('stops counting new values at the cap, and still counts the ones it has', () => {
    const over = DISTINCT_CAP + 10_000;
    const cells = [...range(over, (i) => `key-${i}`), 'key-0', 'key-0', `key-${over - 1}`];
    const profile = profileOf(cells);
    expect(profile).toMatchObject({
      kind: 'identifier',
      distinct: DISTINCT_CAP,
      distinctCapped: true,
      reason: `At least ${DISTINCT_CAP.toLocaleString('en')} different values in ${(over + 3).toLocaleString('en')} rows (an identifier).`,
    });
    expect(profile.top[0]).toEqual({ value: 'key-0', count: 3 });
    expect(profile.top[1]).toEqual({ value: 'key-1', count: 1 });
  });

  it('tells a capped identifier from capped free text by how often the values counted come back', () => {
    // Each value twice: the first cells look all different, but half the rows repeat.
    const twice = range(2 * (DISTINCT_CAP + 20_000), (i) => `t${i % (DISTINCT_CAP + 20_000)}`);
    expect(profileOf(twice)).toMatchObject({ kind: 'text', distinctCapped: true });
  });

  it('reads capped integer IDs as an identifier, and capped integers that repeat as numbers', () => {
    const ids = range(DISTINCT_CAP + 5000, (i) => String(i + 1));
    const profile = profileOf(ids);
    expect(profile).toMatchObject({ kind: 'identifier', distinctCapped: true });
    expect(profile.reason).toMatch(/^At least 50,000 different values in 55,000 rows, none repeated/);
    expect(profile.numeric).toMatchObject({
      min: 1,
      max: DISTINCT_CAP + 5000,
      mean: (DISTINCT_CAP + 5001) / 2,
    });
    expect(profileOf([...ids, '7'])).toMatchObject({ kind: 'number', distinctCapped: true });
  });

  it('lowers the cap for a wide file, but keeps more than any category has', () => {
    const width = 300;
    const profiler = new ColumnProfiler(range(width, (i) => `c${i}`));
    profiler.add(range(2100, (r) => range(width, (c) => (c === 0 ? `v${r}` : 'x'))));
    const [first, second] = profiler.finish();
    expect(first).toMatchObject({ distinct: 2000, distinctCapped: true, kind: 'identifier' });
    expect(second).toMatchObject({ kind: 'constant', distinct: 1 });
  });

  it('shortens a megabyte cell in the top values, and counts it by its whole text', () => {
    const big = 'x'.repeat(1_000_000);
    const profile = profileOf([big, `${big}y`, big, ` ${big}`]);
    expect(profile.distinct).toBe(2);
    expect(profile.top).toEqual([
      { value: shorten(big, 80), count: 3 },
      { value: shorten(`${big}y`, 80), count: 1 },
    ]);
    expect(profile.top[0].value.length).toBeLessThan(120);
    // Bounded work a cell: linear in its length (a few ms here), nowhere near this timeout.
  }, 2000);
});

describe('ColumnProfiler on byte records', () => {
  /** Profiles a file as the worker reads it (plain records as bytes) or all as text. */
  async function profileFile(text: string, asBytes: boolean): Promise<ColumnProfile[]> {
    let profiler: ColumnProfiler | undefined;
    await streamCsv(new Blob([text]), {
      keepRaggedRows: true,
      chunkBytes: 1024,
      onHeader: (header, _delimiter, decimal) => {
        profiler = new ColumnProfiler(header, { decimalComma: decimal === ',', seed: 3 });
      },
      ...(asBytes ? { onRecord: (record: SimpleRecord) => profiler!.addRecord(record) } : {}),
      onRows: (rows) => profiler!.add(rows),
    });
    return profiler!.finish();
  }

  it('gives the profile the text gives: ids past the cap, numbers, blanks, NA, categories, dates', async () => {
    const text = profileBenchCsv(3000);
    const fromBytes = await profileFile(text, true);
    expect(fromBytes).toEqual(await profileFile(text, false));
    expect(fromBytes.map((column) => column.kind)).toContain('date');
  });

  it('gives the same profile for decimal commas, spaces around values, short rows and a quoted tail', async () => {
    const rows = Array.from({ length: 400 }, (_, i) =>
      i === 300
        ? '"x, y";1,5;'
        : `${i % 7 === 0 ? ' ' : ''}${(i % 13) / 4};${i % 5 === 0 ? '' : 'a b'};${i % 3}`,
    );
    const text = `p;q;r\n${rows.join('\n')}\n1,25\n`;
    expect(await profileFile(text, true)).toEqual(await profileFile(text, false));
  });

  it('reads decimal commas past the distinct cap from the bytes as the text reads them', () => {
    const cells = range(DISTINCT_CAP + 500, (i) => `${i},5`);
    const profile = profileOf(cells, { decimalComma: true });
    expect(profile).toMatchObject({ kind: 'number', distinctCapped: true });
    expect(profile.numeric).toMatchObject({ min: 0.5, max: DISTINCT_CAP + 499.5 });
    // A decimal point is no number in a decimal-comma file, past the cap too.
    expect(profileOf([...cells, '7.5'], { decimalComma: true }).kind).not.toBe('number');
  });

  it('counts a value once whether it came as bytes or as text', async () => {
    // The quote at row 50 sends the rest of the file through papaparse: the values repeat across the switch.
    const rows = Array.from({ length: 100 }, (_, i) =>
      i === 50 ? '"red",1' : `${['red', 'blue'][i % 2]},${i}`,
    );
    const [colour] = await profileFile(`colour,n\n${rows.join('\n')}\n`, true);
    expect(colour).toMatchObject({ kind: 'category', distinct: 2 });
    expect(colour.top).toEqual([
      { value: 'red', count: 50 },
      { value: 'blue', count: 50 },
    ]);
  });
});
