import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsvError, type CsvErrorCode } from './csv-error';
import { parseCsvText, readCsvFile } from './parse-csv';

function csvError(run: () => unknown): CsvError {
  try {
    run();
  } catch (error) {
    if (error instanceof CsvError) return error;
    throw error;
  }
  throw new Error('expected a CsvError');
}

function expectCsvError(
  error: CsvError,
  expected: { code: CsvErrorCode; row?: number; column?: string; message?: string },
) {
  expect(error).toBeInstanceOf(CsvError);
  expect(error.name).toBe('CsvError');
  expect({ code: error.code, row: error.row, column: error.column }).toEqual({
    code: expected.code,
    row: expected.row,
    column: expected.column,
  });
  if (expected.message !== undefined) expect(error.message).toBe(expected.message);
}

describe('parseCsvText', () => {
  it('reads a comma-separated file with a header', () => {
    expect(parseCsvText('a,b,label\n1,2,x\n3,4,y\n')).toEqual({
      header: ['a', 'b', 'label'],
      rows: [
        ['1', '2', 'x'],
        ['3', '4', 'y'],
      ],
      delimiter: ',',
      decimal: '.',
      rowNumbers: [2, 3],
    });
  });

  it('detects a semicolon delimiter, even with decimal commas in the values', () => {
    const table = parseCsvText('a;b;label\n1,5;2,25;x\n3,5;4,75;y\n');
    expect(table.delimiter).toBe(';');
    expect(table.decimal).toBe(',');
    expect(table.rows).toEqual([
      ['1,5', '2,25', 'x'],
      ['3,5', '4,75', 'y'],
    ]);
  });

  it('detects a tab delimiter', () => {
    const table = parseCsvText('a\tb, c\tlabel\n1\t2\tx,y\n');
    expect(table.delimiter).toBe('\t');
    expect(table.header).toEqual(['a', 'b, c', 'label']);
    expect(table.rows).toEqual([['1', '2', 'x,y']]);
  });

  it('reads a one-column file with a comma as the delimiter', () => {
    const table = parseCsvText('label\nx\ny\n');
    expect(table).toMatchObject({ header: ['label'], rows: [['x'], ['y']], delimiter: ',' });
  });

  it('drops a UTF-8 BOM', () => {
    const table = parseCsvText('\ufeffa,b\n1,2\n');
    expect(table.header).toEqual(['a', 'b']);
  });

  it('reads CRLF line endings without leaving \\r in the cells', () => {
    const table = parseCsvText('a,b\r\n1,2\r\n3,4\r\n');
    expect(table.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(table.rowNumbers).toEqual([2, 3]);
  });

  it('reads old Mac CR line endings', () => {
    expect(parseCsvText('a,b\r1,2\r3,4').rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('reads a last row with no line ending', () => {
    expect(parseCsvText('a,b\n1,2').rows).toEqual([['1', '2']]);
  });

  it('reads quoted fields with delimiters, line breaks and doubled quotes inside', () => {
    const table = parseCsvText('"a,1","b""2"\r\n"x,y","line\r\nbreak"\r\n"say ""hi""",""\r\n');
    expect(table.header).toEqual(['a,1', 'b"2']);
    expect(table.rows).toEqual([
      ['x,y', 'line\r\nbreak'],
      ['say "hi"', ''],
    ]);
    // A quoted value over two lines is still one row, as in a spreadsheet.
    expect(table.rowNumbers).toEqual([2, 3]);
  });

  it('skips blank lines but keeps counting them as rows', () => {
    const table = parseCsvText('\na,b\n1,2\n\n   \n,\n3,4\n\n');
    expect(table.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(table.rowNumbers).toEqual([3, 7]);
  });

  it('trims column names but not values', () => {
    const table = parseCsvText(' a , b\n 1 , x \n');
    expect(table.header).toEqual(['a', 'b']);
    expect(table.rows).toEqual([[' 1 ', ' x ']]);
  });

  it('reads a large file (parsed in pieces) with quoted line breaks and blank lines anywhere', () => {
    const lines = ['id;note;value'];
    const rows: string[][] = [];
    const rowNumbers: number[] = [];
    for (let i = 0; i < 40_000; i++) {
      if (i % 1000 === 999) {
        lines.push('');
        continue;
      }
      lines.push(`${i};"line ${i}\r\nnext; ""${i}""";${i / 4}`);
      rows.push([String(i), `line ${i}\r\nnext; "${i}"`, String(i / 4)]);
      rowNumbers.push(i + 2);
    }
    const text = `${lines.join('\r\n')}\r\n`;
    expect(text.length).toBeGreaterThan(4 * 256 * 1024);
    expect(parseCsvText(text)).toEqual({
      header: ['id', 'note', 'value'],
      rows,
      delimiter: ';',
      decimal: '.',
      rowNumbers,
    });
  });

  it.each(['', '\n\n', '\r\n', ' \n', '\ufeff'])('rejects an empty file (%j)', (text) => {
    expectCsvError(
      csvError(() => parseCsvText(text)),
      { code: 'empty-file', message: 'The file is empty.' },
    );
  });

  it('rejects a file with a header but no data rows', () => {
    expectCsvError(
      csvError(() => parseCsvText('a,b,c\n\n')),
      { code: 'header-only', row: 1, message: 'Row 1: the file has a header row but no data rows.' },
    );
  });

  it('rejects a blank column name', () => {
    expectCsvError(
      csvError(() => parseCsvText('a, ,c\n1,2,3\n')),
      {
        code: 'missing-column-name',
        row: 1,
        message: 'Row 1: column 2 has no name. Every column needs a name in the header row.',
      },
    );
  });

  it('rejects a duplicate column name (after trimming)', () => {
    expectCsvError(
      csvError(() => parseCsvText('a,b,a \n1,2,3\n')),
      {
        code: 'duplicate-column-name',
        row: 1,
        column: 'a',
        message: 'Row 1, column "a": the name "a" is used by columns 1 and 3; column names must be unique.',
      },
    );
  });

  it('rejects a row with too few or too many values, naming the spreadsheet row', () => {
    expectCsvError(
      csvError(() => parseCsvText('a,b,c\n1,2,3\n4,5\n')),
      {
        code: 'ragged-row',
        row: 3,
        message: 'Row 3: it has 2 values but the header has 3 columns.',
      },
    );
    // Row 2 spans two lines and a blank line follows; the bad row is the 4th row a spreadsheet shows.
    expectCsvError(
      csvError(() => parseCsvText('a,b,c\n1,"two\nlines",3\n\n4,5,6,7\n')),
      { code: 'ragged-row', row: 4 },
    );
  });

  it('rejects a quoted value that is never closed', () => {
    expectCsvError(
      csvError(() => parseCsvText('a,b\n1,2\n"3,4\n5,6\n')),
      { code: 'malformed-quotes', row: 3 },
    );
  });

  it('rejects text after a closing quote', () => {
    expectCsvError(
      csvError(() => parseCsvText('a,b\n1,2\n"3"x,4\n5,6\n')),
      { code: 'malformed-quotes', row: 3 },
    );
  });
});

describe('readCsvFile', () => {
  it('reads the iris file', async () => {
    const table = await readCsvFile(new Blob([readFileSync('public/data/iris.csv')]));
    expect(table.header).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']);
    expect(table.rows).toHaveLength(150);
    expect(table.rows[0]).toEqual(['5.1', '3.5', '1.4', '0.2', 'setosa']);
    expect(table.rows[149][4]).toBe('virginica');
  });

  it('reads UTF-8 with a BOM and non-ASCII text', async () => {
    const table = await readCsvFile(new Blob(['\ufeffnaïve,名前\n1,東京\n']));
    expect(table.header).toEqual(['naïve', '名前']);
    expect(table.rows).toEqual([['1', '東京']]);
  });

  it.each([
    ['invalid UTF-8 (Latin-1)', new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0xe9, 0x0a])],
    ['UTF-16', new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00, 0x62, 0x00, 0x0a, 0x00])],
    ['NUL bytes', new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0x00, 0x0a])],
    ['a truncated multi-byte character', new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0xc3])],
  ])('rejects %s as not text', async (_, bytes) => {
    const error = await readCsvFile(new Blob([bytes])).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CsvError);
    expect((error as CsvError).code).toBe('not-text');
  });

  it('reports CSV problems after decoding', async () => {
    const error = await readCsvFile(new Blob(['a,b\n'])).catch((caught: unknown) => caught);
    expect((error as CsvError).code).toBe('header-only');
  });
});

describe('parseCsvText decimal separator', () => {
  it.each([
    ['a semicolon file with decimal commas', 'a;b;label\n5,1;3;x\n-0,25;1,5e3;y\n', ','],
    ['a tab file with decimal commas', 'a\tb\tlabel\n5,1\t3\tx\n4\t2,5\ty\n', ','],
    ['a semicolon file with decimal points', 'a;b;label\n5.1;3.5;x\n4.9;3;y\n', '.'],
    ['a semicolon file with both (mixed)', 'a;b;label\n5,1;3.5;x\n4,9;3,0;y\n', '.'],
    ['thousands separators (no clue) with decimal commas', 'a;b;label\n1.234,5;3,5;x\n2.000,25;1;y\n', ','],
    ['thousands separators (no clue) with a decimal point', 'a;b;label\n1.234,5;3;x\n2.000,25;1.5;y\n', '.'],
    ['a semicolon file of whole numbers', 'a;b;label\n5;3;x\n4;2;y\n', '.'],
    ['a comma file with quoted decimal commas', 'a,b,label\n"5,1","3,5",x\n"4,9","3,0",y\n', '.'],
    ['a comma file', 'a,b,label\n5.1,3.5,x\n4.9,3,y\n', '.'],
  ])('reads %s with %j', (_, text, decimal) => {
    expect(parseCsvText(text).decimal).toBe(decimal);
  });

  it('never reads a comma-delimited file with a decimal comma', () => {
    // Only quoted cells can hold a comma there; they still say nothing about the file's separator.
    const text = `a,b,label\n${'"1,5","2,5",x\n'.repeat(50)}`;
    expect(parseCsvText(text)).toMatchObject({ delimiter: ',', decimal: '.' });
  });

  it('does not take the header for a row of numbers', () => {
    expect(parseCsvText('1.5;2.5;label\n5,1;3,5;x\n').decimal).toBe(',');
    expect(parseCsvText('\n;;\n1,5;2,5;label\n5.1;3.5;x\n').decimal).toBe('.');
  });

  it('reads a last line without a line ending, but not a line cut off after the head', () => {
    expect(parseCsvText('a;label\n7;x\n5,1;y').decimal).toBe(',');
    // The head is the first SAMPLE_LINES lines: a decimal point further on does not count.
    const whole = Array.from({ length: 100 }, (_, i) => `${i};x`).join('\n');
    expect(parseCsvText(`a;label\n${whole}\n1,5;y\n`).decimal).toBe('.');
    expect(parseCsvText(`a;label\n1,5;y\n${whole}\n1.5;y\n`).decimal).toBe(',');
  });
});
