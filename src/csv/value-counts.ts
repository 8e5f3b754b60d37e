// The distinct values of one column and how often each occurs, for the column profile (column-profile.ts):
// counted exactly up to a cap, in a hash table over typed arrays (see ValueCounts for why not a Map).
import { BUNDLE_LIMITS } from '../core/bundle/bundle-format';
import { shorten } from '../core/short-text';
import { isMissingMarker } from './parse-date';
import { asciiText } from './simple-records';

/** Most frequent values a profile lists. */
const TOP_VALUES = 10;
/** Slots a lookup tries before giving up on a value (see ValueCounts). */
const MAX_PROBES = 64;
/** Int32s a ValueCounts slot takes. */
const SLOT = 4;
/** Top values are shortened to this many characters (see `shorten`). */
const SHOWN_CHARS = 80;
/**
 * Characters of each value kept: enough for any class or category name a model can hold, so a label
 * column's values come back whole (longer values are refused as names anyway).
 */
const KEPT_CHARS = BUNDLE_LIMITS.nameLength;

/** A column's every value with its count, or why they cannot all be listed. */
export type AllValues =
  | { readonly values: readonly { readonly value: string; readonly count: number }[] }
  | { readonly tooMany: true }
  | { readonly tooLong: { readonly start: string; readonly length: number } };

const TAB = 9;
const SPACE = 32;

/**
 * The distinct values of a column and how often each occurs, counted exactly until `cap` values, then only
 * the values already counted: an open-addressing hash table over the text of the cells (trimmed of spaces
 * and tabs).
 *
 * Not a Map: V8 hashes a string the first time it meets it, and every cell is a fresh string from the
 * parser, so `Map#get` cost 60–600 ns a cell here (more the larger the map), most of the profile's time.
 * This hashes the code units in JavaScript into 64 bits and tells values apart by that hash alone, never
 * reading a stored string back: comparing texts cost a cache miss a cell. Two different values share a
 * 64-bit hash with probability about n² / 2⁶⁵, under 1e-10 for the 50,000 a column counts (a file crafted
 * to collide merges two values' counts, nothing worse). Probing stops after MAX_PROBES slots, so even such
 * a file costs bounded work a cell (the value goes uncounted, as past the cap).
 */
export class ValueCounts {
  /**
   * Per value, in order of first appearance: its first KEPT_CHARS characters and its length (trimmed).
   * The shortened text is made for the top values only: `shorten` formats the length with
   * `toLocaleString`, too slow to call for every one of 50,000 long values.
   */
  private readonly prefixes: string[] = [];
  private readonly lengths: number[] = [];
  /**
   * Four numbers a slot: 1 + the index of the value there (0 when empty), its hash's two halves and its
   * count. 16 bytes side by side: a probe, and the count it finds, read one cache line.
   */
  private table = new Int32Array(SLOT * 32);
  /**
   * Once the table is full (at the cap): a bit per hash of the values in it, about 8 bits a value. A new
   * value past the cap almost always finds its bit clear and is turned away without a probe into the large
   * table, which for a 50,000-value column is 2 MB and out of the cache: every cell of an ID column.
   */
  private filter: Int32Array | undefined;
  /** Cells counted so far (non-blank), and how many had been when the table reached the cap (0 until). */
  private cells = 0;
  cellsAtCap = 0;

  constructor(
    private readonly cap: number,
    private readonly seed: number,
  ) {}

  /** Counts the cell; returns its value's index, or -1 when it is not counted (a new value past the cap). */
  count(cell: string): number {
    this.cells++;
    const low = hashCell(cell, this.seed);
    const found = this.find(low, hashHigh);
    return found >= -1 ? found : this.insert(trimmed(cell), low, hashHigh, -2 - found);
  }

  /**
   * `count` for a cell given as ASCII bytes `[start, end)` (streamCsv's byte path): the same hash as the
   * cell's text, so a file read partly as bytes and partly as text counts each value once, and a string is
   * made only for a value seen for the first time.
   */
  countBytes(bytes: Uint8Array, start: number, end: number): number {
    this.cells++;
    while (start < end && isSpace(bytes[start])) start++;
    while (end > start && isSpace(bytes[end - 1])) end--;
    const low = hashBytes(bytes, start, end, this.seed);
    const found = this.find(low, hashHigh);
    return found >= -1 ? found : this.insert(asciiText(bytes, start, end), low, hashHigh, -2 - found);
  }

  /**
   * Looks a hash up: the value's index (its count incremented), -1 when it is not counted, or -2 − the
   * empty slot where a new value goes.
   */
  private find(low: number, high: number): number {
    const { filter, table } = this;
    if (filter !== undefined && (filter[(high >>> 5) & (filter.length - 1)] & (1 << (high & 31))) === 0) {
      return -1;
    }
    const mask = table.length / SLOT - 1;
    let slot = low & mask;
    // Triangular probing (+1, +2, +3…) visits every slot of a power-of-two table.
    for (let probe = 1; table[slot * SLOT] !== 0; probe++) {
      if (table[slot * SLOT + 1] === low && table[slot * SLOT + 2] === high) {
        table[slot * SLOT + 3]++;
        return table[slot * SLOT] - 1;
      }
      if (probe === MAX_PROBES) return -1;
      slot = (slot + probe) & mask;
    }
    return this.prefixes.length < this.cap ? -2 - slot : -1;
  }

  /** Adds a new value, its text already trimmed. */
  private insert(text: string, low: number, high: number, slot: number): number {
    const at = this.prefixes.length;
    this.prefixes.push(detached(text.length > KEPT_CHARS ? text.slice(0, KEPT_CHARS) : text));
    this.lengths.push(text.length);
    place(this.table, slot, at + 1, low, high, 1);
    // Kept at most half full, so probes stay short.
    if ((at + 1) * 2 * SLOT > this.table.length) this.rehash(this.table.length * 2);
    if (at + 1 === this.cap) this.fill();
    return at;
  }

  private fill(): void {
    this.cellsAtCap = this.cells;
    const filter = new Int32Array(2 ** Math.ceil(Math.log2(this.cap / 4)));
    const { table } = this;
    for (let slot = 0; slot < table.length; slot += SLOT) {
      if (table[slot] === 0) continue;
      const high = table[slot + 2];
      filter[(high >>> 5) & (filter.length - 1)] |= 1 << (high & 31);
    }
    this.filter = filter;
  }

  private rehash(length: number): void {
    const old = this.table;
    const table = new Int32Array(length);
    const mask = length / SLOT - 1;
    for (let from = 0; from < old.length; from += SLOT) {
      if (old[from] === 0) continue;
      let slot = old[from + 1] & mask;
      for (let probe = 1; table[slot * SLOT] !== 0; probe++) slot = (slot + probe) & mask;
      place(table, slot, old[from], old[from + 1], old[from + 2], old[from + 3]);
    }
    this.table = table;
  }

  /** Occurrences of each value, by index. */
  private counts(): Int32Array {
    const counts = new Int32Array(this.prefixes.length);
    const { table } = this;
    for (let slot = 0; slot < table.length; slot += SLOT) {
      if (table[slot] !== 0) counts[table[slot] - 1] = table[slot + 3];
    }
    return counts;
  }

  /**
   * Every value counted with its count, in order of first appearance (markers left out when `typed`); or
   * why not: more than `max` values (or the count stopped at the cap), or a value longer than KEPT_CHARS
   * (it was not kept whole: its start and its length).
   */
  all(typed: boolean, max: number): AllValues {
    if (this.cellsAtCap > 0) return { tooMany: true };
    const counts = this.counts();
    const values: { value: string; count: number }[] = [];
    for (let i = 0; i < counts.length; i++) {
      if (typed && isMissingMarker(this.prefixes[i])) continue;
      if (values.length === max) return { tooMany: true };
      if (this.lengths[i] > KEPT_CHARS)
        return { tooLong: { start: this.prefixes[i], length: this.lengths[i] } };
      values.push({ value: this.prefixes[i], count: counts[i] });
    }
    return { values };
  }

  /**
   * Distinct values, the most frequent ones, whether any counted value repeats and how many cells the table
   * counted; with `typed`, missing-value markers are not values and are left out.
   */
  tally(typed: boolean) {
    const { prefixes, lengths } = this;
    const counts = this.counts();
    const top: number[] = [];
    let distinct = 0;
    let repeated = false;
    let counted = 0;
    for (let i = 0; i < counts.length; i++) {
      const count = counts[i];
      counted += count;
      // Markers are short: their prefix is all of them.
      if (typed && isMissingMarker(prefixes[i])) continue;
      distinct++;
      if (count > 1) repeated = true;
      // Insertion into the short sorted list; a later value goes after an equal count (first appearance).
      if (top.length === TOP_VALUES && count <= counts[top[TOP_VALUES - 1]]) continue;
      let at = top.length < TOP_VALUES ? top.length : TOP_VALUES - 1;
      while (at > 0 && counts[top[at - 1]] < count) {
        top[at] = top[at - 1];
        at--;
      }
      top[at] = i;
    }
    // `shorten` sees a stand-in of the value's length with its first characters, so the one function
    // words every shortened value.
    const shown = (i: number) =>
      lengths[i] > SHOWN_CHARS
        ? shorten(prefixes[i].slice(0, SHOWN_CHARS).padEnd(lengths[i]), SHOWN_CHARS)
        : prefixes[i];
    return { distinct, repeated, counted, top: top.map((i) => ({ value: shown(i), count: counts[i] })) };
  }
}

function place(
  table: Int32Array,
  slot: number,
  entry: number,
  low: number,
  high: number,
  count: number,
): void {
  table[slot * SLOT] = entry;
  table[slot * SLOT + 1] = low;
  table[slot * SLOT + 2] = high;
  table[slot * SLOT + 3] = count;
}

/** The high half of the last hashCell. */
let hashHigh = 0;

/**
 * A 64-bit hash of the cell's text without the spaces and tabs around it: the low 32 bits returned, the
 * high ones left in `hashHigh` (two numbers, no allocation). Two different multiply-xor steps a code unit,
 * one with a rotation so the halves do not collide together, then MurmurHash3's finaliser on each so the
 * low bits (the slot) depend on every unit.
 */
function hashCell(cell: string, seed: number): number {
  let start = 0;
  let end = cell.length;
  while (start < end && isSpace(cell.charCodeAt(start))) start++;
  while (end > start && isSpace(cell.charCodeAt(end - 1))) end--;
  let low = seed ^ 0x3c6ef372;
  let high = seed ^ 0x6a09e667;
  for (let i = start; i < end; i++) {
    const code = cell.charCodeAt(i);
    low = Math.imul(low ^ code, 0x5bd1e995);
    high = Math.imul(high ^ code, 0x1b873593);
    high = (high << 13) | (high >>> 19);
  }
  hashHigh = finalMix(high ^ (end - start));
  return finalMix(low);
}

/** hashCell of ASCII bytes already trimmed: a byte is the code unit the cell's text has there. */
function hashBytes(bytes: Uint8Array, start: number, end: number, seed: number): number {
  let low = seed ^ 0x3c6ef372;
  let high = seed ^ 0x6a09e667;
  for (let i = start; i < end; i++) {
    const code = bytes[i];
    low = Math.imul(low ^ code, 0x5bd1e995);
    high = Math.imul(high ^ code, 0x1b873593);
    high = (high << 13) | (high >>> 19);
  }
  hashHigh = finalMix(high ^ (end - start));
  return finalMix(low);
}

function finalMix(value: number): number {
  let hash = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

function isSpace(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** '' or only spaces and tabs. The usual cell is decided by its first character. */
export function isBlank(cell: string): boolean {
  if (cell.length === 0) return true;
  if (!isSpace(cell.charCodeAt(0))) return false;
  for (let i = 1; i < cell.length; i++) if (!isSpace(cell.charCodeAt(i))) return false;
  return true;
}

/**
 * A copy of `text` that shares no memory with a larger string. A cell can be a slice of the parser's whole
 * chunk of text, and V8 keeps that parent alive for as long as a slice of 13 or more characters lives (the
 * shown text of every value would keep every chunk with a new value: the whole file). Concatenating
 * flattens into a new string, and the slice of that keeps only the copy. Shorter slices are copies already.
 */
function detached(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

function trimmed(cell: string): string {
  let start = 0;
  let end = cell.length;
  while (start < end && isSpace(cell.charCodeAt(start))) start++;
  while (end > start && isSpace(cell.charCodeAt(end - 1))) end--;
  return start === 0 && end === cell.length ? cell : cell.slice(start, end);
}
