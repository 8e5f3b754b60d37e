import { createUtf8Decoder } from './create-utf8-decoder';
import { CsvError } from './csv-error';
import { CsvRowReader } from './csv-row-reader';
import type { Decimal } from './parse-number';
import type { BlobLike } from './web-types';

const PIECE_CHARS = 256 * 1024;

/** A CSV file read into memory: trimmed, unique column names and rows of raw (untrimmed) cells. */
export interface CsvTable {
  header: string[];
  /** Data rows; each has exactly `header.length` cells. Blank lines are not included. */
  rows: string[][];
  /** The delimiter that was detected: ',', ';' or '\t'. */
  delimiter: string;
  /**
   * The decimal separator that was detected (see guessDecimal): ',' for a file such as `5,1;3,5;setosa`,
   * else '.'. Read the cells with `parseNumber(cell, decimal)`.
   */
  decimal: Decimal;
  /**
   * The file row number of each row (the header is row 1), for error messages. It differs from
   * `index + 2` only after blank lines or lines before the header; when absent, `index + 2` is assumed.
   */
  rowNumbers?: number[];
}

/**
 * Reads CSV text: header row required, BOM dropped, LF / CRLF / CR line endings, quoted fields (with
 * delimiters, newlines and doubled quotes inside), comma / semicolon / tab detected and with it the decimal
 * separator (guessDecimal), blank lines skipped.
 * Throws a CsvError: 'empty-file', 'header-only', 'missing-column-name', 'duplicate-column-name',
 * 'ragged-row' or 'malformed-quotes', with the row (and column) concerned.
 */
export function parseCsvText(text: string): CsvTable {
  const reader = new CsvRowReader();
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  // Parsing in pieces is faster than in one go (papaparse's intermediate arrays stay small), and it reads
  // exactly as streamCsv does.
  for (let start = 0; ; start += PIECE_CHARS) {
    const final = start + PIECE_CHARS >= text.length;
    const { batches, error } = reader.push(text.slice(start, start + PIECE_CHARS), final);
    for (const batch of batches) {
      for (let index = 0; index < batch.rows.length; index++) {
        rows.push(batch.rows[index]);
        rowNumbers.push(batch.firstRow + index);
      }
    }
    if (error !== undefined) throw error;
    if (final) break;
  }
  const header = reader.header!;
  if (rows.length === 0) {
    throw new CsvError({
      code: 'header-only',
      row: reader.headerRow,
      detail: 'the file has a header row but no data rows.',
    });
  }
  return { header, rows, delimiter: reader.delimiter!, decimal: reader.decimal!, rowNumbers };
}

/**
 * Reads a whole CSV file into memory (for training files; use `streamCsv` to score large ones). Rejects
 * with a CsvError 'not-text' when the bytes are not UTF-8 text, otherwise as `parseCsvText`.
 */
export async function readCsvFile(blob: BlobLike): Promise<CsvTable> {
  const decode = createUtf8Decoder();
  return parseCsvText(decode(new Uint8Array(await blob.arrayBuffer()), true));
}
