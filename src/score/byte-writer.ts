import {
  formatProbability,
  PROBABILITY_LIMIT,
  PROBABILITY_SCALE,
  type TinyProbability,
  tinyProbability,
} from './csv-cell';

// Module-scoped, so src/score needs no DOM or Node types for it.
declare const TextEncoder: new () => {
  encodeInto(text: string, into: Uint8Array): { read: number; written: number };
};

const ZERO = 48;
const DOT = 46;
/** Below this many bytes a loop copies faster than `set` with a `subarray` (no view object to make). */
const SHORT_COPY = 64;

/**
 * The scored CSV as UTF-8 bytes, written a byte at a time into a growing buffer: a scored row is mostly the
 * input row's bytes copied as they are plus a few numbers, so it never becomes a string. `take()` hands
 * the bytes written so far to the caller, who owns them (the writer starts a new buffer).
 */
export class ByteWriter {
  private buffer: Uint8Array;
  /** The buffer as a DataView, to copy four bytes at a time; made anew with each buffer. */
  private words: DataView;
  /**
   * The last source `bytes` copied from, and a DataView of it: the input rows of a file come from one
   * piece after another, so this changes once per piece (copy nothing else through `bytes` in a row loop).
   */
  private source: Uint8Array | undefined;
  private sourceWords: DataView = new DataView(new ArrayBuffer(0));
  private at = 0;
  private readonly encoder = new TextEncoder();

  constructor(private readonly initialBytes = 1 << 16) {
    this.buffer = new Uint8Array(initialBytes);
    this.words = viewOf(this.buffer);
  }

  get length(): number {
    return this.at;
  }

  /** Makes room for `bytes` more bytes. */
  reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.at + bytes));
    grown.set(this.buffer.subarray(0, this.at));
    this.buffer = grown;
    this.words = viewOf(grown);
  }

  /**
   * Copies `source[start, end)`. A scored row is mostly its input row copied as it is (about 25 bytes for
   * iris), so short copies go four bytes at a time through DataViews: in Chromium a byte-at-a-time loop
   * took a tenth of the whole run, and `set` with a `subarray` is slower still for so few bytes (it makes
   * a view object per row). Little-endian in and out: the bytes land as they were, on any platform.
   */
  bytes(source: Uint8Array, start: number, end: number): void {
    const length = end - start;
    this.reserve(length);
    const buffer = this.buffer;
    let at = this.at;
    if (length >= SHORT_COPY) {
      buffer.set(source.subarray(start, end), at);
      this.at = at + length;
      return;
    }
    let i = start;
    if (length >= 4) {
      if (source !== this.source) {
        this.source = source;
        this.sourceWords = viewOf(source);
      }
      const from = this.sourceWords;
      const to = this.words;
      for (; i + 4 <= end; i += 4, at += 4) to.setUint32(at, from.getUint32(i, true), true);
    }
    for (; i < end; i++) buffer[at++] = source[i];
    this.at = at;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.at++] = value;
  }

  /** Any text, UTF-8 encoded. */
  text(text: string): void {
    if (text === '') return;
    this.reserve(text.length * 3);
    this.at += this.encoder.encodeInto(text, this.buffer.subarray(this.at)).written;
  }

  /**
   * `formatProbability(p)` written as bytes (the same text, byte for byte, from the same arithmetic): the
   * rounded 6-digit integer's digits, trailing zeros dropped, after "0." and the leading zeros, or in
   * exponent form below 1e-6. The rare values it prints another way (0, 1, a value that rounds up to a
   * power of ten, not a probability) go through formatProbability itself.
   *
   * This runs once per class per row (3M times for a 1M-row iris file), so the six digits are written as
   * two groups of three from a table (one division instead of twelve), trailing zeros dropped by moving the
   * end back: measured in Node, about a third less time than a digit-at-a-time loop.
   */
  probability(p: number): void {
    if (!(p > 0 && p < 1)) {
      this.text(formatProbability(p));
      return;
    }
    let z = 0;
    while (z < 6 && p < PROBABILITY_LIMIT[z]) z++;
    if (z === 6) {
      this.tiny(p);
      return;
    }
    // `| 0`: below 1e6, so an int32, and the arithmetic below stays in integers.
    const n = Math.round(p * PROBABILITY_SCALE[z]) | 0;
    if (n >= 1e6) {
      this.text(formatProbability(p));
      return;
    }
    this.reserve(8 + z);
    const buffer = this.buffer;
    let at = this.at;
    buffer[at++] = ZERO;
    buffer[at++] = DOT;
    for (let i = 0; i < z; i++) buffer[at++] = ZERO;
    // n has six digits (≥ 1e5: the leading zeros were counted in z); trailing zeros are dropped.
    const high = (n / 1000) | 0;
    at = writeGroup(buffer, at, high);
    at = writeGroup(buffer, at, n - high * 1000);
    while (buffer[at - 1] === ZERO) at--;
    this.at = at;
  }

  /**
   * The columns a scored row ends with: `predicted` (the delimiter and the predicted class's cell), each
   * class's probability after a delimiter, then `flag` (the range flag, empty error cell and newline).
   */
  prediction(
    predicted: Uint8Array,
    probabilities: Float32Array,
    offset: number,
    classes: number,
    delimiter: number,
    flag: Uint8Array,
  ): void {
    this.cell(predicted);
    for (let k = 0; k < classes; k++) {
      this.byte(delimiter);
      this.probability(probabilities[offset + k]);
    }
    this.cell(flag);
  }

  /** A few bytes of the writer's own (a class name, the range flag): a loop, not the DataView of `bytes`. */
  private cell(bytes: Uint8Array): void {
    const length = bytes.length;
    this.reserve(length);
    const buffer = this.buffer;
    let at = this.at;
    for (let i = 0; i < length; i++) buffer[at++] = bytes[i];
    this.at = at;
  }

  /** Below 1e-6: `d.ddddde-x`, as formatProbability. */
  private tiny(p: number): void {
    tinyProbability(p, TINY);
    // Integers from here on (`| 0`), as in probability.
    const n = TINY.digits | 0;
    // Zeros after the dot before the digits: 8 for 2.2e-9 (at most 323, for 5e-324).
    const zeros = (-TINY.exponent - 1) | 0;
    this.reserve(8 + zeros);
    const buffer = this.buffer;
    let at = this.at;
    buffer[at++] = ZERO;
    buffer[at++] = DOT;
    for (let i = 0; i < zeros; i++) buffer[at++] = ZERO;
    // n has six digits (two groups of three); trailing zeros are dropped.
    const high = (n / 1000) | 0;
    at = writeGroup(buffer, at, high);
    at = writeGroup(buffer, at, n - high * 1000);
    while (buffer[at - 1] === ZERO) at--;
    this.at = at;
  }

  /**
   * The bytes written since the last take or lend, to read before writing again: the writer keeps its
   * buffer and writes the next bytes over them.
   */
  lend(): Uint8Array {
    const lent = this.buffer.subarray(0, this.at);
    this.at = 0;
    return lent;
  }

  /** The bytes written since the last take or lend; the caller owns them. */
  take(): Uint8Array {
    const taken = this.buffer.subarray(0, this.at);
    this.buffer = new Uint8Array(Math.max(this.initialBytes, this.at));
    this.words = viewOf(this.buffer);
    this.at = 0;
    return taken;
  }
}

/** Written over by each tinyProbability call of ByteWriter.tiny: no array allocated per value. */
const TINY: TinyProbability = { digits: 0, exponent: 0 };

/** '000' … '999' as bytes, three per number: the digits of a group of three. */
const GROUPS = new Uint8Array(3000);
for (let k = 0; k < 1000; k++) {
  GROUPS[3 * k] = ZERO + ((k / 100) | 0);
  GROUPS[3 * k + 1] = ZERO + (((k / 10) | 0) % 10);
  GROUPS[3 * k + 2] = ZERO + (k % 10);
}

/** Writes the three digits of `group` (0–999, zero-padded) at `at`; returns the offset after them. */
function writeGroup(buffer: Uint8Array, at: number, group: number): number {
  const from = 3 * group;
  buffer[at] = GROUPS[from];
  buffer[at + 1] = GROUPS[from + 1];
  buffer[at + 2] = GROUPS[from + 2];
  return at + 3;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
