// The byte-level fast path of streamCsv. A CSV written by a program (a scoring job's usual input) is ASCII
// with no quotes: for such a record papaparse's split is exactly "cut at every delimiter", so it can be cut
// in the bytes, with no decoding and no string per cell. streamCsv hands every other record to papaparse.

const TAB = 9;
const LF = 10;
const VT = 11;
const FF = 12;
const CR = 13;
const SPACE_BYTE = 32;
const QUOTE = 34;
const ASCII_END = 0x80;

// The kinds of byte: text that makes a record non-blank; white space that does not; the delimiter; LF; the
// quote; and OTHER, a byte plain ASCII records never have (CR, NUL, and every byte of non-ASCII text).
const TEXT = 0;
const SPACE = 1;
const DELIMITER = 2;
const NEWLINE = 3;
const QUOTE_MARK = 4;
const OTHER = 5;

function byteKinds(delimiter: number): Uint8Array {
  const kinds = new Uint8Array(256);
  for (let byte = ASCII_END; byte < 256; byte++) kinds[byte] = OTHER;
  kinds[0] = OTHER;
  kinds[CR] = OTHER;
  for (const space of [SPACE_BYTE, TAB, VT, FF]) kinds[space] = SPACE;
  kinds[LF] = NEWLINE;
  kinds[QUOTE] = QUOTE_MARK;
  kinds[delimiter] = DELIMITER;
  return kinds;
}

/**
 * One record of plain ASCII text without quotes, as a byte range of the file. Field `i` is the bytes
 * `[i === 0 ? start : ends[i - 1] + 1, ends[i])`; the line ending is not part of the record.
 *
 * streamCsv reuses this object (and `ends`) for the next record: read what you need before returning, or
 * keep `bytes` with the offsets — `bytes` itself is never written to again.
 */
export interface SimpleRecord {
  bytes: Uint8Array;
  start: number;
  end: number;
  ends: Int32Array;
  fields: number;
  /** File row number (the header is row 1; blank rows count). */
  row: number;
}

/** Why a scan stopped. */
export type ScanStop =
  /** The bytes end inside a record: scan again from `pos` once more bytes are joined on. */
  | 'partial'
  /** The record at `pos` has a quote: papaparse must read the rest of the file. */
  | 'quote'
  /** The file's line ending is CRLF but the record at `pos` ends with a bare LF (a value, to papaparse). */
  | 'bare-lf'
  /** The record `[pos, next)` is not plain ASCII (or has a CR in it): decode it and split it as text. */
  | 'text'
  /** `visit` returned a promise; scan again from `pos` once it settles. */
  | 'wait'
  /** Every byte was scanned. */
  | 'end';

export interface ScanResult {
  stop: ScanStop;
  pos: number;
  /** For 'text': where the record's content ends (before its line ending) and the next record starts. */
  end: number;
  next: number;
  /** For 'wait': what `visit` returned. */
  wait: Promise<void> | undefined;
}

/**
 * Cuts records out of a byte buffer, skipping blank ones (only delimiters, spaces and tabs — blank to
 * papaparse's reader too) and handing each plain one to `visit`; stops at anything it cannot cut exactly.
 */
export class SimpleRecordScanner {
  readonly record: SimpleRecord = {
    bytes: new Uint8Array(0),
    start: 0,
    end: 0,
    ends: new Int32Array(64),
    fields: 0,
    row: 0,
  };

  /** What each byte value means to the scanner (see the kinds below). */
  private readonly kinds: Uint8Array;
  /**
   * What `scan` returns: this one object, filled in anew each time (read it before scanning again). One
   * object of one shape, rather than a literal per way out, keeps V8 from dropping the optimised scanner
   * the first time it leaves a new way (measured in Chromium: the scanner was recompiled a few times a run).
   */
  private readonly result: ScanResult = { stop: 'end', pos: 0, end: 0, next: 0, wait: undefined };

  /** `row` is the file row number of the first record to scan. */
  constructor(
    delimiter: number,
    private readonly crlf: boolean,
    public row: number,
  ) {
    this.kinds = byteKinds(delimiter);
  }

  /**
   * Scans `bytes[pos, bytes.length)`. `final` says no bytes follow, so a last record without a line ending
   * is complete. Each plain record goes to `visit`, with `this.record` filled in. The result is the
   * scanner's own object, valid until the next call.
   */
  scan(
    bytes: Uint8Array,
    pos: number,
    final: boolean,
    visit: (record: SimpleRecord) => void | Promise<void>,
  ): ScanResult {
    const length = bytes.length;
    const kinds = this.kinds;
    const crlf = this.crlf;
    const record = this.record;
    record.bytes = bytes;
    while (pos < length) {
      let ends = record.ends;
      let fields = 0;
      let blank = true;
      let plain = true;
      let i = pos;
      let lineEnd = -1;
      // One table lookup a byte: this loop runs over every byte of the file.
      for (; i < length; i++) {
        const kind = kinds[bytes[i]];
        if (kind === TEXT) {
          blank = false;
        } else if (kind === DELIMITER) {
          if (fields === ends.length - 1) ends = this.grow();
          ends[fields++] = i;
        } else if (kind === NEWLINE) {
          if (crlf) {
            if (i === pos || bytes[i - 1] !== CR) return this.stop('bare-lf', pos, pos, pos);
            lineEnd = i - 1;
          } else {
            lineEnd = i;
          }
          break;
        } else if (kind === QUOTE_MARK) {
          return this.stop('quote', pos, pos, pos);
        } else if (kind === OTHER) {
          // A CR ending a CRLF line is not a value's; any other CR (and non-ASCII text, and a NUL, which
          // the decoder rejects) goes the text way.
          if (!(crlf && bytes[i] === CR && bytes[i + 1] === LF)) plain = false;
        }
        // SPACE: blank stays as it is.
      }
      if (lineEnd < 0) {
        if (!final) return this.stop('partial', pos, pos, pos);
        lineEnd = length;
      }
      const next = lineEnd === length ? length : i + 1;
      if (!plain) return this.stop('text', pos, lineEnd, next);
      const row = this.row++;
      if (!blank) {
        ends[fields++] = lineEnd;
        record.start = pos;
        record.end = lineEnd;
        record.fields = fields;
        record.row = row;
        const wait = visit(record);
        if (wait) {
          this.result.wait = wait;
          return this.stop('wait', next, next, next);
        }
      }
      pos = next;
    }
    return this.stop('end', pos, pos, pos);
  }

  private stop(stop: ScanStop, pos: number, end: number, next: number): ScanResult {
    const result = this.result;
    result.stop = stop;
    result.pos = pos;
    result.end = end;
    result.next = next;
    if (stop !== 'wait') result.wait = undefined;
    return result;
  }

  private grow(): Int32Array {
    const ends = new Int32Array(this.record.ends.length * 2);
    ends.set(this.record.ends);
    this.record.ends = ends;
    return ends;
  }
}

// Module-scoped, so src/csv needs no DOM or Node types for it (as in create-utf8-decoder.ts).
declare const TextDecoder: new (label: 'latin1') => { decode(input: Uint8Array): string };
// For ASCII bytes latin1 (windows-1252) is the identity, and it never fails.
const ascii = new TextDecoder('latin1');

/** The text of bytes known to be ASCII (a SimpleRecord's, or part of one). */
export function asciiText(bytes: Uint8Array, start: number, end: number): string {
  return ascii.decode(bytes.subarray(start, end));
}

/** The record's cells as strings, as papaparse would give them. */
export function recordCells(record: SimpleRecord): string[] {
  const { bytes, ends, fields } = record;
  const cells = new Array<string>(fields);
  let from = record.start;
  for (let f = 0; f < fields; f++) {
    cells[f] = asciiText(bytes, from, ends[f]);
    from = ends[f] + 1;
  }
  return cells;
}
