import { formatProbability, PROBABILITY_LIMIT, PROBABILITY_SCALE, tinyProbability } from './csv-cell';

// Module-scoped, so src/score needs no DOM or Node types for it.
declare const TextEncoder: new () => {
  encodeInto(text: string, into: Uint8Array): { read: number; written: number };
};

const ZERO = 48;
const DOT = 46;
const MINUS = 45;
const LOWER_E = 101;
/** 10^k as int32s, for the digits of an integer below 1e6. */
const UNITS = [1, 10, 100, 1000, 10000, 100000];
/** Below this many bytes a loop copies faster than `set` with a `subarray` (no view object to make). */
const SHORT_COPY = 64;

/**
 * The scored CSV as UTF-8 bytes, written a byte at a time into a growing buffer: a scored row is mostly the
 * input row's bytes copied as they are plus a few numbers, so it never becomes a string. `take()` hands
 * the bytes written so far to the caller, who owns them (the writer starts a new buffer).
 */
export class ByteWriter {
  private buffer: Uint8Array;
  private at = 0;
  private readonly encoder = new TextEncoder();

  constructor(private readonly initialBytes = 1 << 16) {
    this.buffer = new Uint8Array(initialBytes);
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
  }

  /** Copies `source[start, end)`. */
  bytes(source: Uint8Array, start: number, end: number): void {
    const length = end - start;
    this.reserve(length);
    const buffer = this.buffer;
    if (length < SHORT_COPY) {
      let at = this.at;
      for (let i = start; i < end; i++) buffer[at++] = source[i];
      this.at = at;
    } else {
      buffer.set(source.subarray(start, end), this.at);
      this.at += length;
    }
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
    // `| 0`: below 1e6, so an int32, and the digit loops below stay in integer arithmetic.
    let n = Math.round(p * PROBABILITY_SCALE[z]) | 0;
    if (n >= 1e6) {
      this.text(formatProbability(p));
      return;
    }
    let digits = 6;
    while (n % 10 === 0) {
      n = (n / 10) | 0;
      digits--;
    }
    this.reserve(2 + z + digits);
    const buffer = this.buffer;
    let at = this.at;
    buffer[at++] = ZERO;
    buffer[at++] = DOT;
    for (let i = 0; i < z; i++) buffer[at++] = ZERO;
    this.at = at + digits;
    writeDigits(buffer, this.at, n, digits);
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
    this.bytes(predicted, 0, predicted.length);
    for (let k = 0; k < classes; k++) {
      this.byte(delimiter);
      this.probability(probabilities[offset + k]);
    }
    this.bytes(flag, 0, flag.length);
  }

  /** Below 1e-6: `d.ddddde-x`, as formatProbability. */
  private tiny(p: number): void {
    const [digitsValue, exponent] = tinyProbability(p);
    // Integers from here on (`| 0`): writeDigits must only ever see int32s, or V8 compiles its `%` as a
    // floating-point remainder for every caller (measured: 3x slower probabilities).
    const n = digitsValue | 0;
    const digits = n < 10 ? 1 : n < 100 ? 2 : n < 1e3 ? 3 : n < 1e4 ? 4 : n < 1e5 ? 5 : 6;
    const positive = -exponent | 0;
    const exponentDigits = positive < 10 ? 1 : positive < 100 ? 2 : 3;
    this.reserve(digits + 3 + exponentDigits);
    const buffer = this.buffer;
    const unit = UNITS[digits - 1];
    const lead = (n / unit) | 0;
    let at = this.at;
    buffer[at++] = ZERO + lead;
    if (digits > 1) {
      buffer[at++] = DOT;
      at += digits - 1;
      writeDigits(buffer, at, n - lead * unit, digits - 1);
    }
    buffer[at++] = LOWER_E;
    buffer[at++] = MINUS;
    at += exponentDigits;
    writeDigits(buffer, at, positive, exponentDigits);
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
    this.at = 0;
    return taken;
  }
}

/** Writes the `count` last decimal digits of the integer `n` (zero-padded) into `buffer[end − count, end)`. */
function writeDigits(buffer: Uint8Array, end: number, n: number, count: number): void {
  for (let i = 1; i <= count; i++) {
    const digit = n % 10;
    buffer[end - i] = ZERO + digit;
    n = ((n - digit) / 10) | 0;
  }
}
