// What stream-csv's tests share: every test runs through papaparse only (`onRows`) and through the
// byte-level fast path (`onRecord`, each record turned back into cells here), which must read every file
// the same way.
import { expect } from 'vitest';
import { CsvError, type CsvErrorCode } from '../csv/csv-error';
import type { Decimal } from '../csv/parse-number';
import { recordCells } from '../csv/simple-records';
import { type StreamCsvOptions, streamCsv as streamCsvWithRows } from '../csv/stream-csv';

export { streamOf } from './byte-streams';

export type Mode = 'papaparse' | 'bytes';

/** Which way streamCsv reads, and how many records the byte path cut itself (rather than hand to papaparse). */
export const harness: { mode: Mode; cutInBytes: number } = { mode: 'papaparse', cutInBytes: 0 };

export const streamCsv: typeof streamCsvWithRows = (source, options) =>
  streamCsvWithRows(
    source,
    harness.mode === 'bytes'
      ? {
          ...options,
          onRecord: (record) => {
            harness.cutInBytes++;
            return options.onRows([recordCells(record)], record.row);
          },
        }
      : options,
  );

/** Everything `streamCsv` delivered, with each row's number. */
export async function collect(
  source: Blob | ReadableStream<Uint8Array>,
  options: Omit<StreamCsvOptions, 'onRows' | 'onHeader'> = {},
) {
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const headers: { header: string[]; delimiter: string; decimal: Decimal }[] = [];
  const result = await streamCsv(source, {
    ...options,
    onHeader(header, delimiter, decimal) {
      expect(rows).toHaveLength(0);
      headers.push({ header, delimiter, decimal });
    },
    onRows(batch, firstRow) {
      expect(batch.length).toBeGreaterThan(0);
      batch.forEach((row, index) => {
        rows.push(row);
        rowNumbers.push(firstRow + index);
      });
    },
  });
  expect(headers).toHaveLength(1);
  const { header, delimiter, decimal } = headers[0];
  expect(result).toMatchObject({ rows: rows.length, delimiter, decimal });
  return { header, delimiter, decimal, rows, rowNumbers };
}

export async function streamError(
  source: Blob | ReadableStream<Uint8Array>,
  chunkBytes?: number,
): Promise<CsvError> {
  const error = await streamCsv(source, { chunkBytes, onRows() {} }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof CsvError) return error;
  throw new Error(`expected a CsvError, got ${String(error)}`);
}

export function expectLocated(error: CsvError, code: CsvErrorCode, row?: number, column?: string) {
  expect({ code: error.code, row: error.row, column: error.column }).toEqual({ code, row, column });
}
