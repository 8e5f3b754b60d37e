import { quoted } from '../core/short-text';

/** Why a CSV file (or a table read from one) cannot be used. */
export type CsvErrorCode =
  | 'not-text'
  | 'empty-file'
  | 'header-only'
  | 'missing-column-name'
  | 'duplicate-column-name'
  | 'ragged-row'
  | 'malformed-quotes'
  | 'row-too-long'
  | 'empty-value'
  | 'not-a-number'
  | 'not-a-date'
  | 'not-finite'
  | 'unknown-column'
  | 'no-label'
  | 'wrong-use'
  | 'too-few-classes'
  | 'class-too-small'
  | 'no-feature-columns'
  | 'too-many-columns'
  | 'too-many-classes'
  | 'name-too-long'
  | 'file-too-large';

/**
 * A problem with the user's file, worded for the user. `row` is the row number a spreadsheet shows for the
 * record (the header is row 1, the first data row is row 2, a blank line still takes a number, a quoted
 * value spanning several lines is one row); `column` is the column's header name.
 */
export class CsvError extends Error {
  readonly code: CsvErrorCode;
  readonly row?: number;
  readonly column?: string;

  /**
   * `detail` is the sentence after the location, e.g. `"abc" is not a number.`; the message becomes
   * `Row 7, column "sepal_width": "abc" is not a number.` When neither row nor column is given, `detail`
   * is the whole message, so it should then start with a capital letter.
   */
  constructor(options: {
    code: CsvErrorCode;
    detail: string;
    row?: number;
    column?: string;
    cause?: unknown;
  }) {
    super(locate(options.row, options.column) + options.detail, { cause: options.cause });
    this.name = 'CsvError';
    this.code = options.code;
    if (options.row !== undefined) this.row = options.row;
    if (options.column !== undefined) this.column = options.column;
  }
}

function locate(row: number | undefined, column: string | undefined): string {
  if (row !== undefined && column !== undefined) return `Row ${row}, column ${quoted(column)}: `;
  if (row !== undefined) return `Row ${row}: `;
  if (column !== undefined) return `Column ${quoted(column)}: `;
  return '';
}
