// Dates in CSV cells, read by hand over char codes: this runs per cell on millions of cells while a file is
// profiled, so a cell costs one linear pass with no regular expression, no allocation and no `Date` object,
// and a cell longer than any date is turned away after looking at its length.

import type { DateOrder } from '../core/pipeline/date-parts';

export type { DateOrder };

export interface ParsedDate {
  /**
   * Milliseconds since 1970-01-01T00:00Z of the wall-clock date and time read as UTC: a value without an
   * offset is not converted from any time zone; one with `Z` or `±HH:MM` is converted to UTC.
   */
  readonly time: number;
  /** The cell had a time of day (a date alone reads as midnight). */
  readonly hasTime: boolean;
}

/**
 * What `readDate` found in one cell under each order, so a column's order can be worked out in one pass.
 * A year-first (ISO) cell reads the same under every order. Reused from cell to cell: reading allocates
 * nothing.
 */
export class DateReading {
  /** The time under each order (see ParsedDate.time), NaN when the cell is not a valid date that way. */
  ymd = Number.NaN;
  mdy = Number.NaN;
  dmy = Number.NaN;
  hasTime = false;
}

const TAB = 9;
const SPACE = 32;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const SLASH = 47;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const QUESTION = 63;
const UPPER_T = 84;
const UPPER_Z = 90;
const LOWER_A = 97;
const LOWER_L = 108;
const LOWER_N = 110;
const LOWER_T = 116;
const LOWER_U = 117;
const LOWER_Z = 122;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
/** Longer than any date this reads ("2013-01-05T10:30:00.123456789+05:30" is 35): refused on sight. */
const MAX_DATE_CHARS = 40;

/**
 * Reads `text` as a date under every order at once, into `into`; false when it is a date under none.
 * Accepted, with spaces or tabs around:
 * - year first, any order: `YYYY-MM-DD` or `YYYY/MM/DD` (1–2 digit month and day), optionally followed by
 *   `T`, `t` or a space and `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff…` (any number of fraction digits, read
 *   to the millisecond), then optionally `Z` or `±HH:MM`;
 * - year last, for 'mdy' and 'dmy': `M/D/YYYY` / `D/M/YYYY` with 1–2 digit day and month and `/`, `-` or
 *   `.` (the same one twice), optionally followed by a space and `H:MM` or `H:MM:SS` (1–2 digit hour).
 * Every field is range-checked: years 1000–9999, real days of the month (Feb 29 in leap years only),
 * hours 0–23, minutes and seconds 0–59, offsets up to ±23:59.
 */
export function readDate(text: string, into: DateReading): boolean {
  into.ymd = Number.NaN;
  into.mdy = Number.NaN;
  into.dmy = Number.NaN;
  into.hasTime = false;
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end - start < 8 || end - start > MAX_DATE_CHARS) return false;
  at = start;
  const first = readDigits(text, end, 1, 4);
  if (first < 0) return false;
  const firstDigits = at - start;
  const separator = text.charCodeAt(at++);
  if (firstDigits === 4) {
    if (separator !== MINUS && separator !== SLASH) return false;
    const month = readDigits(text, end, 1, 2);
    if (month < 0 || text.charCodeAt(at++) !== separator) return false;
    const day = readDigits(text, end, 1, 2);
    const time = day < 0 ? Number.NaN : readTime(text, end, true, into);
    const date = civilDays(first, month, day) * MS_PER_DAY + time;
    into.ymd = date;
    into.mdy = date;
    into.dmy = date;
    return !Number.isNaN(date);
  }
  if (firstDigits > 2 || (separator !== SLASH && separator !== MINUS && separator !== DOT)) return false;
  const second = readDigits(text, end, 1, 2);
  if (second < 0 || text.charCodeAt(at++) !== separator) return false;
  const year = readDigits(text, end, 4, 4);
  const time = year < 0 ? Number.NaN : readTime(text, end, false, into);
  into.mdy = civilDays(year, first, second) * MS_PER_DAY + time;
  into.dmy = civilDays(year, second, first) * MS_PER_DAY + time;
  return !Number.isNaN(into.mdy) || !Number.isNaN(into.dmy);
}

const reading = new DateReading();

/**
 * The date in `text` read with the given order, or undefined. Year-first (ISO) dates are read under every
 * order; `M/D/YYYY` under 'mdy' and `D/M/YYYY` under 'dmy' only. See readDate for the forms accepted.
 */
export function parseDate(text: string, order: DateOrder = 'ymd'): ParsedDate | undefined {
  if (!readDate(text, reading)) return undefined;
  const time = reading[order];
  return !Number.isNaN(time) ? { time, hasTime: reading.hasTime } : undefined;
}

/** The scanner's position in the text: module state, so the helpers below return one number each. */
let at = 0;

/**
 * The value of the digits at `at` (advancing past them), or -1 unless there are `min` to `max` of them.
 * Stopping at `max` + 1 digits keeps the work bounded and the value exact.
 */
function readDigits(text: string, end: number, min: number, max: number): number {
  let value = 0;
  const from = at;
  while (at < end) {
    const code = text.charCodeAt(at);
    if (code < ZERO || code > NINE) break;
    if (at - from === max) return -1;
    value = value * 10 + (code - ZERO);
    at++;
  }
  return at - from < min ? -1 : value;
}

/**
 * The time of day from `at` to `end` in milliseconds, less the offset when there is one (0 when there is
 * nothing left to read), or NaN when the rest is not a valid time.
 */
function readTime(text: string, end: number, iso: boolean, into: DateReading): number {
  if (at === end) return 0;
  const separator = text.charCodeAt(at++);
  if (separator !== SPACE && !(iso && (separator === UPPER_T || separator === LOWER_T))) return Number.NaN;
  const hour = readDigits(text, end, iso ? 2 : 1, 2);
  if (hour < 0 || hour > 23 || text.charCodeAt(at++) !== COLON) return Number.NaN;
  const minute = readDigits(text, end, 2, 2);
  if (minute < 0 || minute > 59) return Number.NaN;
  let ms = hour * MS_PER_HOUR + minute * MS_PER_MINUTE;
  if (at < end && text.charCodeAt(at) === COLON) {
    at++;
    const second = readDigits(text, end, 2, 2);
    if (second < 0 || second > 59) return Number.NaN;
    ms += second * 1000;
    if (iso && at < end && text.charCodeAt(at) === DOT) {
      at++;
      const from = at;
      let fraction = 0;
      for (; at < end; at++) {
        const code = text.charCodeAt(at);
        if (code < ZERO || code > NINE) break;
        // Milliseconds: the first three digits count, the rest are below the resolution kept.
        if (at - from < 3) fraction = fraction * 10 + (code - ZERO);
      }
      if (at === from) return Number.NaN;
      for (let digits = at - from; digits < 3; digits++) fraction *= 10;
      ms += fraction;
    }
  }
  if (iso && at < end) {
    const zone = text.charCodeAt(at++);
    if (zone === PLUS || zone === MINUS) {
      const hours = readDigits(text, end, 2, 2);
      if (hours < 0 || hours > 23 || text.charCodeAt(at++) !== COLON) return Number.NaN;
      const minutes = readDigits(text, end, 2, 2);
      if (minutes < 0 || minutes > 59) return Number.NaN;
      const offset = hours * MS_PER_HOUR + minutes * MS_PER_MINUTE;
      ms -= zone === PLUS ? offset : -offset;
    } else if (zone !== UPPER_Z && zone !== LOWER_Z) {
      return Number.NaN;
    }
  }
  if (at !== end) return Number.NaN;
  into.hasTime = true;
  return ms;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  // 31 for Jan, Mar, May, Jul, Aug, Oct, Dec: odd months up to July, even ones from August.
  return 30 + ((month + (month >> 3)) & 1);
}

/**
 * Days from 1970-01-01 to the given date (proleptic Gregorian), or NaN unless it is a real date in years
 * 1000–9999. Howard Hinnant's `days_from_civil`: integer arithmetic only, exact for every date.
 */
function civilDays(year: number, month: number, day: number): number {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return Number.NaN;
  }
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * True for a cell that means "no value" in a number or date column: '' or only spaces and tabs, or (with
 * spaces or tabs around) NA, N/A, NaN, null, ? or a lone -, in any case. Looks at a few char codes: a long
 * cell costs no more than its leading and trailing spaces.
 */
export function isMissingMarker(text: string): boolean {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  if (start === end) return true;
  while (isSpace(text.charCodeAt(end - 1))) end--;
  const length = end - start;
  if (length > 4) return false;
  const first = text.charCodeAt(start);
  if (length === 1) return first === QUESTION || first === MINUS;
  // `| 0x20` lower-cases an ASCII letter (and leaves '/' alone, which no letter becomes).
  if ((first | 0x20) !== LOWER_N) return false;
  const second = text.charCodeAt(start + 1) | 0x20;
  if (length === 2) return second === LOWER_A;
  const third = text.charCodeAt(start + 2) | 0x20;
  if (length === 3) {
    return (
      (second === LOWER_A && third === LOWER_N) || (text.charCodeAt(start + 1) === SLASH && third === LOWER_A)
    );
  }
  return second === LOWER_U && third === LOWER_L && (text.charCodeAt(start + 3) | 0x20) === LOWER_L;
}

function isSpace(code: number): boolean {
  return code === SPACE || code === TAB;
}
