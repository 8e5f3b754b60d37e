import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  collect,
  expectLocated,
  harness,
  streamCsv,
  streamError,
  streamOf,
} from '../test/stream-csv-harness';
import { SAMPLE_LINES } from './csv-row-reader';
import { parseCsvText } from './parse-csv';

const encoder = new TextEncoder();

/**
 * SAMPLE_LINES ordinary rows: the reader guesses the delimiter and decimal separator from the first
 * SAMPLE_LINES lines before it parses, so whatever follows them is parsed piece by piece, as it arrives.
 */
const FILLER = Array.from({ length: SAMPLE_LINES }, (_, index) => [String(index), String(index)]);
/** The first row after the filler, and its file row number (the header is row 1). */
const AFTER = FILLER.length;
const AFTER_ROW = FILLER.length + 2;
const FILLER_TEXT = (delimiter: string, newline: string) =>
  FILLER.map((row) => row.join(delimiter) + newline).join('');

const TRICKY =
  '\ufeffname;"note; with ""quotes"""\r\n' +
  FILLER_TEXT(';', '\r\n') +
  'é;"multi\r\nline; value"\r\n' +
  '\r\n' +
  '😀;"东京"\r\n' +
  '"";""""\r\n' +
  'plain;x';

const TRICKY_ROWS = [...FILLER, ['é', 'multi\r\nline; value'], ['😀', '东京'], ['', '"'], ['plain', 'x']];

/** Runs the source both ways: parsed at every byte (chunkBytes 1) and parsed as the chunks arrive. */
async function collectBothWays(chunks: readonly (string | Uint8Array | number[])[]) {
  const everyByte = await collect(streamOf(chunks), { chunkBytes: 1 });
  const perChunk = await collect(streamOf(chunks), { chunkBytes: 1 << 20 });
  expect(perChunk).toEqual(everyByte);
  return everyByte;
}

describe.each(['papaparse', 'bytes'] as const)('streamCsv (%s)', (current) => {
  beforeEach(() => {
    harness.mode = current;
  });

  it('reads the iris file as parseCsvText does', async () => {
    const bytes = readFileSync('public/data/iris.csv');
    const expected = parseCsvText(bytes.toString('utf8'));
    for (const chunkBytes of [undefined, 4096, 7]) {
      const read = await collect(new Blob([bytes]), { chunkBytes });
      expect(read.header).toEqual(expected.header);
      expect(read.delimiter).toBe(',');
      expect(read.rows).toEqual(expected.rows);
      expect(read.rows).toHaveLength(150);
      expect(read.rowNumbers).toEqual(Array.from({ length: 150 }, (_, index) => index + 2));
    }
  });

  it('reads the same rows at every chunk size (BOM, CRLF, quotes, blank line, multi-byte text)', async () => {
    const expected = parseCsvText(TRICKY);
    expect(expected.delimiter).toBe(';');
    expect(expected.rows).toEqual(TRICKY_ROWS);
    const rowNumbers = [
      ...FILLER.map((_, index) => index + 2),
      AFTER_ROW,
      AFTER_ROW + 2,
      AFTER_ROW + 3,
      AFTER_ROW + 4,
    ];
    expect(expected.rowNumbers).toEqual(rowNumbers);
    const bytes = encoder.encode(TRICKY);
    for (let chunkBytes = 1; chunkBytes <= bytes.length + 1; chunkBytes++) {
      const read = await collect(new Blob([bytes]), { chunkBytes });
      expect({ chunkBytes, ...read }).toEqual({
        chunkBytes,
        header: ['name', 'note; with "quotes"'],
        delimiter: ';',
        decimal: '.',
        rows: TRICKY_ROWS,
        rowNumbers,
      });
    }
  });

  it('reads the same rows whatever byte the source splits at', async () => {
    const bytes = encoder.encode(TRICKY);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const read = await collect(streamOf([bytes.subarray(0, cut), bytes.subarray(cut)]), { chunkBytes: 16 });
      expect({ cut, rows: read.rows }).toEqual({ cut, rows: TRICKY_ROWS });
    }
  });

  it('joins a row split across chunks', async () => {
    const read = await collectBothWays([`a,b,c\n${FILLER_TEXT(',', ',0\n')}1,2`, ',3\n4', ',5,6\n']);
    expect(read.rows.slice(AFTER)).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect(read.rowNumbers.slice(AFTER)).toEqual([AFTER_ROW, AFTER_ROW + 1]);
  });

  it('joins a CRLF split between chunks, also right after the header', async () => {
    const read = await collectBothWays(['a,b\r', `\n${FILLER_TEXT(',', '\r\n')}1,2\r`, '\n3,4\r', '\n']);
    expect(read.header).toEqual(['a', 'b']);
    expect(read.rows.slice(AFTER)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(read.rowNumbers.slice(AFTER)).toEqual([AFTER_ROW, AFTER_ROW + 1]);
  });

  it('joins a quoted value whose line break or doubled quote is split between chunks', async () => {
    const read = await collectBothWays([
      `a,b\r\n${FILLER_TEXT(',', '\r\n')}"one\r`,
      '\ntwo",1\r\n"x',
      '""y"',
      '"",2\r\n',
    ]);
    expect(read.rows.slice(AFTER)).toEqual([
      ['one\r\ntwo', '1'],
      ['x"y"', '2'],
    ]);
    expect(read.rowNumbers.slice(AFTER)).toEqual([AFTER_ROW, AFTER_ROW + 1]);
  });

  it('decodes a multi-byte character split between chunks', async () => {
    // "é" is C3 A9; "😀" is F0 9F 98 80.
    const read = await collectBothWays([
      `a,b\n${FILLER_TEXT(',', '\n')}`,
      [0xc3],
      [0xa9, 0x2c, 0xf0, 0x9f],
      [0x98],
      [0x80, 0x0a],
    ]);
    expect(read.rows.slice(AFTER)).toEqual([['é', '😀']]);
  });

  it('drops a BOM split between chunks', async () => {
    const read = await collectBothWays([[0xef], [0xbb, 0xbf, 0x61], ',b\n1,2\n']);
    expect(read.header).toEqual(['a', 'b']);
    expect(read.rows).toEqual([['1', '2']]);
  });

  it.each([
    ['a;b;label\n5,1;3;x\n-0,25;1,5e3;y\n', ';', ','],
    ['a\tb\r\n5,1\t3\r\n', '\t', ','],
    ['a;b;label\n5.1;3;x\n4,9;3;y\n', ';', '.'],
    ['a;b\n5;3\n4;2', ';', '.'],
    ['a,b,label\n"5,1","3,5",x\n', ',', '.'],
    [`a;b\n${'1,5;2\n'.repeat(SAMPLE_LINES)}1.5;2\n`, ';', ','],
  ])('detects the decimal separator of %j as parseCsvText does', async (text, delimiter, decimal) => {
    expect(parseCsvText(text)).toMatchObject({ delimiter, decimal });
    for (const chunkBytes of [1 << 20, 7, 1]) {
      const read = await collect(new Blob([text]), { chunkBytes });
      expect({ chunkBytes, delimiter: read.delimiter, decimal: read.decimal }).toEqual({
        chunkBytes,
        delimiter,
        decimal,
      });
      expect(read.rows).toEqual(parseCsvText(text).rows);
    }
  });

  it('detects the decimal separator from the same head wherever the source splits', async () => {
    // A decimal point right after the head: in neither path's sample, however the text arrives.
    const text = `a;b\n${'1,5;2\n'.repeat(SAMPLE_LINES - 1)}1.5;2\n`;
    const bytes = encoder.encode(text);
    for (let cut = 0; cut <= bytes.length; cut += 7) {
      const read = await collect(streamOf([bytes.subarray(0, cut), bytes.subarray(cut)]), { chunkBytes: 5 });
      expect({ cut, decimal: read.decimal }).toEqual({ cut, decimal: ',' });
    }
  });

  it('detects a tab delimiter from the first lines', async () => {
    const read = await collect(streamOf(['a\tb,c\n', '1\t2\n']), { chunkBytes: 3 });
    expect(read.delimiter).toBe('\t');
    expect(read.header).toEqual(['a', 'b,c']);
  });

  it.runIf(current === 'papaparse')(
    'gives each batch consecutive row numbers, starting a new batch after a blank line',
    async () => {
      const batches: [number, number][] = [];
      await streamCsv(new Blob(['a,b\n1,2\n3,4\n\n5,6\n7,8\n']), {
        onRows(rows, firstRow) {
          batches.push([firstRow, rows.length]);
        },
      });
      expect(batches).toEqual([
        [2, 2],
        [5, 2],
      ]);
    },
  );

  it('awaits onRows before reading more of the source', async () => {
    // The byte path reads SAMPLE_CHARS (64 Ki characters) before its first row to guess the delimiter, so
    // its file starts with that much in one pull.
    const head = current === 'bytes' ? `a,b\n${'0,0\n'.repeat(17_000)}` : 'a,b\n';
    const headRows = current === 'bytes' ? 17_000 : 0;
    const lines = [head, ...Array.from({ length: 50 }, (_, index) => `${index},${index}\n`)];
    let pulled = 0;
    const source = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled === lines.length) controller.close();
          else controller.enqueue(encoder.encode(lines[pulled++]));
        },
      },
      { highWaterMark: 0 },
    );
    let busy = false;
    let delivered = 0;
    await streamCsv(source, {
      chunkBytes: 4,
      async onRows(rows) {
        if (delivered < headRows) {
          delivered += rows.length;
          return;
        }
        expect(busy).toBe(false);
        busy = true;
        const pulledBefore = pulled;
        await new Promise((resolve) => setTimeout(resolve, 2));
        expect(pulled).toBe(pulledBefore);
        delivered += rows.length;
        // Only the chunk holding these rows (and at most one more in flight) has been read so far.
        expect(pulled).toBeLessThanOrEqual(delivered - headRows + 2);
        busy = false;
      },
    });
    expect(delivered).toBe(headRows + 50);
  });

  it('reports a ragged row with its file row number, across chunks', async () => {
    const error = await streamError(new Blob(['a,b\n1,2\n\n3,4\n5\n6,7\n']), 3);
    expectLocated(error, 'ragged-row', 5);
    expect(error.message).toBe('Row 5: it has 1 value but the header has 2 columns.');
  });

  it('delivers the rows read before a bad row, then rejects', async () => {
    const good = Array.from({ length: 20 }, (_, index) => [String(index), String(index)]);
    const seen: string[][] = [];
    const result = streamCsv(
      streamOf(['a,b\n', ...good.map((row) => `${row.join(',')}\n`), '5\n', '6,7\n']),
      {
        chunkBytes: 8,
        onRows(rows) {
          seen.push(...rows);
        },
      },
    );
    await expect(result).rejects.toMatchObject({ code: 'ragged-row', row: 22 });
    expect(seen).toEqual(good);
  });

  it.each([
    ['an empty file', [], 'empty-file', undefined],
    ['blank lines only', ['\n', '\r\n \n'], 'empty-file', undefined],
    ['a header only', ['a,b', '\r\n'], 'header-only', 1],
    ['a blank column name', ['a,,c\n1,2,3\n'], 'missing-column-name', 1],
    ['an unclosed quote', ['a,b\n1,2\n"3,', '4\n5,6\n'], 'malformed-quotes', 3],
  ] as const)('rejects %s', async (_, chunks, code, row) => {
    expectLocated(await streamError(streamOf(chunks)), code, row);
  });

  it('rejects a duplicate column name', async () => {
    expectLocated(await streamError(streamOf(['a,b,', 'a\n1,2,3\n'])), 'duplicate-column-name', 1, 'a');
  });

  it.each([
    [
      'invalid UTF-8',
      [
        [0x61, 0x2c, 0x62, 0x0a],
        [0x31, 0x2c, 0xff, 0x0a],
      ],
    ],
    [
      'a NUL character',
      [
        [0x61, 0x2c, 0x62, 0x0a],
        [0x31, 0x2c, 0x00, 0x0a],
      ],
    ],
    ['a file cut inside a character', [[0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0xe2, 0x82]]],
  ])('rejects %s as not text', async (_, chunks) => {
    expectLocated(await streamError(streamOf(chunks)), 'not-text');
  });

  it('stops at a quoted value that never closes instead of buffering the rest of the file', async () => {
    const error = await streamError(new Blob(['a,b\n1,2\n"3,', 'x'.repeat(5_000_000)]), 65536);
    expectLocated(error, 'malformed-quotes', 3);
  });

  it('stops at a row longer than 4 Mi characters', async () => {
    expectLocated(await streamError(new Blob(['a,b\n1,2\n', 'x'.repeat(6_000_000)])), 'row-too-long', 3);
  });

  it('rejects with the abort reason when aborted between batches, and cancels the source', async () => {
    let cancelled: unknown = 'not cancelled';
    let sent = 0;
    const source = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          controller.enqueue(encoder.encode(sent++ === 0 ? 'a,b\n' : '1,2\n'));
        },
        cancel(reason) {
          cancelled = reason;
        },
      },
      { highWaterMark: 0 },
    );
    const controller = new AbortController();
    let batches = 0;
    const error = await streamCsv(source, {
      signal: controller.signal,
      chunkBytes: 4,
      onRows() {
        if (++batches === 3) controller.abort();
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(batches).toBe(3);
    expect(cancelled).toBe(error);
  });

  it('rejects at once when aborted while waiting for a source that stalls', async () => {
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('a,b\n1,2\n'));
      },
    });
    const controller = new AbortController();
    const result = streamCsv(source, { signal: controller.signal, onRows() {} });
    setTimeout(() => controller.abort(), 10);
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects with the given reason when the signal is already aborted', async () => {
    const reason = new Error('stop');
    await expect(
      streamCsv(new Blob(['a,b\n1,2\n']), { signal: AbortSignal.abort(reason), onRows() {} }),
    ).rejects.toBe(reason);
  });

  it('passes on an error thrown by onRows and cancels the source', async () => {
    let cancelled = false;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode('a,b\n1,2\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const failure = new Error('model not loaded');
    await expect(
      streamCsv(source, {
        chunkBytes: 8,
        async onRows() {
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
    expect(cancelled).toBe(true);
  });

  it('rejects a chunk size that is not a positive integer', async () => {
    await expect(streamCsv(new Blob(['a\n1\n']), { chunkBytes: 0, onRows() {} })).rejects.toThrow(RangeError);
  });
});
