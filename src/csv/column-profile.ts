// One streaming pass over every cell of a file, for the Train tab's "Columns" table and each column's
// default role. Rows come in batches and are never kept: per column, a capped count of distinct values,
// exact min / max / mean, and a fixed-size random sample for the histogram.
//
// Per cell this is a blank check, a hash of the text and one probe of the column's table, and while the
// column could still be numbers or dates the value's reading (parsed once per distinct value): no
// allocation (a new distinct value is the exception) and no closure. npm run bench measures it
// (bench/profile-bench.ts).
import { deriveSeed, seededRandom } from '../core/random';
import { type DateOrder, DateReading, isMissingMarker, readDate } from './parse-date';
import { parseNumber, parseSimpleNumber } from './parse-number';
import { asciiText, type SimpleRecord } from './simple-records';
import { type AllValues, isBlank, ValueCounts } from './value-counts';
import { DateTrack, grownTwice, NumberTrack } from './value-tracks';

export { HISTOGRAM_BINS, SAMPLE_SIZE } from './value-tracks';

export type ColumnKind = 'number' | 'category' | 'date' | 'identifier' | 'constant' | 'text' | 'empty';

export interface ColumnProfile {
  readonly name: string;
  readonly kind: ColumnKind;
  /**
   * Why the column is ignored by default, one short sentence for the user ("Every row has the same
   * value."); '' for number, category and date columns.
   */
  readonly reason: string;
  readonly rows: number;
  /** Blank cells (and cells the row was too short for); for number and date columns also NA, ?, … */
  readonly missing: number;
  /** Different non-blank values (the text with spaces around trimmed), markers excluded as in `missing`. */
  readonly distinct: number;
  /** Counting stopped at the column's cap: `distinct` is "at least", and `top` counts only those values. */
  readonly distinctCapped: boolean;
  /** Up to 10 most frequent values, most frequent first, ties by first appearance; shortened to 80 chars. */
  readonly top: readonly { readonly value: string; readonly count: number }[];
  /** When every value is a number, whatever the kind (an integer identifier has one too). */
  readonly numeric?: {
    readonly min: number;
    readonly max: number;
    readonly mean: number;
    readonly integer: boolean;
    /** HISTOGRAM_BINS equal-width bins from min to max, counts scaled to the rows they stand for (rounded). */
    readonly histogram: readonly number[];
  };
  /** When every value is a date under one order; times as ParsedDate.time. */
  readonly date?: {
    readonly order: DateOrder;
    readonly hasTime: boolean;
    readonly min: number;
    readonly max: number;
    readonly histogram: readonly number[];
  };
}

/** Distinct values are counted exactly up to this many per column, then only the ones already seen. */
export const DISTINCT_CAP = 50_000;
/**
 * Values counted across all columns: a wide file gets a lower cap per column so the tables stay within
 * about this many values, but never below MIN_DISTINCT_CAP, which still tells a category (≤ CATEGORY_MAX
 * values) from the rest. Measured: 1M counted values held 90–125 MB (8- to 100-character values), so a
 * profile holds about 60 MB at most up to 250 columns, and 2,000 values a column beyond.
 */
const DISTINCT_BUDGET = 500_000;
const MIN_DISTINCT_CAP = 2_000;

// Kind thresholds. An identifier (a row number, a customer ID) tells the model nothing about new rows and
// lets it memorise the training rows, so it is left out by default; so is free text, which a classifier
// on one-hot categories cannot use. Below MIN_ID_ROWS values a column of all-different values is as likely
// a small measurement or label column as an ID.
const MIN_ID_ROWS = 20;
/**
 * All-different integers spread over more than this many times as many numbers as there are values are
 * measurements, not a sequence of IDs (unless the name says ID).
 */
const ID_SPREAD = 3;
/** Words in a column name that mark an identifier. */
const ID_WORDS = new Set(['id', 'key', 'uuid', 'guid', 'code', 'no', 'nr', 'number', 'ref']);

/** "customer_id", "Order No", "userId", "ID": a name that says the column identifies rows. */
function looksLikeId(name: string): boolean {
  if (/[a-z]Id$/.test(name)) return true;
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((word) => ID_WORDS.has(word));
}

/** Text with at least this share of different values is an ID with a few duplicates (or dirty data). */
const ID_SHARE = 0.95;
/** More categories than this make a one-hot encoding too wide to train in the browser. */
const CATEGORY_MAX = 1000;
/** A category repeats: at most this share of different values, i.e. each value seen twice on average. */
const CATEGORY_SHARE = 0.5;
/** A small file cannot show repetition, so up to SMALL_FILE_CATEGORIES values there is a category. */
const SMALL_FILE_ROWS = 40;
const SMALL_FILE_CATEGORIES = 20;

const COUNT = new Intl.NumberFormat('en');

const TAB = 9;
const SPACE = 32;
const COMMA = 44;
const DOT = 46;

/** Profiles the columns of one file from its rows, batch by batch (see ColumnProfile). */
export class ColumnProfiler {
  private readonly columns: ColumnState[];
  private rows = 0;
  /** Shared by every column: readDate fills it in place. */
  private readonly reading = new DateReading();

  /**
   * @param header the column names; rows longer than it have their extra cells ignored.
   * @param options.decimalComma read numbers written with a decimal comma (`1,5`; then `1.5` is not a
   *   number, as in parseNumber's decimal option); options.seed seeds the histogram samples (the same seed
   *   and rows give the same profile).
   */
  constructor(header: readonly string[], options: { decimalComma?: boolean; seed?: number } = {}) {
    const cap = Math.max(
      MIN_DISTINCT_CAP,
      Math.min(DISTINCT_CAP, Math.floor(DISTINCT_BUDGET / header.length)),
    );
    const seed = options.seed ?? 0;
    this.columns = header.map(
      (name, column) => new ColumnState(name, cap, options.decimalComma ?? false, deriveSeed(seed, column)),
    );
  }

  /** Adds a batch of rows; a row shorter than the header has blanks for the cells it lacks. */
  add(rows: readonly (readonly string[])[]): void {
    // Column by column: a column's table stays in the cache through its loop (row by row measured about 15%
    // slower: ten tables compete for the cache, where each row's cells are only read once either way).
    for (let column = 0; column < this.columns.length; column++) {
      this.columns[column].add(rows, column, this.reading);
    }
    this.rows += rows.length;
  }

  /**
   * Adds one row given as a SimpleRecord (streamCsv's byte path, which is how the worker reads a plain file:
   * about twice as fast as making a string of every cell); the same profile as `add` with its cells.
   */
  addRecord(record: SimpleRecord): void {
    const { bytes, ends } = record;
    const fields = Math.min(record.fields, this.columns.length);
    let from = record.start;
    for (let column = 0; column < fields; column++) {
      this.columns[column].addBytes(bytes, from, ends[column], this.reading);
      from = ends[column] + 1;
    }
    for (let column = fields; column < this.columns.length; column++) this.columns[column].addBlank();
    this.rows++;
  }

  /** The profile of every column from the rows added so far, in header order. */
  finish(): ColumnProfile[] {
    return this.columns.map((column) => column.profile(this.rows));
  }

  /**
   * Every distinct value of `column` with its count (a label column's classes), or why they cannot all be
   * listed (more than `max` or than were counted; a value too long to be a class name).
   */
  valueCounts(column: number, max: number): AllValues {
    return this.columns[column].valueCounts(max);
  }
}

// What a distinct value reads as (ColumnState.kinds): one of the first four, DATE with flags added.
const NUMBER = 1;
const DATE = 2;
const MARKER = 3;
const OTHER = 4;
const WHAT = 7;
const WITH_TIME = 8;
/** A year-last date: its month-first and day-first times differ (a year-first one reads the same). */
const YEAR_LAST = 16;

class ColumnState {
  private blank = 0;
  /** Missing-value markers (NA, ?, …) among the cells, counted while the column could be numbers or dates. */
  private markers = 0;
  private readonly distinct: ValueCounts;
  private numbers: NumberTrack | undefined;
  private couldBeNumber = true;
  private couldBeDate = true;
  /** Every date so far was year-first, the same under every order: one track stands for all three. */
  private dates: DateTrack | undefined;
  /** Once a year-last date is seen: one track per order that still reads every date. */
  private monthFirst: DateTrack | undefined;
  private dayFirst: DateTrack | undefined;
  private yearLast = false;
  /**
   * What each distinct value read as (by its ValueCounts index), so a value is parsed once rather than
   * once a cell: most columns repeat their values, and `Number` on a decimal string alone cost about as
   * much as all the rest of a cell. `kinds` holds NUMBER, DATE (with flags), MARKER or OTHER; `values` the
   * number, or the date's time (month-first for a year-last date, whose day-first time is in `dayFirsts`).
   * Values [0, read) have been read.
   */
  private kinds = new Uint8Array(16);
  private values: Float64Array = new Float64Array(16);
  private dayFirsts: Float64Array | undefined;
  private read = 0;
  /** The last classify: its number or time, and a year-last date's day-first time. */
  private value = 0;
  private dayFirstValue = 0;

  constructor(
    private readonly name: string,
    cap: number,
    private readonly decimalComma: boolean,
    private readonly seed: number,
  ) {
    this.distinct = new ValueCounts(cap, seed);
  }

  addBlank(): void {
    this.blank++;
  }

  /** Adds the column's cells of a batch of rows. The loop has a small function of its own (DEVELOPERS.md). */
  add(rows: readonly (readonly string[])[], column: number, reading: DateReading): void {
    for (let r = 0; r < rows.length; r++) {
      const cell = rows[r][column];
      if (cell === undefined || isBlank(cell)) {
        this.blank++;
        continue;
      }
      const at = this.distinct.count(cell);
      if (this.couldBeNumber || this.couldBeDate) this.type(cell, at, reading);
    }
  }

  /**
   * `add` for one cell given as ASCII bytes `[from, to)` of a SimpleRecord: the same outcome as its text,
   * with a string made only for a value met for the first time, or past the distinct cap for a value that
   * is not a plain number (parseSimpleNumber reads those from the bytes).
   */
  addBytes(bytes: Uint8Array, from: number, to: number, reading: DateReading): void {
    let start = from;
    while (start < to && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
    if (start === to) {
      this.blank++;
      return;
    }
    const at = this.distinct.countBytes(bytes, start, to);
    if (!this.couldBeNumber && !this.couldBeDate) return;
    if (at >= 0 && at < this.read) {
      this.typeKnown(at);
      return;
    }
    if (at < 0 && this.couldBeNumber) {
      const value = parseSimpleNumber(bytes, from, to, this.decimalComma ? COMMA : DOT);
      if (!Number.isNaN(value)) {
        this.apply(NUMBER, value, Number.NaN);
        return;
      }
    }
    this.typeNew(asciiText(bytes, from, to), at, reading);
  }

  /**
   * Rules the column in or out as numbers and dates, and tracks the values it still could be. A value's
   * first reading stands for all its cells: it was read with at least the possibilities still open now
   * (they only close), and a number or a date closes the other at once.
   */
  private type(cell: string, at: number, reading: DateReading): void {
    if (at >= 0 && at < this.read) this.typeKnown(at);
    else this.typeNew(cell, at, reading);
  }

  /** A value read before, by its index. */
  private typeKnown(at: number): void {
    const kind = this.kinds[at];
    this.apply(kind, this.values[at], (kind & YEAR_LAST) !== 0 ? this.dayFirsts![at] : Number.NaN);
  }

  /** A value met for the first time (remembered under its index), or past the cap (`at` −1: not kept). */
  private typeNew(cell: string, at: number, reading: DateReading): void {
    const kind = this.classify(cell, reading);
    const value = this.value;
    const dayFirst = this.dayFirstValue;
    if (at === this.read) this.remember(at, kind, value, dayFirst);
    this.apply(kind, value, dayFirst);
  }

  private apply(kind: number, value: number, dayFirst: number): void {
    const what = kind & WHAT;
    if (what === NUMBER) {
      this.couldBeDate = false;
      this.numbers ??= new NumberTrack(seededRandom(this.seed));
      this.numbers.add(value);
    } else if (what === DATE) {
      this.couldBeNumber = false;
      this.numbers = undefined;
      const hasTime = (kind & WITH_TIME) !== 0;
      if ((kind & YEAR_LAST) === 0) this.addDate(value, value, value, hasTime);
      else this.addDate(Number.NaN, value, dayFirst, hasTime);
    } else if (what === MARKER) {
      this.markers++;
    } else {
      this.couldBeNumber = false;
      this.numbers = undefined;
      this.dropDates();
    }
  }

  /** What `cell` is, given what the column could still be; its number or times go to `value`, `dayFirstValue`. */
  private classify(cell: string, reading: DateReading): number {
    if (this.couldBeNumber) {
      const value = parseNumber(cell, this.decimalComma ? ',' : '.');
      if (value !== undefined) {
        this.value = value;
        return NUMBER;
      }
    }
    if (this.couldBeDate && readDate(cell, reading)) {
      const time = reading.hasTime ? WITH_TIME : 0;
      if (!Number.isNaN(reading.ymd)) {
        this.value = reading.ymd;
        return DATE | time;
      }
      this.value = reading.mdy;
      this.dayFirstValue = reading.dmy;
      return DATE | time | YEAR_LAST;
    }
    return isMissingMarker(cell) ? MARKER : OTHER;
  }

  private remember(at: number, kind: number, value: number, dayFirst: number): void {
    if (at === this.kinds.length) {
      const kinds = new Uint8Array(at * 2);
      kinds.set(this.kinds);
      this.kinds = kinds;
      this.values = grownTwice(this.values);
      if (this.dayFirsts !== undefined) this.dayFirsts = grownTwice(this.dayFirsts);
    }
    this.kinds[at] = kind;
    this.values[at] = value;
    if ((kind & YEAR_LAST) !== 0) {
      this.dayFirsts ??= new Float64Array(this.values.length);
      this.dayFirsts[at] = dayFirst;
    }
    this.read++;
  }

  private addDate(ymd: number, mdy: number, dmy: number, hasTime: boolean): void {
    if (!this.yearLast) {
      if (!Number.isNaN(ymd)) {
        this.dates ??= new DateTrack(seededRandom(deriveSeed(this.seed, 1)));
        this.dates.add(ymd, hasTime);
        return;
      }
      // The first year-last date rules 'ymd' out; the year-first dates so far read the same either way.
      this.yearLast = true;
      const dates = this.dates ?? new DateTrack(seededRandom(deriveSeed(this.seed, 1)));
      this.monthFirst = dates.copy(seededRandom(deriveSeed(this.seed, 2)));
      this.dayFirst = dates.copy(seededRandom(deriveSeed(this.seed, 3)));
      this.dates = undefined;
    }
    // A first part over 12 rules month-first out, a second over 12 day-first; both can stay to the end.
    if (this.monthFirst !== undefined) {
      if (!Number.isNaN(mdy)) this.monthFirst.add(mdy, hasTime);
      else this.monthFirst = undefined;
    }
    if (this.dayFirst !== undefined) {
      if (!Number.isNaN(dmy)) this.dayFirst.add(dmy, hasTime);
      else this.dayFirst = undefined;
    }
    if (this.monthFirst === undefined && this.dayFirst === undefined) this.dropDates();
  }

  private dropDates(): void {
    this.couldBeDate = false;
    this.dates = this.monthFirst = this.dayFirst = undefined;
  }

  valueCounts(max: number): AllValues {
    return this.distinct.all(this.couldBeNumber || this.couldBeDate, max);
  }

  profile(rows: number): ColumnProfile {
    const blank = this.blank;
    const typed = this.couldBeNumber || this.couldBeDate;
    const missing = blank + (typed ? this.markers : 0);
    const values = rows - missing;
    const { distinct, top, repeated, counted } = this.distinct.tally(typed);
    const { cellsAtCap } = this.distinct;
    const capped = cellsAtCap > 0;
    const base = { name: this.name, rows, missing, distinct, distinctCapped: capped, top };
    if (values === 0) {
      const reason =
        blank === rows ? 'Every cell is blank.' : 'Every cell is blank or a missing-value marker (NA, ?, …).';
      return { ...base, kind: 'empty', reason };
    }
    const allRows = missing === 0 ? 'Every row' : 'Every non-blank row';
    const constant = { kind: 'constant', reason: `${allRows} has the same value.` } as const;
    const different = `${capped ? 'at least ' : ''}${COUNT.format(distinct)} different values in ${COUNT.format(values)} ${missing === 0 ? 'rows' : 'rows with a value'}`;
    if (this.couldBeNumber) {
      const numbers = this.numbers!;
      const numeric = numbers.summary();
      // Value-based: "1" and "1.0" are one constant. An all-different integer column is a row number or an
      // ID when its values are packed (a sequence) or its name says so; all-different floats, and integers
      // spread thinly over a wide range (grams, prices), are measurements. A capped column counts as all
      // different when none of the values counted repeats (the values after the cap can only be checked
      // against those).
      if (numbers.min === numbers.max) return { ...base, ...constant, numeric };
      const packed = numbers.max - numbers.min + 1 <= ID_SPREAD * values;
      if (numeric.integer && values >= MIN_ID_ROWS && !repeated && (packed || looksLikeId(this.name))) {
        const reason = capped
          ? `${upper(different)}, none repeated (an identifier).`
          : `${allRows} has a different value (an identifier).`;
        return { ...base, kind: 'identifier', reason, numeric };
      }
      return { ...base, kind: 'number', reason: '', numeric };
    }
    if (this.couldBeDate) {
      const order = !this.yearLast ? 'ymd' : this.monthFirst !== undefined ? 'mdy' : 'dmy';
      // Month-first wins a tie (every date has both parts ≤ 12): it is the more common year-last form.
      const dates = (this.dates ?? this.monthFirst ?? this.dayFirst)!;
      const date = { order, ...dates.summary() } as const;
      if (dates.min === dates.max) return { ...base, ...constant, date };
      return { ...base, kind: 'date', reason: '', date };
    }
    if (distinct === 1) return { ...base, ...constant };
    // Past the cap the share of different values is estimated: the cells never counted (new values or
    // repeats of other uncounted ones) are taken to be new at the rate the first cells were. An ID column
    // comes out exact; only the wording between 'identifier' and 'text' depends on the estimate, since a
    // capped column is never a category.
    const share = capped
      ? (distinct + (values - counted) * (distinct / cellsAtCap)) / values
      : distinct / values;
    if (values >= MIN_ID_ROWS && share >= ID_SHARE) {
      const reason =
        share === 1 && !capped
          ? `${allRows} has a different value (an identifier).`
          : `${upper(different)} (an identifier).`;
      return { ...base, kind: 'identifier', reason };
    }
    const category =
      !capped &&
      ((distinct <= CATEGORY_MAX && distinct <= CATEGORY_SHARE * values) ||
        (rows < SMALL_FILE_ROWS && distinct <= SMALL_FILE_CATEGORIES));
    if (category) return { ...base, kind: 'category', reason: '' };
    return { ...base, kind: 'text', reason: `Free text: ${different}.` };
  }
}

function upper(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
