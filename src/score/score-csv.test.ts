import { beforeEach, describe, expect, it } from 'vitest';
import { evaluate } from '../core/evaluate';
import { CsvError } from '../csv/csv-error';
import { parseCsvText } from '../csv/parse-csv';
import { streamCsv } from '../csv/stream-csv';
import { streamOf } from '../test/byte-streams';
import { numericMetadata } from '../test/numeric-metadata';
import { ColumnMappingError } from './map-columns';
import { type Predictor, type ScoreCsvOptions, scoreCsv } from './score-csv';

/**
 * A two-feature model: "b" gets probability (x + 2y) / 100 clamped to [0, 1], "a" the rest. Training
 * range x ∈ [0, 10], y ∈ [0, 20].
 */
const metadata: ScoreCsvOptions['metadata'] = numericMetadata({
  schema: { features: ['x', 'y'], label: 'class', classes: ['a', 'b'] },
  standardisation: { mean: [5, 10], sd: [2, 4] },
  featureProfiles: [
    { min: 0, max: 10, deciles: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
    { min: 0, max: 20, deciles: [2, 4, 6, 8, 10, 12, 14, 16, 18] },
  ],
});

const linear: Predictor = (x) => {
  const rows = x.length / 2;
  const out = new Float32Array(rows * 2);
  for (let row = 0; row < rows; row++) {
    const b = Math.min(1, Math.max(0, (x[row * 2] + 2 * x[row * 2 + 1]) / 100));
    out[row * 2] = 1 - b;
    out[row * 2 + 1] = b;
  }
  return out;
};

/** Every scoreCsv test runs both ways: with the byte-level fast path (the default) and without. */
let fastPath = true;
const decoder = new TextDecoder();

async function score(source: Blob | ReadableStream<Uint8Array>, options: Partial<ScoreCsvOptions> = {}) {
  const chunks: string[] = [];
  const summary = await scoreCsv({
    source,
    metadata,
    predict: linear,
    fastPath,
    onOutput(chunk) {
      chunks.push(decoder.decode(chunk));
    },
    ...options,
  });
  return { summary, text: chunks.join(''), chunks };
}

const blob = (text: string) => new Blob([text]);

describe.each([true, false])('scoreCsv (fast path: %s)', (fast) => {
  beforeEach(() => {
    fastPath = fast;
  });

  it('writes the input columns in order, then the predictions, range flag and error column', async () => {
    const { summary, text } = await score(blob('id,y,note,x\n1,10,hello,5\n2,20,,10\n3,30,far,12\n'));
    expect(text).toBe(
      'id,y,note,x,predicted_class,probability_a,probability_b,outside_training_range,error\n' +
        '1,10,hello,5,a,0.75,0.25,false,\n' +
        '2,20,,10,a,0.5,0.5,false,\n' +
        '3,30,far,12,b,0.28,0.72,true,\n',
    );
    expect(summary).toMatchObject({
      rows: 3,
      scoredRows: 3,
      badRows: 0,
      outsideRangeRows: 1,
      delimiter: ',',
    });
    expect(summary.mapping.extraColumns).toEqual(['id', 'note']);
    expect(summary.classCounts).toEqual([
      { label: 'a', count: 2 },
      { label: 'b', count: 1 },
    ]);
    expect(summary.evaluation).toBeUndefined();
    expect(summary.drift.map((feature) => feature.feature)).toEqual(['x', 'y']);
    expect(summary.drift[1]).toMatchObject({ kind: 'numeric', outsideRange: 1 });
  });

  it('keeps rows with bad values, with the reason, and lists them with their row numbers', async () => {
    const input =
      'x,y,label\n' +
      '1,2,ok\n' +
      ',2,empty x\n' +
      '1,abc,text y\n' +
      '\n' + // a blank line still takes a row number
      'NaN,Infinity,not finite\n' +
      '1e39,1,too large for float32\n' +
      '3,4,ok\n';
    const { summary, text } = await score(blob(input));
    const output = parseCsvText(text);
    expect(output.header.slice(-2)).toEqual(['outside_training_range', 'error']);
    expect(output.rows.map((row) => row.slice(3).join('|'))).toEqual([
      'a|0.95|0.05|false|',
      '||||column "x" is empty (the model was trained without blanks there)',
      '||||column "y": "abc" is not a number',
      '||||column "x": "NaN" means no value (the model was trained without blanks there); column "y": "Infinity" is not a finite number',
      '||||column "x": "1e39" is too large',
      'a|0.89|0.11|false|',
    ]);
    expect(output.rows.map((row) => row[2])).toEqual([
      'ok',
      'empty x',
      'text y',
      'not finite',
      'too large for float32',
      'ok',
    ]);
    expect(summary).toMatchObject({ rows: 6, scoredRows: 2, badRows: 4 });
    expect(summary.firstBadRows).toEqual([
      { row: 3, message: 'column "x" is empty (the model was trained without blanks there)', columns: ['x'] },
      { row: 4, message: 'column "y": "abc" is not a number', columns: ['y'] },
      {
        row: 6,
        message:
          'column "x": "NaN" means no value (the model was trained without blanks there); column "y": "Infinity" is not a finite number',
        columns: ['x', 'y'],
      },
      { row: 7, message: 'column "x": "1e39" is too large', columns: ['x'] },
    ]);
    // Bad rows are left out of the class counts and the drift statistics.
    expect(summary.classCounts.reduce((total, c) => total + c.count, 0)).toBe(2);
    expect(summary.drift[0].rows).toBe(2);
  });

  it('lists only the first 20 bad rows but counts them all', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 'bad,1' : '1,1'));
    const { summary } = await score(blob(`x,y\n${rows.join('\n')}\n`));
    expect(summary.badRows).toBe(15);
    expect(summary.firstBadRows).toHaveLength(15);
    const many = Array.from({ length: 50 }, () => 'bad,1');
    const { summary: manySummary } = await score(blob(`x,y\n${many.join('\n')}\n`));
    expect(manySummary.badRows).toBe(50);
    expect(manySummary.firstBadRows.map((bad) => bad.row)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 2),
    );
  });

  it('escapes formula-like text cells and leaves numbers alone, with the input delimiter', async () => {
    const input = 'x;y;note\n1;2;=HYPERLINK("http://evil")\n-1;2;+cmd\n1;2;-5\n1;2;@x\n1;2;"a;b"\n';
    const { text, summary } = await score(blob(input));
    expect(summary.delimiter).toBe(';');
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'x;y;note;predicted_class;probability_a;probability_b;outside_training_range;error',
    );
    expect(lines[1].startsWith(`1;2;"'=HYPERLINK(""http://evil"")";a;`)).toBe(true);
    // "-1" is a number: it stays, and is outside the training range of x.
    expect(lines[2]).toBe(`-1;2;"'+cmd";a;0.97;0.03;true;`);
    expect(lines[3].startsWith('1;2;-5;a;')).toBe(true);
    expect(lines[4].startsWith(`1;2;"'@x";a;`)).toBe(true);
    expect(lines[5].startsWith('1;2;"a;b";a;')).toBe(true);
  });

  it('renames an added column that clashes with an input column', async () => {
    const { summary } = await score(blob('x,y,error,predicted_class\n1,2,e,p\n'));
    expect(summary.outputColumns).toEqual([
      'x',
      'y',
      'error',
      'predicted_class',
      'predicted_class_2',
      'probability_a',
      'probability_b',
      'outside_training_range',
      'error_2',
    ]);
  });

  it('stops before any output when feature columns are missing, listing them', async () => {
    let outputs = 0;
    const error = await scoreCsv({
      source: blob('id,z\n1,2\n'),
      metadata,
      predict: linear,
      onOutput: () => {
        outputs++;
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ColumnMappingError);
    expect((error as ColumnMappingError).missing).toEqual(['x', 'y']);
    expect(outputs).toBe(0);
  });

  it('gives the same output when a row, or a CRLF, is split across chunks', async () => {
    const whole = 'x,y,class\r\n1,2,a\r\n3,4,b\r\n5,6,a\r\n';
    const expected = (await score(blob(whole))).text;
    // A row split in the middle of a number, and a CRLF split between its CR and LF.
    const splits = [
      ['x,y,class\r\n1,2,a\r\n3,', '4,b\r\n5,6,a\r\n'],
      ['x,y,class\r\n1,2,a\r', '\n3,4,b\r', '\n5,6,a\r\n'],
      ['x,y,class\r', '\n1,2,a\r\n3,4,b\r\n5,6,a\r\n'],
      [...whole],
    ];
    for (const chunks of splits) {
      const { text, summary } = await score(streamOf(chunks));
      expect(text).toBe(expected);
      expect(summary.rows).toBe(3);
    }
    expect(expected.split('\n')[2]).toBe('3,4,b,a,0.89,0.11,false,');
  });

  it('batches rows, emits output as it goes and reports progress', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `${i % 10},${i % 20}`);
    const progress: number[] = [];
    const { chunks, summary } = await score(blob(`x,y\n${rows.join('\n')}\n`), {
      batchRows: 1000,
      progressIntervalMs: 0,
      onProgress: (p) => {
        progress.push(p.rows);
        expect(p.totalBytes).toBeGreaterThan(0);
      },
    });
    expect(chunks.map((chunk) => chunk.split('\n').length - 1)).toEqual([1001, 1000, 500]);
    expect(summary.rows).toBe(2500);
    expect(progress.at(-1)).toBe(2500);
  });

  it('rejects with the abort reason when cancelled, and writes nothing more', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by the user');
    // More than the 64 Ki characters the fast path reads before its first row.
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i % 10},${i % 20}\n`);
    let outputs = 0;
    let outputsWhenAborted = -1;
    const source = streamOf(['x,y\n', ...rows], (index) => {
      if (index === 15_000) {
        outputsWhenAborted = outputs;
        controller.abort(reason);
      }
    });
    const error = await scoreCsv({
      source,
      metadata,
      predict: linear,
      batchRows: 100,
      chunkBytes: 64,
      fastPath,
      signal: controller.signal,
      onOutput: () => {
        outputs++;
        expect(controller.signal.aborted).toBe(false);
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBe(reason);
    expect(outputsWhenAborted).toBeGreaterThan(0);
    expect(outputs).toBe(outputsWhenAborted);
  });

  it('rejects with the abort reason when aborted during a prediction, writing nothing of it', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    let outputs = 0;
    const rows = Array.from({ length: 300 }, (_, i) => `${i % 10},${i % 20}`);
    const error = await scoreCsv({
      source: blob(`x,y\n${rows.join('\n')}\n`),
      metadata,
      batchRows: 100,
      signal: controller.signal,
      predict: (x) => {
        controller.abort(reason);
        return linear(x);
      },
      onOutput: () => {
        outputs++;
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBe(reason);
    expect(outputs).toBe(0);
  });

  it('writes a row the model cannot compute (NaN output) as a bad row, never as a prediction', async () => {
    // A model that overflows when x is 13: its output for that row is NaN.
    const overflowing: Predictor = (x) => {
      const out = linear(x);
      for (let row = 0; row < x.length / 2; row++)
        if (x[row * 2] === 13) out.fill(Number.NaN, row * 2, row * 2 + 2);
      return out;
    };
    const { text, summary } = await score(blob('x,y\n1,2\n13,2\n3,4\n'), { predict: overflowing });
    const lines = text.trim().split('\n');
    expect(lines[2]).toBe("13,2,,,,,the model's output for this row is not a number");
    expect(lines[1]).toMatch(/^1,2,a,/);
    expect(summary).toMatchObject({ rows: 3, scoredRows: 2, badRows: 1 });
    expect(summary.classCounts.reduce((total, c) => total + c.count, 0)).toBe(2);
    expect(text).not.toMatch(/NaN/);
  });

  it('evaluates against the label column when present, counting unknown labels apart', async () => {
    const input = 'x,y,class\n1,2,a\n10,20,b\n10,20,a\n1,2,zzz\n1,2,\n';
    const { summary } = await score(blob(input));
    const evaluation = summary.evaluation!;
    expect(evaluation.unknownLabelRows).toBe(2);
    expect(evaluation.unknownLabels).toEqual([
      { label: '', count: 1 },
      { label: 'zzz', count: 1 },
    ]);
    // Rows 1-3: probabilities (0.95, 0.05), (0.5, 0.5) → a, (0.5, 0.5) → a.
    const expected = evaluate({
      labels: [0, 1, 0],
      probabilities: Float32Array.from([0.95, 0.05, 0.5, 0.5, 0.5, 0.5]),
      classes: ['a', 'b'],
    });
    expect(evaluation.metrics).toEqual({ ...expected, logLoss: expect.closeTo(expected.logLoss, 12) });
  });

  it('refuses a file with no data rows with a CsvError', async () => {
    const error = await score(blob('x,y\n')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CsvError);
    expect((error as CsvError).code).toBe('header-only');
  });
});

// Ragged rows reach scoreCsv only once streamCsv can pass them on (StreamCsvOptions.keepRaggedRows, see
// the issue 4 report); until then streamCsv rejects the file with CsvError 'ragged-row'.
const streamCsvKeepsRaggedRows = await streamCsv(new Blob(['a,b\n1\n2,3\n']), {
  keepRaggedRows: true,
  onRows() {},
} as Parameters<typeof streamCsv>[1]).then(
  () => true,
  () => false,
);

describe.runIf(streamCsvKeepsRaggedRows)('scoreCsv with ragged rows', () => {
  it('keeps a row with too few or too many values as a bad row', async () => {
    const { summary, text } = await score(blob('x,y,class\n1,2,a\n3\n4,5,b,extra\n6,7,a\n'));
    expect(summary).toMatchObject({ rows: 4, scoredRows: 2, badRows: 2 });
    expect(summary.firstBadRows.map((bad) => [bad.row, bad.message])).toEqual([
      [3, 'the row has 1 value but the header has 3 columns'],
      [4, 'the row has 4 values but the header has 3 columns; the extra values are not written'],
    ]);
    const output = parseCsvText(text);
    expect(output.rows[1]).toEqual([
      '3',
      '',
      '',
      '',
      '',
      '',
      '',
      'the row has 1 value but the header has 3 columns',
    ]);
  });
});
