import Papa from 'papaparse';
import { quoted } from '../core/short-text';
import { CsvError } from './csv-error';
import { type Decimal, separatorBetweenDigits } from './parse-number';

/** Consecutive data rows; `rows[i]` is file row `firstRow + i` (the header is row 1). */
export interface CsvRowBatch {
  readonly rows: string[][];
  readonly firstRow: number;
}

/** What one piece of text yielded: the rows it completed and, if the text has a problem, the error. */
export interface CsvRowStep {
  batches: CsvRowBatch[];
  error?: CsvError;
}

export type Newline = '\n' | '\r\n' | '\r';

/** What `Papa.Parser#parse` returns (typed `any` upstream). */
interface ParsedText {
  data: string[][];
  errors: Papa.ParseError[];
  meta: { cursor: number };
}

const DELIMITERS = [',', ';', '\t'];
/** Text used to guess the delimiter: plenty for Papa's 10-row vote, small enough to wait for. */
export const SAMPLE_CHARS = 64 * 1024;
/**
 * Lines (the header's included) the decimal separator is guessed from, within SAMPLE_CHARS: a hundred rows
 * show a file's numbers well, and a reader waits for no more than this before its first row.
 */
export const SAMPLE_LINES = 101;
/**
 * Longest incomplete record carried from one piece of text to the next. Without a cap, an unclosed quote
 * early in a large file would carry (and re-parse on every chunk) the whole rest of the file.
 */
export const DEFAULT_MAX_ROW_CHARS = 4 * 1024 * 1024;

/** Where a reader that stopped at a record boundary left off: what `resume` needs to carry on. */
export interface CsvReaderState {
  readonly header: string[];
  readonly headerRow: number;
  readonly delimiter: string;
  readonly decimal: Decimal;
  readonly newline: Newline;
  /** Records (rows, blank ones and the header included) read so far. */
  readonly records: number;
}

/**
 * Turns CSV text, given whole or in consecutive pieces, into validated rows. It is the one place both the
 * in-memory reader (`parseCsvText`) and the streaming reader (`streamCsv`) get their rules from, so a file
 * reads the same either way:
 * - a leading BOM is dropped; the line ending (LF, CRLF or CR) is the first one outside quotes;
 * - the delimiter (comma, semicolon or tab) is Papa's guess over the first lines, comma if none fits;
 * - the decimal separator ('.' or ',') is guessed from the numbers in the file's head (guessDecimal);
 * - records are split by papaparse's `Parser` (quotes, doubled quotes, delimiters and newlines inside
 *   quotes); the last, possibly incomplete record of a piece is kept and parsed again with the next piece;
 * - blank records (every field empty or spaces) are skipped but still counted as rows;
 * - the first non-blank record is the header: names are trimmed, must be non-empty and unique;
 * - every other record must have as many fields as the header.
 * Problems come back as a CsvError in the step (see `push`) rather than thrown, so a streaming caller
 * can first use the good rows that came before the bad one.
 */
export class CsvRowReader {
  /** Column names, once the header has been read. */
  header: string[] | undefined;
  /** File row number of the header. */
  headerRow = 0;
  /** The delimiter, once it has been detected. */
  delimiter: string | undefined;
  /** The decimal separator, detected with the delimiter. */
  decimal: Decimal | undefined;

  private readonly maxRowChars: number;
  private readonly keepRaggedRows: boolean;
  private newline: Newline | undefined;
  private pending = '';
  private started = false;
  private done = false;
  /** Records (rows, blank ones and the header included) parsed so far: the last one's file row number. */
  records = 0;

  constructor(options: { maxRowChars?: number; keepRaggedRows?: boolean; resume?: CsvReaderState } = {}) {
    this.maxRowChars = options.maxRowChars ?? DEFAULT_MAX_ROW_CHARS;
    this.keepRaggedRows = options.keepRaggedRows ?? false;
    const { resume } = options;
    if (resume) {
      // Another reader (streamCsv's byte-level fast path) read the file up to a record boundary.
      this.started = true;
      this.header = resume.header;
      this.headerRow = resume.headerRow;
      this.delimiter = resume.delimiter;
      this.decimal = resume.decimal;
      this.newline = resume.newline;
      this.records = resume.records;
    }
  }

  /**
   * Adds the next piece of text (`final` on the last one, which may be empty) and returns the data rows it
   * completed, as batches of consecutive rows: a skipped blank row starts a new batch so every row's number
   * stays `firstRow + index`. When the text has a problem (the header, a row, an empty file), `error` is
   * the CsvError to throw once the rows before the bad one (in `batches`) have been used; the reader then
   * accepts no more text.
   */
  push(text: string, final: boolean): CsvRowStep {
    if (this.done) throw new Error('CsvRowReader: push after the final piece or an error.');
    this.done = final;
    if (!this.started && text !== '') {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const input = this.pending + text;
    this.pending = input;
    if (this.newline === undefined) {
      this.newline = firstLineEnding(input, final || input.length > this.maxRowChars);
      if (this.newline === undefined) return { batches: [] };
    }
    if (this.delimiter === undefined) {
      if (!final && input.length < SAMPLE_CHARS && !hasLines(input, this.newline, SAMPLE_LINES)) {
        return { batches: [] };
      }
      this.delimiter = guessDelimiter(input, this.newline);
      this.decimal = guessDecimal(input, this.newline, this.delimiter, final);
    }
    // ignoreLastRow (the third argument) makes papaparse stop before the text after the last complete
    // record, quote-aware, and report where it stopped in meta.cursor.
    const parser = new Papa.Parser({ delimiter: this.delimiter, newline: this.newline });
    const parsed: ParsedText = parser.parse(input, 0, !final);
    this.pending = final ? '' : input.slice(parsed.meta.cursor);
    const firstRecord = this.records + 1;
    this.records += parsed.data.length;
    const step = this.collect(parsed, firstRecord);
    if (step.error === undefined && this.pending.length > this.maxRowChars) {
      const quoted = this.pending.includes('"');
      step.error = new CsvError({
        code: quoted ? 'malformed-quotes' : 'row-too-long',
        row: this.records + 1,
        detail: quoted
          ? 'a quoted value starts in this row but its closing quote was not found.'
          : `the row is longer than ${this.maxRowChars} characters.`,
      });
    }
    if (step.error === undefined && final && this.header === undefined) {
      step.error = new CsvError({ code: 'empty-file', detail: 'The file is empty.' });
    }
    if (step.error !== undefined) this.done = true;
    return step;
  }

  private collect(parsed: ParsedText, firstRecord: number): CsvRowStep {
    const records = parsed.data;
    const batches: CsvRowBatch[] = [];
    let batch: string[][] | undefined;
    // In a non-final piece papaparse may also complain about the record it left incomplete (its index is
    // records.length); that record is parsed again with the next piece, so only complete records count.
    const quoteError = parsed.errors.find(
      (error) => error.type === 'Quotes' && (error.row ?? 0) < records.length,
    );
    const end = quoteError === undefined ? records.length : (quoteError.row ?? 0);
    for (let index = 0; index < end; index++) {
      const record = records[index];
      const row = firstRecord + index;
      if (isBlank(record)) {
        batch = undefined;
      } else if (this.header === undefined) {
        const header = checkHeader(record, row);
        if (header instanceof CsvError) return { batches, error: header };
        this.header = header;
        this.headerRow = row;
      } else {
        if (record.length !== this.header.length && !this.keepRaggedRows) {
          const error = new CsvError({
            code: 'ragged-row',
            row,
            detail: `it has ${record.length} ${record.length === 1 ? 'value' : 'values'} but the header has ${this.header.length} columns.`,
          });
          return { batches, error };
        }
        if (batch === undefined) {
          batch = [];
          batches.push({ rows: batch, firstRow: row });
        }
        batch.push(record);
      }
    }
    if (quoteError === undefined) return { batches };
    const error = new CsvError({
      code: 'malformed-quotes',
      row: firstRecord + end,
      detail:
        quoteError.code === 'MissingQuotes'
          ? 'a quoted value starts in this row but its closing quote was not found.'
          : 'a quoted value has text after its closing quote. Write a quote inside a quoted value as "".',
    });
    return { batches, error };
  }
}

/**
 * The first line ending outside quotes, or undefined when more text is needed to tell (none yet, or a
 * `\r` at the very end that may be the first half of a CRLF split between two pieces).
 */
export function firstLineEnding(text: string, final: boolean): Newline | undefined {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (char === '\n') return '\n';
    else if (char === '\r') {
      if (i + 1 < text.length) return text[i + 1] === '\n' ? '\r\n' : '\r';
      return final ? '\r' : undefined;
    }
  }
  return final ? '\n' : undefined;
}

function hasLines(text: string, newline: Newline, lines: number): boolean {
  let at = -1;
  for (let found = 0; found < lines; found++) {
    at = text.indexOf(newline, at + 1);
    if (at < 0) return false;
  }
  return true;
}

export function guessDelimiter(text: string, newline: Newline): string {
  const sample = text.slice(0, SAMPLE_CHARS);
  const lastLine = sample.lastIndexOf(newline);
  // A cut-off last line would have fewer fields and blur the vote; Papa falls back to a comma when no
  // candidate splits the lines consistently (a one-column file).
  const complete = lastLine > 0 ? sample.slice(0, lastLine) : sample;
  const result = Papa.parse<string[]>(complete, {
    delimitersToGuess: DELIMITERS,
    newline,
    skipEmptyLines: true,
    preview: 1,
  });
  return DELIMITERS.includes(result.meta.delimiter) ? result.meta.delimiter : ',';
}

/**
 * The file's decimal separator, guessed once from its head, the file's first SAMPLE_LINES lines within its
 * first SAMPLE_CHARS characters (`headLines`): ',' only when the delimiter is not ',' and the cells of the
 * rows after the header that read as decimal numbers (`separatorBetweenDigits`) include some written
 * `d,d` ('5,1', '-0,25', '1,5e3') and none written `d.d`; '.' otherwise. Why this rule:
 * - in a comma-delimited file a decimal comma would have to be quoted, and '"1,5"' there is as likely a
 *   list or a thousands separator as a decimal: such files keep '.';
 * - a file with both forms (say '1.5' in one column and '2,5' in another) is not clearly either: it keeps
 *   '.', so its `d,d` cells are reported as not numbers rather than silently read as other values;
 * - a file whose numbers are all whole shows no separator, and '.' reads it as ',' would.
 * Cells like ',5', '5.' or '1.234,5' (a thousands separator, which parseNumber never accepts) say
 * nothing. '1,500' in a semicolon file counts as a decimal comma (1.5): a file that shows no decimal
 * point is read the European way, the way it was most likely written.
 *
 * `text` is the file from its start; `final` says it is the whole file. Both reading paths call this with
 * whatever head they have read (CsvRowReader at SAMPLE_LINES lines or SAMPLE_CHARS characters, streamCsv's
 * byte path at SAMPLE_CHARS characters): `headLines` is the same text either way, so they guess alike.
 */
export function guessDecimal(text: string, newline: Newline, delimiter: string, final: boolean): Decimal {
  if (delimiter === ',') return '.';
  const { data } = Papa.parse<string[]>(headLines(text, newline, final), { delimiter, newline });
  let comma = false;
  let header = true;
  for (const record of data) {
    if (header) {
      // The first non-blank record is the header: its names are not numbers.
      header = isBlank(record);
      continue;
    }
    for (const cell of record) {
      const separator = separatorBetweenDigits(cell);
      if (separator === '.') return '.';
      if (separator === ',') comma = true;
    }
  }
  return comma ? ',' : '.';
}

/**
 * The first SAMPLE_LINES lines of `text` that end within its first SAMPLE_CHARS characters, without their
 * last line ending. A line the text cuts off is left out ('1.234,5' cut to '1.23' would be a number of the
 * wrong kind), unless the text is a whole file shorter than SAMPLE_CHARS, whose last line may have no line
 * ending. Lines are counted by line endings, inside quotes or not, as `hasLines` counts them.
 */
function headLines(text: string, newline: Newline, final: boolean): string {
  let end = -1;
  for (let line = 0; line < SAMPLE_LINES; line++) {
    const next = text.indexOf(newline, end + 1);
    // The line ending itself must end within SAMPLE_CHARS: both paths have read that far.
    if (next < 0 || next + newline.length > SAMPLE_CHARS) {
      return final && text.length < SAMPLE_CHARS ? text : text.slice(0, Math.max(end, 0));
    }
    end = next;
  }
  return text.slice(0, end);
}

export function isBlank(record: readonly string[]): boolean {
  return record.every((field) => field === '' || field.trim() === '');
}

export function checkHeader(record: readonly string[], row: number): string[] | CsvError {
  const header = record.map((name) => name.trim());
  const seen = new Map<string, number>();
  for (let index = 0; index < header.length; index++) {
    const name = header[index];
    if (name === '') {
      return new CsvError({
        code: 'missing-column-name',
        row,
        detail: `column ${index + 1} has no name. Every column needs a name in the header row.`,
      });
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      return new CsvError({
        code: 'duplicate-column-name',
        row,
        column: name,
        detail: `the name ${quoted(name)} is used by columns ${earlier + 1} and ${index + 1}; column names must be unique.`,
      });
    }
    seen.set(name, index);
  }
  return header;
}
