import { describe, expect, it } from 'vitest';
import { type DatePart, dateParts } from '../core/pipeline/date-parts';
import { DateReading, isMissingMarker, parseDate, readDate } from './parse-date';

const utc = (text: string) => Date.parse(text);

describe('parseDate', () => {
  it.each([
    ['2013-01-05', '2013-01-05T00:00:00Z', false],
    ['2013/01/05', '2013-01-05T00:00:00Z', false],
    ['2013-1-5', '2013-01-05T00:00:00Z', false],
    ['  2013-01-05\t', '2013-01-05T00:00:00Z', false],
    ['2013-01-05T10:30', '2013-01-05T10:30:00Z', true],
    ['2013-01-05t10:30', '2013-01-05T10:30:00Z', true],
    ['2013-01-05 10:30', '2013-01-05T10:30:00Z', true],
    ['2013-01-05T10:30:15', '2013-01-05T10:30:15Z', true],
    ['2013-01-05T10:30:15.5', '2013-01-05T10:30:15.500Z', true],
    ['2013-01-05T10:30:15.123', '2013-01-05T10:30:15.123Z', true],
    ['2013-01-05T10:30:15.123999', '2013-01-05T10:30:15.123Z', true],
    ['2013-01-05T10:30:15Z', '2013-01-05T10:30:15Z', true],
    ['2013-01-05T10:30:15.250z', '2013-01-05T10:30:15.250Z', true],
    ['2013-01-05T10:30+02:00', '2013-01-05T08:30:00Z', true],
    ['2013-01-05 01:30:00-05:30', '2013-01-05T07:00:00Z', true],
    ['2013-01-05T23:30-01:00', '2013-01-06T00:30:00Z', true],
    ['2012-02-29', '2012-02-29T00:00:00Z', false],
    ['2000-02-29', '2000-02-29T00:00:00Z', false],
    ['1000-01-01', '1000-01-01T00:00:00Z', false],
    ['9999-12-31T23:59:59', '9999-12-31T23:59:59Z', true],
    ['1969-12-31T23:59', '1969-12-31T23:59:00Z', true],
  ])('reads %j as %s under every order', (text, expected, hasTime) => {
    for (const order of ['ymd', 'mdy', 'dmy'] as const) {
      expect(parseDate(text, order)).toEqual({ time: utc(expected), hasTime });
    }
  });

  it('reads the wall clock as UTC, whatever the time zone of the machine', () => {
    expect(parseDate('2013-06-01 12:00')?.time).toBe(Date.UTC(2013, 5, 1, 12));
  });

  it.each([
    ['1/5/2013', 'mdy', '2013-01-05T00:00:00Z', false],
    ['1/5/2013', 'dmy', '2013-05-01T00:00:00Z', false],
    ['12/31/2013', 'mdy', '2013-12-31T00:00:00Z', false],
    ['31/12/2013', 'dmy', '2013-12-31T00:00:00Z', false],
    ['31.12.2013', 'dmy', '2013-12-31T00:00:00Z', false],
    ['31-12-2013', 'dmy', '2013-12-31T00:00:00Z', false],
    ['01/05/2013', 'mdy', '2013-01-05T00:00:00Z', false],
    ['1/5/2013 9:30', 'mdy', '2013-01-05T09:30:00Z', true],
    ['5/1/2013 23:59:59', 'dmy', '2013-01-05T23:59:59Z', true],
    [' 2/29/2012 ', 'mdy', '2012-02-29T00:00:00Z', false],
  ])('reads %j under %s as %s', (text, order, expected, hasTime) => {
    expect(parseDate(text, order as 'mdy' | 'dmy')).toEqual({ time: utc(expected), hasTime });
  });

  it.each([
    ['1/5/2013', 'ymd'],
    ['13/5/2013', 'mdy'],
    ['5/13/2013', 'dmy'],
    ['2/29/2013', 'mdy'],
    ['1/5-2013', 'mdy'],
    ['1/5/13', 'mdy'],
    ['1/5/2013T10:30', 'mdy'],
    ['1/5/2013 10:30Z', 'mdy'],
    ['1/5/2013 10:30:00.5', 'mdy'],
    ['2013-02-30', 'ymd'],
    ['2013-02-29', 'ymd'],
    ['1900-02-29', 'ymd'],
    ['2013-04-31', 'ymd'],
    ['2013-13-01', 'ymd'],
    ['2013-00-10', 'ymd'],
    ['2013-01-00', 'ymd'],
    ['0999-12-31', 'ymd'],
    ['10000-01-01', 'ymd'],
    ['2013-01-05T24:00', 'ymd'],
    ['2013-01-05T10:60', 'ymd'],
    ['2013-01-05T10:30:60', 'ymd'],
    ['2013-01-05T9:30', 'ymd'],
    ['2013-01-05T10', 'ymd'],
    ['2013-01-05T10:30:', 'ymd'],
    ['2013-01-05T10:30:15.', 'ymd'],
    ['2013-01-05T10:30+24:00', 'ymd'],
    ['2013-01-05T10:30+0200', 'ymd'],
    ['2013-01-05T10:30 Z', 'ymd'],
    ['2013-01-05T', 'ymd'],
    ['2013-01/05', 'ymd'],
    ['2013.01.05', 'ymd'],
    ['2013-001-05', 'ymd'],
    ['20130105', 'ymd'],
    ['2013', 'ymd'],
    ['', 'ymd'],
    ['   ', 'ymd'],
    ['2013-01-05 x', 'ymd'],
    ['x2013-01-05', 'ymd'],
    ['١٢/٠١/٢٠١٣', 'dmy'],
  ])('refuses %j under %s', (text, order) => {
    expect(parseDate(text, order as 'ymd' | 'mdy' | 'dmy')).toBeUndefined();
  });

  it('turns a 1 MB cell away at once, dates with a megabyte of padding included', () => {
    const cells = [
      '2013-01-05'.repeat(100_000),
      `2013-01-05T10:30:15.${'1'.repeat(1_000_000)}`,
      `${' '.repeat(500_000)}2013-01-05${' '.repeat(500_000)}`,
      '1/'.repeat(500_000),
    ];
    const read = cells.map((cell) => parseDate(cell, 'mdy'));
    expect(read).toEqual([
      undefined,
      undefined,
      { time: utc('2013-01-05T00:00:00Z'), hasTime: false },
      undefined,
    ]);
    // Linear work on 4 MB takes a few ms; a backtracking scan would take minutes and hit this timeout.
  }, 2000);
});

describe('readDate', () => {
  it('reads a cell under every order at once', () => {
    const reading = new DateReading();
    expect(readDate('3/4/2013 10:00', reading)).toBe(true);
    expect(reading).toMatchObject({
      ymd: Number.NaN,
      mdy: Date.UTC(2013, 2, 4, 10),
      dmy: Date.UTC(2013, 3, 3, 10),
      hasTime: true,
    });
    expect(readDate('13/4/2013', reading)).toBe(true);
    expect(reading).toMatchObject({
      ymd: Number.NaN,
      mdy: Number.NaN,
      dmy: Date.UTC(2013, 3, 13),
      hasTime: false,
    });
    expect(readDate('2013-04-13', reading)).toBe(true);
    const day = Date.UTC(2013, 3, 13);
    expect(reading).toMatchObject({ ymd: day, mdy: day, dmy: day, hasTime: false });
    expect(readDate('13/13/2013', reading)).toBe(false);
    expect(reading).toMatchObject({ ymd: Number.NaN, mdy: Number.NaN, dmy: Number.NaN });
  });
});

describe('dateParts', () => {
  const ALL: DatePart[] = ['year', 'month', 'dayOfYear', 'dayOfWeek', 'timeOfDay'];

  it.each([
    // 2013-01-05 was a Saturday.
    ['2013-01-05T00:00:00Z', [2013, 1, 5, 5, 0]],
    ['2013-01-07T18:45:00Z', [2013, 1, 7, 0, 18.75]],
    ['2012-12-31T23:59:59.999Z', [2012, 12, 366, 0, 23 + 59 / 60 + 59.999 / 3600]],
    ['2013-12-31T12:00:00Z', [2013, 12, 365, 1, 12]],
    ['2000-02-29T06:00:00Z', [2000, 2, 60, 1, 6]],
    ['1970-01-01T00:00:00Z', [1970, 1, 1, 3, 0]],
    ['1969-12-31T12:00:00Z', [1969, 12, 365, 2, 12]],
    ['1000-03-01T00:00:00Z', [1000, 3, 60, 5, 0]],
    ['9999-12-31T00:00:00Z', [9999, 12, 365, 4, 0]],
  ])('splits %s into its parts', (text, expected) => {
    const out = new Float64Array(7);
    dateParts(utc(text), ALL, out, 1);
    expect(out[0]).toBe(0);
    expect(out[6]).toBe(0);
    for (const [index, value] of expected.entries()) expect(out[1 + index]).toBeCloseTo(value, 9);
  });

  it('agrees with Date on every day of four years, in the order asked for', () => {
    const out = new Float32Array(3);
    const start = Date.UTC(2011, 0, 1);
    for (let day = 0; day < 4 * 366; day++) {
      const time = start + day * 86_400_000 + 3_600_000;
      const date = new Date(time);
      dateParts(time, ['dayOfWeek', 'month', 'year'], out, 0);
      expect([...out]).toEqual([(date.getUTCDay() + 6) % 7, date.getUTCMonth() + 1, date.getUTCFullYear()]);
    }
  });

  it('round-trips with parseDate', () => {
    const out = new Float64Array(2);
    dateParts(parseDate('31/12/2016 06:30', 'dmy')!.time, ['dayOfYear', 'timeOfDay'], out, 0);
    expect([...out]).toEqual([366, 6.5]);
  });

  it('writes NaN for a time that is not finite', () => {
    const out = new Float64Array(2);
    dateParts(Number.NaN, ['year', 'month'], out, 0);
    expect([...out]).toEqual([Number.NaN, Number.NaN]);
  });
});

describe('isMissingMarker', () => {
  it.each([
    '',
    ' ',
    '\t ',
    'NA',
    'na',
    'Na',
    ' NA ',
    'N/A',
    'n/a',
    'NaN',
    'nan',
    'NAN',
    'null',
    'NULL',
    'Null',
    '?',
    '-',
    ' - ',
  ])('%j means no value', (text) => {
    expect(isMissingMarker(text)).toBe(true);
  });

  it.each([
    '0',
    'N',
    'NA1',
    'N-A',
    'n.a',
    'nil',
    'none',
    'nulls',
    '--',
    '??',
    '-1',
    'a',
    'N/B',
    'nul',
    'Nx/A',
  ])('%j is a value', (text) => {
    expect(isMissingMarker(text)).toBe(false);
  });

  it('is a value, however long the cell', () => {
    expect(isMissingMarker(`NA${' '.repeat(1_000_000)}x`)).toBe(false);
    expect(isMissingMarker(`${' '.repeat(1_000_000)}NA `)).toBe(true);
  });
});
