import { describe, expect, it } from 'vitest';
import { collect, expectLocated, harness, streamError, streamOf } from '../test/stream-csv-harness';

const encoder = new TextEncoder();

describe('streamCsv byte path, past the head it guesses the delimiter from', () => {
  /** 17,000 plain rows: more than the 64 Ki characters read before the first row. */
  const plainHead = (newline: string) => `a;b;c${newline}${`1;2.5;x${newline}`.repeat(17_000)}`;

  async function bothWays(text: string, chunkBytes: number, keepRaggedRows = true) {
    const results: Awaited<ReturnType<typeof collect>>[] = [];
    harness.cutInBytes = 0;
    for (const which of ['papaparse', 'bytes'] as const) {
      harness.mode = which;
      results.push(await collect(new Blob([encoder.encode(text)]), { chunkBytes, keepRaggedRows }));
    }
    expect(results[1]).toEqual(results[0]);
    // The plain rows and the plain ones after them, up to the first quote.
    expect(harness.cutInBytes).toBeGreaterThanOrEqual(17_000);
    return results[1];
  }

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('reads every kind of row as papaparse does, in a %s file', async (_, nl) => {
    const tail =
      `é;ü;ß${nl}` + // non-ASCII: decoded, then cut
      `${nl};; ${nl}` + // blank rows: skipped, still numbered
      `-1;+2;=3${nl}` + // signs and a formula-looking value
      `4;5${nl}` + // ragged (kept)
      `7;\r8;9${nl}` + // a CR inside a value
      `10;11;12${nl}` +
      `"q;1";2;3${nl}` + // a quote: papaparse from here on
      `13;14;15${nl}` +
      `16;17;"multi${nl}line"${nl}` +
      '18;19;20';
    for (const chunkBytes of [1 << 20, 65_536, 4093, 97]) {
      const read = await bothWays(plainHead(nl) + tail, chunkBytes);
      expect(read.rows.slice(17_000)).toEqual([
        ['é', 'ü', 'ß'],
        ['-1', '+2', '=3'],
        ['4', '5'],
        ['7', '\r8', '9'],
        ['10', '11', '12'],
        ['q;1', '2', '3'],
        ['13', '14', '15'],
        ['16', '17', `multi${nl}line`],
        ['18', '19', '20'],
      ]);
      expect(read.rowNumbers.slice(17_000)).toEqual([
        17_002, 17_005, 17_006, 17_007, 17_008, 17_009, 17_010, 17_011, 17_012,
      ]);
    }
  });

  it('reads the same rows wherever a piece ends around the first quote', async () => {
    // A record cut at the end of a piece is finished with the next piece's first line; when that line
    // has the first quote, papaparse must get the rest of the piece too. Every boundary in the last rows.
    const head = `a;b;c\n${`${'1'.repeat(60)};2;x\n`.repeat(1100)}`;
    const tail = '10;11;12\n13;"14\n14";15\n16;17;18\n';
    const bytes = encoder.encode(head + tail);
    harness.mode = 'bytes';
    for (let cut = head.length; cut < bytes.length; cut++) {
      const read = await collect(streamOf([bytes.subarray(0, cut), bytes.subarray(cut)]), {
        chunkBytes: 1 << 20,
      });
      expect({ cut, rows: read.rows.slice(1100) }).toEqual({
        cut,
        rows: [
          ['10', '11', '12'],
          ['13', '14\n14', '15'],
          ['16', '17', '18'],
        ],
      });
    }
  });

  it.each([
    ['a decimal comma', '2,5', ','],
    ['a decimal point', '2.5', '.'],
  ])('guesses %s from the head, as papaparse does', async (_, value, decimal) => {
    // A long head with one kind of number, then rows with the other kind and with quotes.
    const other = value === '2,5' ? '3.5' : '3,5';
    const text = `a;b;c\n${`1;${value};x\n`.repeat(17_000)}4;${other};y\n"5";${value};z\n`;
    for (const chunkBytes of [1 << 20, 4093]) {
      const read = await bothWays(text, chunkBytes);
      expect(read.decimal).toBe(decimal);
      expect(read.rows.slice(17_000)).toEqual([
        ['4', other, 'y'],
        ['5', value, 'z'],
      ]);
    }
  });

  it('hands a CRLF file to papaparse at a bare LF, which is then part of a value', async () => {
    const read = await bothWays(`${plainHead('\r\n')}1;2\n3;4\r\n5;6;7\r\n`, 4096);
    expect(read.rows.slice(17_000)).toEqual([
      ['1', '2\n3', '4'],
      ['5', '6', '7'],
    ]);
  });

  it.each([
    ['invalid UTF-8', [0xff], 'not-text'],
    ['a NUL character', [0x00], 'not-text'],
  ] as const)('rejects %s after the head as not text', async (_, bad, code) => {
    const bytes = new Uint8Array([...encoder.encode(plainHead('\n')), 0x31, 0x3b, ...bad, 0x3b, 0x33, 0x0a]);
    harness.mode = 'bytes';
    expectLocated(await streamError(new Blob([bytes]), 4096), code);
  });

  it('rejects a ragged row after the head, with its row number, unless ragged rows are kept', async () => {
    harness.mode = 'bytes';
    const error = await streamError(new Blob([`${plainHead('\n')}1;2\n`]), 4096);
    expectLocated(error, 'ragged-row', 17_002);
  });

  it('stops at a row longer than 4 Mi characters after the head', async () => {
    harness.mode = 'bytes';
    const error = await streamError(new Blob([plainHead('\n'), 'x'.repeat(5_000_000)]), 65_536);
    expectLocated(error, 'row-too-long', 17_002);
  });
});
