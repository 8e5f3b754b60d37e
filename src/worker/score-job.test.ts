import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { PREVIEW_LIMITS } from '../csv/preview-table';
import type { ScoreProgress } from '../score/score-csv';
import { defaultModel } from '../test/default-model';
import { type CallContext, createApi } from './api';
import { PREVIEW_ROWS, previewedColumns, scoredName } from './score-job';

const bundle = defaultModel;

function context<P>(options: { signal?: AbortSignal; progress?: (value: P) => void } = {}): CallContext<P> {
  return { signal: options.signal ?? new AbortController().signal, progress: options.progress ?? (() => {}) };
}

async function loadedApi() {
  const api = createApi();
  api.useModel({ bundle: structuredClone(bundle) });
  return api;
}

const REORDERED = [
  'id,petal_width,species,sepal_length,petal_length,sepal_width',
  '1,0.2,setosa,5.1,1.4,3.5',
  '=1+2,2.5,virginica,6.3,6.0,3.3',
  '3,abc,setosa,5.0,1.4,3.6',
  '4,,setosa,5.0,1.4,3.6',
  '5,1.4,versicolor',
  '6,1.4,versicolor,7.0,4.7,3.2',
].join('\n');

describe('worker score job', () => {
  it('scores a reordered file with an extra column, keeps bad rows with errors, escapes formulas', async () => {
    const api = await loadedApi();
    const progress: ScoreProgress[] = [];
    const result = await api.score(
      { file: new Blob([REORDERED]), name: 'flowers.csv' },
      context<ScoreProgress>({ progress: (value) => progress.push(value) }),
    );
    expect(result.outputName).toBe('flowers-scored.csv');
    expect(result.output.type).toBe('text/csv');
    const { summary } = result;
    expect([summary.rows, summary.scoredRows, summary.badRows]).toEqual([6, 3, 3]);
    expect(summary.firstBadRows.map((bad) => bad.row)).toEqual([4, 5, 6]);
    expect(summary.evaluation?.metrics?.accuracy).toBe(1);
    expect(progress.at(-1)?.rows).toBe(6);

    const parsed = Papa.parse<string[]>(await result.output.text(), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual([
      ...REORDERED.split('\n')[0].split(','),
      'predicted_species',
      'probability_setosa',
      'probability_versicolor',
      'probability_virginica',
      'outside_training_range',
      'error',
    ]);
    expect(parsed).toHaveLength(7);
    expect(parsed[1][6]).toBe('setosa');
    expect(parsed[2][0]).toBe("'=1+2");
    expect(parsed[2][6]).toBe('virginica');
    expect(parsed[3][6]).toBe('');
    expect(parsed[3][11]).toMatch(/petal_width/);
    expect(parsed[5][11]).toMatch(/3 values/);
    expect(result.preview.rows).toEqual(parsed.slice(1));
    expect(result.preview.header).toEqual(parsed[0]);
  });

  it('keeps only the first PREVIEW_ROWS rows for display', async () => {
    const api = await loadedApi();
    const lines = ['sepal_length,sepal_width,petal_length,petal_width'];
    for (let i = 0; i < 1500; i++) lines.push('5.1,3.5,1.4,0.2');
    const result = await api.score({ file: new Blob([lines.join('\n')]), name: 'many' }, context());
    expect(result.summary.rows).toBe(1500);
    expect(result.preview.rows).toHaveLength(PREVIEW_ROWS);
    expect(result.preview.rows[0]).toHaveLength(4 + 6);
  });

  it('previews a wide output with its first columns and every prediction column', async () => {
    const api = await loadedApi();
    const extra = Array.from({ length: 5000 }, (_, i) => `extra_${i}`);
    const header = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', ...extra].join(',');
    const row = ['5.1', '3.5', '1.4', '0.2', ...extra.map(() => 'z'.repeat(500))].join(',');
    const result = await api.score({ file: new Blob([`${header}\n${row}\n`]), name: 'wide' }, context());
    const { preview } = result;
    expect(preview.columns).toBe(4 + 5000 + 6);
    expect(preview.header).toHaveLength(PREVIEW_LIMITS.columns);
    expect(preview.header.slice(-6)).toEqual([
      'predicted_species',
      'probability_setosa',
      'probability_versicolor',
      'probability_virginica',
      'outside_training_range',
      'error',
    ]);
    expect(preview.rows[0].at(-6)).toBe('setosa');
    expect(preview.rows[0][5].length).toBeLessThan(120);
  });

  it('cancelling rejects with the abort reason and returns nothing', async () => {
    const api = await loadedApi();
    const lines = ['sepal_length,sepal_width,petal_length,petal_width'];
    for (let i = 0; i < 20_000; i++) lines.push('5.1,3.5,1.4,0.2');
    const abort = new AbortController();
    let calls = 0;
    const running = api.score(
      { file: new Blob([lines.join('\n')]), name: 'big.csv' },
      context<ScoreProgress>({
        signal: abort.signal,
        progress: () => {
          calls++;
        },
      }),
    );
    abort.abort(new DOMException('The call was cancelled.', 'AbortError'));
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(0);
  });

  it('inspects the head of a file: delimiter, rows and mapping', async () => {
    const api = await loadedApi();
    const inspection = await api.inspectScoreFile(
      { file: new Blob([REORDERED.replaceAll(',', ';')]), name: 'flowers.csv' },
      context(),
    );
    expect(inspection.delimiter).toBe(';');
    expect(inspection.header[0]).toBe('id');
    expect(inspection.rows).toHaveLength(6);
    expect(inspection.rows[4]).toEqual(['5', '1.4', 'versicolor']);
    expect(inspection.error).toBeNull();
    expect(inspection.mapping?.features.map((feature) => feature.column)).toEqual([3, 5, 4, 1]);
    expect(inspection.mapping?.extraColumns).toEqual(['id']);
    expect(inspection.mapping?.label?.header).toBe('species');
  });

  it('lists missing feature columns before anything is scored', async () => {
    const api = await loadedApi();
    const file = new Blob(['id,Sepal_Length,petal_length\n1,5.1,1.4\n']);
    const inspection = await api.inspectScoreFile({ file, name: 'short.csv' }, context());
    expect(inspection.mapping).toBeNull();
    expect(inspection.missing).toEqual(['sepal_width', 'petal_width']);
    expect(inspection.error?.code).toBe('missing-features');
    expect(inspection.error?.message).toMatch(/"sepal_width", "petal_width"/);
    await expect(api.score({ file, name: 'short.csv' }, context())).rejects.toMatchObject({
      name: 'ColumnMappingError',
    });
  });

  it('returns a CsvError for a file that is not CSV text', async () => {
    const api = await loadedApi();
    const inspection = await api.inspectScoreFile(
      { file: new Blob([new Uint8Array([0xff, 0xfe, 0x00, 0x41])]), name: 'x.csv' },
      context(),
    );
    expect(inspection.error?.code).toBe('not-text');
  });

  it('names the output after the input', () => {
    expect(scoredName('a.CSV')).toBe('a-scored.csv');
    expect(scoredName('data.tsv')).toBe('data-scored.csv');
    expect(scoredName('report')).toBe('report-scored.csv');
  });
});

describe('previewedColumns', () => {
  it('keeps every column of a narrow output', () => {
    expect(previewedColumns(4, 3)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps the prediction, the first probabilities and the tail of a wide one', () => {
    const keep = previewedColumns(1000, 500);
    expect(keep).toHaveLength(PREVIEW_LIMITS.columns);
    // The first inputs, then predicted (1000), probabilities from 1001, the range flag and error at the end.
    expect(keep.slice(0, 3)).toEqual([0, 1, 2]);
    expect(keep).toContain(1000);
    expect(keep).toContain(1001);
    expect(keep.slice(-2)).toEqual([1501, 1502]);
    expect([...keep].sort((a, b) => a - b)).toEqual(keep);
  });
});
