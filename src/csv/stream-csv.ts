import { createUtf8Decoder } from './create-utf8-decoder';
import { CsvError } from './csv-error';
import {
  CsvRowReader,
  checkHeader,
  DEFAULT_MAX_ROW_CHARS,
  firstLineEnding,
  guessDecimal,
  guessDelimiter,
  isBlank,
  SAMPLE_CHARS,
} from './csv-row-reader';
import type { Decimal } from './parse-number';
import { type ScanResult, type SimpleRecord, SimpleRecordScanner } from './simple-records';
import type { AbortSignalLike, BlobLike, ByteStream, ByteStreamReader } from './web-types';

export interface StreamCsvOptions {
  /**
   * Called once with the (trimmed) column names, the detected delimiter and decimal separator (see
   * guessDecimal: read the cells with `parseNumber(cell, decimal)`), before any rows.
   */
  onHeader?(header: string[], delimiter: string, decimal: Decimal): void;
  /**
   * Called with consecutive data rows; `rows[i]` is file row `firstRow + i` (the header is row 1). Nothing
   * more is read from the source until the returned promise settles, so a slow consumer slows the reader.
   */
  onRows(rows: string[][], firstRow: number): void | Promise<void>;
  /**
   * The fast path (batch scoring): when given, each record that is plain ASCII without quotes comes here as
   * a byte range (see SimpleRecord) instead of through `onRows`; every other record still comes through
   * `onRows`, in file order, with the same rules. A returned promise pauses the reading, as for `onRows`.
   * Rows read either way are the same rows: `recordCells(record)` gives the cells papaparse would.
   */
  onRecord?(record: SimpleRecord): void | Promise<void>;
  /** Aborting rejects with the signal's reason and cancels the source. */
  signal?: AbortSignalLike;
  /**
   * How many bytes are decoded and parsed per step (default 256 KiB): it bounds memory (about this much text
   * plus the source's own chunk) and sets the usual size of a batch of rows.
   */
  chunkBytes?: number;
  /**
   * Pass rows whose number of values differs from the header's on to `onRows` as they are, instead of
   * rejecting with CsvError 'ragged-row' (batch scoring reports such a row and goes on).
   */
  keepRaggedRows?: boolean;
}

// Measured: 64-256 KiB steps parse fastest (papaparse's per-step arrays stay small); 1 MiB is ~2x slower.
const DEFAULT_CHUNK_BYTES = 256 * 1024;
const LF = 10;

/**
 * Reads a CSV file of any size, a piece at a time, with the same rules and errors as `parseCsvText`
 * (see CsvRowReader) plus 'not-text' for bytes that are not UTF-8 and 'row-too-long' /
 * 'malformed-quotes' for a record that never ends. Works the same in a page, a Web Worker and Node 20:
 * it only needs `Blob.stream()` or a `ReadableStream<Uint8Array>`, `TextDecoder` and papaparse's
 * synchronous `Parser` (no papaparse worker, no FileReader).
 *
 * With `onRecord`, records are cut in the bytes while the file is plain (see simple-records.ts); from the
 * first record with a quote (or a bare LF in a CRLF file) on, papaparse reads the rest, so a file reads the
 * same either way, only faster when it is plain.
 */
export async function streamCsv(
  source: BlobLike | ByteStream,
  options: StreamCsvOptions,
): Promise<StreamCsvResult> {
  const { signal } = options;
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) {
    throw new RangeError(`chunkBytes must be a positive integer, not ${chunkBytes}.`);
  }
  if (signal?.aborted) throw signal.reason;
  const reader = ('getReader' in source ? source : source.stream()).getReader();
  // Cancelling the reader settles a pending read() at once, so an abort is not stuck behind a slow source.
  const onAbort = () => {
    reader.cancel(signal?.reason).catch(() => {});
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const pieces = new Pieces(reader, chunkBytes, signal);
    const result = options.onRecord
      ? await readBytes(pieces, options, options.onRecord)
      : await readText(
          pieces,
          new TextRows(
            new CsvRowReader({ keepRaggedRows: options.keepRaggedRows }),
            createUtf8Decoder(),
            options,
          ),
        );
    if (result.rows === 0) {
      throw new CsvError({
        code: 'header-only',
        row: result.headerRow,
        detail: 'the file has a header row but no data rows.',
      });
    }
    return result;
  } catch (error) {
    reader.cancel(error).catch(() => {});
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

export interface StreamCsvResult {
  /** Data rows read (blank rows and the header not included). */
  rows: number;
  delimiter: string;
  decimal: Decimal;
  /** The file row number of the last record read: rows, blank rows and the header. */
  records: number;
  /** Every record was cut in the bytes (onRecord, or the text fallback for one record): papaparse read none. */
  plain: boolean;
}

interface ReadResult extends StreamCsvResult {
  headerRow: number;
}

/** The source's bytes in pieces of at most chunkBytes (sliced, not copied). */
class Pieces {
  private value: Uint8Array | undefined;
  private at = 0;

  constructor(
    private readonly reader: ByteStreamReader,
    private readonly chunkBytes: number,
    private readonly signal: AbortSignalLike | undefined,
  ) {}

  /** The next piece, or undefined at the end of the source. */
  async next(): Promise<Uint8Array | undefined> {
    while (this.value === undefined || this.at >= this.value.length) {
      const { done, value } = await this.reader.read();
      if (this.signal?.aborted) throw this.signal.reason;
      if (done) return undefined;
      this.value = value;
      this.at = 0;
    }
    // Sources pick their own chunk sizes; slicing keeps each parse step near chunkBytes, so the text held
    // at once stays bounded whatever the source does.
    const piece = this.value.subarray(this.at, this.at + this.chunkBytes);
    this.at += piece.length;
    return piece;
  }
}

/** The papaparse path: decodes bytes to text and hands it to a CsvRowReader a step at a time. */
class TextRows {
  rows = 0;
  private text = '';
  private announced: boolean;

  constructor(
    private readonly csv: CsvRowReader,
    private readonly decode: (bytes: Uint8Array | undefined, final: boolean) => string,
    private readonly options: StreamCsvOptions,
  ) {
    this.announced = csv.header !== undefined;
  }

  async add(bytes: Uint8Array): Promise<void> {
    this.text += this.decode(bytes, false);
    if (this.text.length >= (this.options.chunkBytes ?? DEFAULT_CHUNK_BYTES)) await this.parse(false);
  }

  async end(): Promise<ReadResult> {
    this.text += this.decode(undefined, true);
    await this.parse(true);
    return {
      rows: this.rows,
      delimiter: this.csv.delimiter!,
      decimal: this.csv.decimal!,
      headerRow: this.csv.headerRow,
      records: this.csv.records,
      plain: false,
    };
  }

  private async parse(final: boolean): Promise<void> {
    const { signal, onHeader, onRows } = this.options;
    const { batches, error } = this.csv.push(this.text, final);
    this.text = '';
    if (!this.announced && this.csv.header !== undefined) {
      this.announced = true;
      onHeader?.(this.csv.header, this.csv.delimiter!, this.csv.decimal!);
    }
    for (const batch of batches) {
      if (signal?.aborted) throw signal.reason;
      await onRows(batch.rows, batch.firstRow);
      this.rows += batch.rows.length;
    }
    if (error !== undefined) throw error;
  }
}

async function readText(pieces: Pieces, text: TextRows, first?: Uint8Array): Promise<ReadResult> {
  if (first) await text.add(first);
  for (let piece = await pieces.next(); piece !== undefined; piece = await pieces.next()) {
    await text.add(piece);
  }
  return text.end();
}

/**
 * The byte path. The head of the file (the delimiter and decimal separator guesses need SAMPLE_CHARS of
 * text, as CsvRowReader's, or the whole file when it is shorter) decides: a file whose first line has a
 * quote or is blank, or whose lines end with a bare CR, goes the papaparse way from the start. Otherwise the
 * header is the first line, and records are cut in the bytes until one needs papaparse, which then reads
 * the rest of the file from that record on.
 */
async function readBytes(
  pieces: Pieces,
  options: StreamCsvOptions,
  onRecord: (record: SimpleRecord) => void | Promise<void>,
): Promise<ReadResult> {
  const { signal } = options;
  const decodeHead = createUtf8Decoder();
  const headPieces: Uint8Array[] = [];
  let headText = '';
  let final = false;
  while (headText.length < SAMPLE_CHARS) {
    const piece = await pieces.next();
    if (piece === undefined) {
      final = true;
      headText += decodeHead(undefined, true);
      break;
    }
    headPieces.push(piece);
    headText += decodeHead(piece, false);
  }
  let bytes = concat(headPieces);
  const newline = firstLineEnding(headText, final);
  const lineEnd = headText.indexOf('\n');
  // Quotes further on are the scanner's business; the header line itself must have none.
  const plainHead =
    lineEnd >= 0 && (newline === '\n' || newline === '\r\n') && !headText.slice(0, lineEnd).includes('"');
  const delimiter = plainHead ? guessDelimiter(headText, newline) : undefined;
  const headerCells = headText.slice(0, newline === '\r\n' ? lineEnd - 1 : lineEnd).split(delimiter ?? ',');
  if (!plainHead || delimiter === undefined || isBlank(headerCells)) {
    const text = new TextRows(
      new CsvRowReader({ keepRaggedRows: options.keepRaggedRows }),
      createUtf8Decoder(),
      options,
    );
    return readText(pieces, text, bytes);
  }
  const header = checkHeader(headerCells, 1);
  if (header instanceof CsvError) throw header;
  const decimal = guessDecimal(headText, newline, delimiter, final);
  options.onHeader?.(header, delimiter, decimal);

  const width = header.length;
  const keepRagged = options.keepRaggedRows ?? false;
  const scanner = new SimpleRecordScanner(delimiter.charCodeAt(0), newline === '\r\n', 2);
  let rows = 0;
  const visit = (record: SimpleRecord) => {
    if (signal?.aborted) throw signal.reason;
    if (record.fields !== width && !keepRagged) throw raggedRow(record.row, record.fields, width);
    rows++;
    return onRecord(record);
  };
  const decodeRecord = createUtf8Decoder({ midFile: true });
  let pos = bytes.indexOf(LF) + 1;
  // The rest of a piece whose first line went to finish the record cut at the end of the piece before.
  let queued: Uint8Array | undefined;
  for (;;) {
    // The scanner's own result object: read before it scans again.
    const step: ScanResult = scanner.scan(bytes, pos, final, visit);
    pos = step.pos;
    if (step.stop === 'wait') {
      await step.wait;
      if (signal?.aborted) throw signal.reason;
    } else if (step.stop === 'text') {
      // Not plain ASCII: decoded (a NUL or bad UTF-8 is 'not-text'), then cut at the delimiter, which is
      // still exact with no quote in the record.
      const cells = decodeRecord(bytes.subarray(pos, step.end), true).split(delimiter);
      const next = step.next;
      const row = scanner.row++;
      if (!isBlank(cells)) {
        if (cells.length !== width && !keepRagged) throw raggedRow(row, cells.length, width);
        rows++;
        await options.onRows([cells], row);
        if (signal?.aborted) throw signal.reason;
      }
      pos = next;
    } else if (step.stop === 'quote' || step.stop === 'bare-lf') {
      // papaparse reads the rest, starting at this record's first byte.
      const csv = new CsvRowReader({
        keepRaggedRows: options.keepRaggedRows,
        resume: { header, headerRow: 1, delimiter, decimal, newline, records: scanner.row - 1 },
      });
      const text = new TextRows(csv, createUtf8Decoder({ midFile: true }), options);
      const from = bytes.subarray(pos);
      const rest = await readText(pieces, text, queued ? concat([from, queued]) : from);
      return { ...rest, rows: rows + rest.rows };
    } else if (final) {
      return { rows, delimiter, decimal, headerRow: 1, records: scanner.row - 1, plain: true };
    } else {
      // 'partial' or 'end': go on with the next piece, after what is left of this one.
      const piece = queued ?? (await pieces.next());
      queued = undefined;
      const left = bytes.subarray(pos);
      if (piece === undefined) {
        final = true;
        bytes = left;
      } else if (left.length === 0) {
        bytes = piece;
      } else {
        if (left.length > DEFAULT_MAX_ROW_CHARS) {
          throw new CsvError({
            code: 'row-too-long',
            row: scanner.row,
            detail: `the row is longer than ${DEFAULT_MAX_ROW_CHARS} characters.`,
          });
        }
        // The cut record is finished in a small buffer of its own (with the piece's first line), and the
        // piece is scanned where it is: joining whole pieces copied every byte of the file once more.
        const lineEnd = piece.indexOf(LF);
        if (lineEnd < 0 || lineEnd === piece.length - 1) {
          bytes = concat([left, piece]);
        } else {
          bytes = concat([left, piece.subarray(0, lineEnd + 1)]);
          queued = piece.subarray(lineEnd + 1);
        }
      }
      pos = 0;
    }
  }
}

function raggedRow(row: number, values: number, width: number): CsvError {
  return new CsvError({
    code: 'ragged-row',
    row,
    detail: `it has ${values} ${values === 1 ? 'value' : 'values'} but the header has ${width} columns.`,
  });
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  let length = 0;
  for (const part of parts) length += part.length;
  const joined = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
