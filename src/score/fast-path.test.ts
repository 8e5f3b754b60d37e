// The byte-level fast path (streamCsv's onRecord → ScoringRun.addRecord → rows copied as bytes) must write
// exactly what the papaparse path writes. These tests score generated files of every awkward kind both ways
// and compare the output byte for byte, and the summaries.

import { describe, expect, it } from 'vitest';
import { numericMetadata } from '../test/numeric-metadata';
import { ByteWriter } from './byte-writer';
import { formatProbability } from './csv-cell';
import { type Predictor, type ScoreCsvOptions, type ScoreSummary, scoreCsv } from './score-csv';

const metadata: ScoreCsvOptions['metadata'] = numericMetadata({
  schema: { features: ['x', 'y'], label: 'class', classes: ['a', 'bé'] },
  standardisation: { mean: [5, 10], sd: [2, 4] },
  featureProfiles: [
    { min: 0, max: 10, deciles: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
    { min: 0, max: 20, deciles: [2, 4, 6, 8, 10, 12, 14, 16, 18] },
  ],
});

/** Probabilities with many digits (and some tiny ones), so formatting is exercised. */
const predict: Predictor = (x) => {
  const rows = x.length / 2;
  const out = new Float32Array(rows * 2);
  for (let row = 0; row < rows; row++) {
    const b = 1 / (1 + Math.exp(-(x[row * 2] - 2 * x[row * 2 + 1]) / 3));
    out[row * 2] = 1 - b;
    out[row * 2 + 1] = b;
  }
  return out;
};

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
}

const ODD_VALUES = [
  '',
  ' 5.5',
  '1e-1',
  'abc',
  '=cmd',
  '-cmd',
  '+1',
  '@x',
  '-2.5',
  '1e39',
  'NaN',
  '0x10',
  '\t3',
];
const ODD_TEXT = [
  '=SUM(A1)',
  '-x',
  '@y',
  '+z',
  ' =x',
  '  -y',
  ' -1',
  '\u00a0=z',
  'é',
  '东京',
  '\u00a0',
  ' ',
  '-1',
  'a;b',
];
const LABELS = ['a', 'bé', ' a', 'c', '', 'A'];
/**
 * ODD_VALUES in a decimal-comma file. In its head (where the separator is guessed) only values that keep
 * the comma guessed; after it, also numbers with a point (and a thousands separator), which it does not
 * read, and formula-like text cells that are numbers with either separator.
 */
const COMMA_HEAD_VALUES = ODD_VALUES.map((value) => value.replace('.', ','));
const COMMA_ODD_VALUES = [...COMMA_HEAD_VALUES, '1,5e1', '2.5', '1.234,5', '-0.5'];
const COMMA_TEXT = ['-0,5', '-1.5', '+1,5e3'];

/**
 * A CSV with columns note, y, class, x (features out of order, extras kept), mostly plain rows. With
 * `decimal` ',' it is semicolon-delimited with decimal commas, and after its head (where the file's
 * decimal separator is guessed) some cells are written with a decimal point.
 */
function generate(
  random: () => number,
  rows: number,
  newline: string,
  withQuotes: boolean,
  decimal: '.' | ',' = '.',
): string {
  const d = decimal === ',' ? ';' : ',';
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const number = () => (random() * 24 - 2).toFixed(Math.floor(random() * 4)).replace('.', decimal);
  let text = `note${d}y${d}class${d}x${newline}`;
  for (let i = 0; i < rows; i++) {
    const odd = random();
    if (odd < 0.01) {
      text += newline; // blank row
      continue;
    }
    if (odd < 0.02) {
      text += `${number()}${d}${number()}${newline}`; // ragged
      continue;
    }
    const oddValues = decimal === '.' ? ODD_VALUES : i > 200 ? COMMA_ODD_VALUES : COMMA_HEAD_VALUES;
    const x = random() < 0.03 ? pick(oddValues) : number();
    const y = random() < 0.03 ? pick(oddValues) : number();
    let note = random() < 0.05 ? pick(ODD_TEXT) : `n${i}`;
    if (decimal === ',' && i > 200 && random() < 0.02) note = pick(COMMA_TEXT);
    // 'a;b' is 'a,b' in a semicolon file: a text cell with the other file's delimiter, unquoted.
    if (d === ';') note = note.replace(';', ',');
    if (note.includes(d)) note = `"${note}"`;
    if (withQuotes && random() < 0.01) note = `"q${d}${i}""x"`;
    if (random() < 0.005) note = `r\r${i}`;
    const label = random() < 0.1 ? pick(LABELS) : pick(['a', 'bé']);
    text += `${note}${d}${y}${d}${label}${d}${x}${newline}`;
  }
  return text;
}

async function scoreBothWays(text: string, chunkBytes: number) {
  const runs: {
    bytes: Uint8Array;
    summary: Omit<ScoreSummary, 'seconds' | 'rowsPerSecond' | 'tally'>;
    plain: boolean;
  }[] = [];
  for (const fastPath of [false, true]) {
    const chunks: Uint8Array[] = [];
    const { seconds, rowsPerSecond, tally, ...summary } = await scoreCsv({
      source: new Blob([text]),
      metadata,
      predict,
      batchRows: 97,
      chunkBytes,
      fastPath,
      onOutput: (chunk) => {
        chunks.push(chunk);
      },
    });
    runs.push({
      bytes: new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer()),
      summary,
      plain: tally.plain,
    });
  }
  return runs;
}

describe('scoreCsv fast path', () => {
  it.each([
    ['LF, no quotes', '\n', false, '.'],
    ['CRLF, no quotes', '\r\n', false, '.'],
    ['LF, quotes after the head', '\n', true, '.'],
    ['CRLF, quotes after the head', '\r\n', true, '.'],
    ['LF, no quotes, ";" and decimal commas', '\n', false, ','],
    ['CRLF, quotes after the head, ";" and decimal commas', '\r\n', true, ','],
  ] as const)(
    'writes the same bytes and summary as papaparse (%s)',
    async (_, newline, withQuotes, decimal) => {
      const random = seeded(newline.length * 7 + (withQuotes ? 1 : 0) + (decimal === ',' ? 100 : 0));
      // 12,000 rows (~250 KB): past the 64 Ki-character head, across many chunks.
      const text = generate(random, 12_000, newline, withQuotes, decimal);
      for (const chunkBytes of [256 * 1024, 4093]) {
        const [papaparse, bytes] = await scoreBothWays(text, chunkBytes);
        expect(bytes.summary).toEqual(papaparse.summary);
        expect(new TextDecoder().decode(bytes.bytes)).toBe(new TextDecoder().decode(papaparse.bytes));
        expect(papaparse.summary.badRows).toBeGreaterThan(100);
        // Without quotes every row was read in the bytes; with them, papaparse took over at the first.
        expect([papaparse.plain, bytes.plain]).toEqual([false, !withQuotes]);
        expect(papaparse.summary.evaluation?.unknownLabelRows).toBeGreaterThan(100);
        expect(papaparse.summary.decimal).toBe(decimal);
        expect(papaparse.summary.scoredRows).toBeGreaterThan(10_000);
      }
    },
  );

  it('reads a decimal-comma file as the papaparse path does, cell for cell', async () => {
    const text = generate(seeded(300), 3_000, '\n', false, ',');
    const [papaparse, bytes] = await scoreBothWays(text, 4093);
    const output = new TextDecoder().decode(bytes.bytes);
    expect(bytes.bytes).toEqual(papaparse.bytes);
    // Cells written with a decimal point are bad rows there, and every input cell is written as it was:
    // a number with a decimal comma or point is no formula.
    expect(output).toContain('""2.5"" is not a number');
    expect(output).toContain('""1.234,5"" is not a number');
    expect(output).toMatch(/\n-0,5;/);
    expect(output).toMatch(/\n-1\.5;/);
    // Probabilities are written with a decimal point whatever the input's separator.
    expect(output).toMatch(/;0\.\d+;/);
  });

  it('writes the same bytes for a small file read in one piece', async () => {
    const text = generate(seeded(5), 300, '\n', false);
    const [papaparse, bytes] = await scoreBothWays(text, 1 << 20);
    expect(bytes.bytes).toEqual(papaparse.bytes);
    expect(bytes.summary).toEqual(papaparse.summary);
  });
});

describe('scoreCsv lendOutput', () => {
  it('lends one buffer for every chunk, and the chunks copied add up to the same file', async () => {
    const source = new Blob([generate(seeded(11), 3_000, '\n', false)]);
    const run = async (lendOutput: boolean) => {
      const copies: Uint8Array[] = [];
      const buffers = new Set<ArrayBufferLike>();
      await scoreCsv({
        source,
        metadata,
        predict,
        batchRows: 97,
        lendOutput,
        onOutput: (chunk) => {
          buffers.add(chunk.buffer);
          copies.push(chunk.slice());
        },
      });
      return { text: await new Blob(copies as Uint8Array<ArrayBuffer>[]).text(), buffers: buffers.size };
    };
    const [taken, lent] = [await run(false), await run(true)];
    expect(lent.text).toBe(taken.text);
    expect(taken.buffers).toBeGreaterThan(30);
    // The writer's buffer grows a few times at most, then every batch is written into the same one.
    expect(lent.buffers).toBeLessThanOrEqual(3);
  });
});

describe('ByteWriter.probability', () => {
  it('writes formatProbability(p) byte for byte', () => {
    const random = seeded(42);
    const values = [
      0,
      1,
      0.5,
      0.1,
      0.0999999996,
      0.99999951,
      1e-6,
      9.9999996e-7,
      1.23456789e-9,
      0.000123456,
      -0.5,
      2,
      Number.NaN,
    ];
    for (let i = 0; i < 20_000; i++) values.push(Math.fround(random() ** (1 + random() * 20)));
    const writer = new ByteWriter(16);
    const expected: string[] = [];
    for (const p of values) {
      writer.probability(p);
      writer.byte(10);
      expected.push(formatProbability(p));
    }
    expect(new TextDecoder().decode(writer.take()).split('\n').slice(0, -1)).toEqual(expected);
  });
});

describe('ByteWriter.bytes', () => {
  it('copies any range of any source exactly, at any offset in the output', () => {
    const random = seeded(7);
    const backing = Uint8Array.from({ length: 300 }, () => Math.floor(random() * 256));
    // Sources that start at odd offsets of their buffer, and a second one, as the pieces of a file are.
    const sources = [backing.subarray(3, 250), backing.subarray(0, 200), backing.subarray(101)];
    const writer = new ByteWriter(8);
    const expected: number[] = [];
    for (let length = 0; length <= 80; length++) {
      for (const source of sources) {
        const start = Math.floor(random() * (source.length - length));
        writer.byte(length);
        writer.bytes(source, start, start + length);
        expected.push(length, ...source.subarray(start, start + length));
      }
    }
    expect([...writer.take()]).toEqual(expected);
  });
});

describe('scoreCsv fast path with category features', () => {
  // A category with a value holding a space, a non-ASCII value and the blank as values, and "other".
  const VALUES = ['red', 'dark blue', 'é', ''];
  const categoryMetadata: ScoreCsvOptions['metadata'] = {
    schema: { features: ['colour', 'x'], label: 'class', classes: ['a', 'b'] },
    pipeline: {
      steps: [
        { kind: 'category', values: VALUES, other: true },
        { kind: 'number', missing: false },
      ],
      scaling: { mean: [0, 0, 0, 0, 0, 5], sd: [1, 1, 1, 1, 1, 2] },
      scaledIn: 'pipeline',
    },
    featureProfiles: [
      { kind: 'category', shares: [0.4, 0.3, 0.1, 0.1, 0.1] },
      { kind: 'numeric', min: 0, max: 10, deciles: [1, 2, 3, 4, 5, 6, 7, 8, 9], mean: 5, sd: 2, missing: 0 },
    ],
  };
  /** Depends on every one-hot input, so a wrong slot changes the output. */
  const predictColours: Predictor = (x) => {
    const rows = x.length / 6;
    const out = new Float32Array(rows * 2);
    for (let row = 0; row < rows; row++) {
      let z = x[row * 6 + 5] / 5;
      for (let i = 0; i < 5; i++) z += (i + 1) * x[row * 6 + i];
      const b = 1 / (1 + Math.exp(-z));
      out[row * 2] = 1 - b;
      out[row * 2 + 1] = b;
    }
    return out;
  };
  // Exact values, spaces around them, another case, a doubled space, unseen values, a blank.
  const CELLS = ['red', 'dark blue', ' red', 'red ', 'RED', 'dark  blue', 'green', '', 'é', 'redd', 're'];

  it('finds each value by its bytes as the text path finds it: same bytes, same drift', async () => {
    const random = seeded(77);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    let text = 'colour,x,class\n';
    for (let i = 0; i < 5_000; i++) {
      const colour = random() < 0.7 ? pick(['red', 'dark blue']) : pick(CELLS);
      text += `${colour},${(random() * 10).toFixed(2)},${pick(['a', 'b'])}\n`;
    }
    const runs = [];
    for (const fastPath of [false, true]) {
      const chunks: Uint8Array[] = [];
      const { seconds, rowsPerSecond, tally, ...summary } = await scoreCsv({
        source: new Blob([text]),
        metadata: categoryMetadata,
        predict: predictColours,
        batchRows: 97,
        chunkBytes: 4093,
        fastPath,
        onOutput: (chunk) => {
          chunks.push(chunk);
        },
      });
      runs.push({
        text: await new Blob(chunks as Uint8Array<ArrayBuffer>[]).text(),
        summary,
        plain: tally.plain,
      });
    }
    const [papaparse, bytes] = runs;
    expect(bytes.plain).toBe(true);
    expect(bytes.text).toBe(papaparse.text);
    expect(bytes.summary).toEqual(papaparse.summary);
    expect(papaparse.summary.scoredRows).toBe(5_000);
    // The probabilities tell the values apart: 'red' and ' red' are one value, 'RED' is another ("other").
    const probability = (colour: string) =>
      bytes.text
        .split('\n')
        .find((line) => line.startsWith(`${colour},`))
        ?.split(',')[4];
    expect(probability(' red')).toBeDefined();
    expect(probability('RED')).not.toBe(probability('red'));
  });
});
