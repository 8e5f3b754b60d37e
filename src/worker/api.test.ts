import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateBundle } from '../core/bundle/validate-bundle';
import { defaultSpec } from '../core/classifiers/classifier-spec';
import type { EpochProgress } from '../core/classifiers/fit-options';
import { MAX_SAMPLE_ROWS } from '../core/training-sample';
import { Cell } from '../csv/row-encoder';
import type { TrainingPlan } from '../csv/training-table-builder';
import { type CallContext, createApi, type DataSource } from './api';

const irisText = readFileSync(new URL('../../public/data/iris.csv', import.meta.url), 'utf8');
const iris: DataSource = { kind: 'file', file: new Blob([irisText]), name: 'iris.csv' };
const csv = (text: string, name = 'data.csv'): DataSource => ({ kind: 'file', file: new Blob([text]), name });

function context<P>(options: { signal?: AbortSignal; progress?: (value: P) => void } = {}): CallContext<P> {
  return { signal: options.signal ?? new AbortController().signal, progress: options.progress ?? (() => {}) };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('worker api: train, useModel, predict', () => {
  it('trains on iris, loads the bundle and predicts setosa for 5.1, 3.5, 1.4, 0.2', async () => {
    const api = createApi();
    const epochs: EpochProgress[] = [];
    const result = await api.train(
      {
        source: iris,
        spec: defaultSpec('dense-network', { epochs: 30 }),
        run: {},
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      context<EpochProgress>({ progress: (epoch) => epochs.push(epoch) }),
    );
    expect(epochs.map((epoch) => epoch.epoch)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(result.history).toHaveLength(30);
    expect(result.metadata.schema.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(result.metadata.metrics.test.accuracy).toBeGreaterThan(0.85);
    expect(result.metadata.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(result.bundle.weights.byteLength).toBeGreaterThan(0);
    expect(result.trainingMs).toBeGreaterThan(0);
    // 150 rows fit under the sample limit: all of them, in file order.
    expect(result.sample.x).toHaveLength(150);
    expect(result.sample.x[0]).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(result.sample.y.slice(0, 3)).toEqual([0, 0, 0]);

    api.useModel({ bundle: validateBundle(result.bundle) });
    const { metadata } = result;
    expect(metadata.schema.features).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    const best = (cells: string[]) => {
      const { probabilities } = api.predict({ cells });
      expect(probabilities).toBeInstanceOf(Float32Array);
      expect(probabilities).toHaveLength(3);
      expect(probabilities[0] + probabilities[1] + probabilities[2]).toBeCloseTo(1, 5);
      const p = Array.from(probabilities);
      return metadata.schema.classes[p.indexOf(Math.max(...p))];
    };
    expect(best(['5.1', '3.5', '1.4', '0.2'])).toBe('setosa');
    expect(best([' 6.9', '3.1 ', '5.9', '2.3'])).toBe('virginica');

    // What reading each cell found: 9.9 is beyond the training range.
    expect(api.predict({ cells: ['9.9', '3.5', '1.4', '0.2'] }).readings).toEqual([
      Cell.Outside,
      Cell.Ok,
      Cell.Ok,
      Cell.Ok,
    ]);
    expect(() => api.predict({ cells: ['1', '2', '3'] })).toThrow(/reads 4 features/);
    // Iris had no blanks: the model cannot impute one.
    expect(() => api.predict({ cells: ['5.1', '', '1.4', '0.2'] })).toThrow(/sepal_width/);
    expect(() => api.predict({ cells: ['5.1', 'wide', '1.4', '0.2'] })).toThrow(/"wide" is not a number/);
  });

  it('reads categories, blanks and dates with the pipeline the model was trained with', async () => {
    const lines = ['when,island,mass,species'];
    for (let i = 0; i < 60; i++) {
      const gentoo = i % 2 === 0;
      const mass = i % 10 === 3 ? '' : String((gentoo ? 5000 : 3500) + (i % 5) * 50);
      lines.push(
        `2024-0${1 + (i % 9)}-1${i % 10},${gentoo ? 'Biscoe' : 'Dream'},${mass},${gentoo ? 'Gentoo' : 'Adelie'}`,
      );
    }
    const api = createApi();
    const result = await api.train(
      {
        source: csv(lines.join('\n')),
        spec: defaultSpec('logistic-regression'),
        run: {},
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      context<EpochProgress>(),
    );
    expect(result.metadata.schema.features).toEqual(['when', 'island', 'mass']);
    api.useModel({ bundle: validateBundle(result.bundle) });
    const gentoo = api.predict({ cells: ['2024-03-12', 'Biscoe', '5010'] });
    expect(gentoo.probabilities[1]).toBeGreaterThan(0.5);
    expect(gentoo.readings).toEqual([Cell.Ok, Cell.Ok, Cell.Ok]);
    // A blank mass is imputed (the training rows had blanks); an island never seen is reported.
    expect(api.predict({ cells: ['2024-03-12', 'Torgersen', ''] }).readings).toEqual([
      Cell.Ok,
      Cell.Unseen,
      Cell.Imputed,
    ]);
    expect(() => api.predict({ cells: ['yesterday', 'Biscoe', '5010'] })).toThrow(/when/);
  });

  it('refuses to predict before a model is loaded', () => {
    expect(() => createApi().predict({ cells: ['1', '2', '3', '4'] })).toThrow(/No model/);
  });

  it('holds no TensorFlow.js memory for a loaded model, however often it is loaded or asked', async () => {
    const api = createApi();
    const { bundle } = await api.train(
      {
        source: iris,
        spec: defaultSpec('dense-network', { epochs: 2 }),
        run: {},
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      context<EpochProgress>(),
    );
    const valid = validateBundle(bundle);
    api.useModel({ bundle: valid });
    const loaded = tf.memory().numTensors;
    api.useModel({ bundle: valid });
    for (let i = 0; i < 100; i++) api.predict({ cells: ['5', '3', String(i / 20), '1'] });
    expect(tf.memory().numTensors).toBe(loaded);
  });

  it('stops training when cancelled: rejects with an AbortError and leaks no tensor', async () => {
    const api = createApi();
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = api.train(
      {
        source: iris,
        spec: defaultSpec('dense-network', { epochs: 200 }),
        run: {},
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      context<EpochProgress>({
        signal: controller.signal,
        progress: (epoch) => {
          if (epoch.epoch === 3) controller.abort(new DOMException('Stopped.', 'AbortError'));
        },
      }),
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports a CSV problem as a rejected training call naming row and column', async () => {
    const api = createApi();
    const train = (text: string, plan?: TrainingPlan) =>
      api.train(
        {
          source: csv(text),
          spec: defaultSpec('dense-network'),
          run: {},
          createdAt: '2026-01-01T00:00:00.000Z',
          ...(plan ? { plan } : {}),
        },
        context<EpochProgress>(),
      );
    await expect(train('a,b,kind\n1,2,x\n3,4\n4,5,x\n6,7,y\n')).rejects.toMatchObject({
      name: 'CsvError',
      code: 'ragged-row',
      row: 3,
    });
    // A word among numbers makes "b" a category by default; asked to read it as numbers, the plan is refused.
    await expect(
      train('a,b,kind\n1,2,x\n3,oops,y\n4,5,x\n6,7,y\n', [
        { use: 'number' },
        { use: 'number' },
        { use: 'label' },
      ]),
    ).rejects.toMatchObject({ name: 'CsvError', code: 'wrong-use', column: 'b' });
  });
});

describe('worker api: inspectCsv', () => {
  it('describes a good CSV: preview, schema, class counts, every column profiled and planned', async () => {
    const inspection = await createApi().inspectCsv({ source: iris }, context<never>());
    expect(inspection).toMatchObject({
      name: 'iris.csv',
      delimiter: ',',
      rows: 150,
      error: null,
      classCounts: [50, 50, 50],
      schema: { label: 'species', classes: ['setosa', 'versicolor', 'virginica'] },
    });
    expect(inspection.preview).toHaveLength(8);
    expect(inspection.preview[0]).toEqual(['5.1', '3.5', '1.4', '0.2', 'setosa']);
    expect(inspection.profiles.map((profile) => profile.kind)).toEqual([
      'number',
      'number',
      'number',
      'number',
      'category',
    ]);
    expect(inspection.plan?.map((use) => use.use)).toEqual(['number', 'number', 'number', 'number', 'label']);
  });

  it('reads a word among numbers as a category, and refuses a plan that reads it as numbers, naming it', async () => {
    const api = createApi();
    const source = csv('a;b;kind\n1;2;x\n3;oops;y\n4;5;x\n6;7;y\n');
    const inspection = await api.inspectCsv({ source }, context<never>());
    expect(inspection.error).toBeNull();
    expect(inspection.delimiter).toBe(';');
    expect(inspection.preview).toHaveLength(4);
    expect(inspection.plan?.map((use) => use.use)).toEqual(['number', 'category', 'label']);
    expect(inspection.schema).toEqual({ features: ['a', 'b'], label: 'kind', classes: ['x', 'y'] });
    expect(inspection.classCounts).toEqual([2, 2]);
    const asNumbers = await api.inspectCsv(
      { source, plan: [{ use: 'number' }, { use: 'number' }, { use: 'label' }] },
      context<never>(),
    );
    expect(asNumbers.error).toMatchObject({ name: 'CsvError', code: 'wrong-use', column: 'b' });
    expect(asNumbers.error?.message).toContain('"oops"');
    // The table stays: the user can change the use back.
    expect(asNumbers.profiles).toHaveLength(3);
  });

  it('returns a ragged row as an error naming the row, with the header and preview kept', async () => {
    const inspection = await createApi().inspectCsv(
      { source: csv('a,b,kind\n1,2,x\n3,4\n') },
      context<never>(),
    );
    expect(inspection.error).toMatchObject({ code: 'ragged-row', row: 3 });
    expect(inspection.header).toEqual(['a', 'b', 'kind']);
  });

  it('returns a file that is not a CSV as an error with no preview', async () => {
    const inspection = await createApi().inspectCsv(
      { source: { kind: 'file', file: new Blob([new Uint8Array([0xff, 0xfe, 0, 0x80])]), name: 'x.bin' } },
      context<never>(),
    );
    expect(inspection.error?.code).toBeDefined();
    expect(inspection.header).toEqual([]);
    expect(inspection.schema).toBeNull();
    expect(inspection.profiles).toEqual([]);
  });

  it('names a class too long to keep, and a label with too many classes, in short messages', async () => {
    const api = createApi();
    const long = await api.inspectCsv(
      { source: csv(`a,kind\n1,x\n2,y\n3,${'z'.repeat(3 * 1024 * 1024)}\n`) },
      context<never>(),
    );
    expect(long.error).toMatchObject({ code: 'name-too-long', column: 'kind' });
    expect(long.error?.message).toMatch(
      /the class "z{60}… \(3,145,728 characters\)" is 3,145,728 characters long/,
    );
    expect(long.error!.message.length).toBeLessThan(400);
    const rows = Array.from({ length: 1200 }, (_, i) => `${i % 7},c${i}`).join('\n');
    const many = await api.inspectCsv({ source: csv(`a,kind\n${rows}\n`), label: 'kind' }, context<never>());
    expect(many.error).toMatchObject({ column: 'kind' });
    expect(many.error?.message).toMatch(/1,000/);
  });

  it('honours a chosen label, and reports an unknown one', async () => {
    const api = createApi();
    const chosen = await api.inspectCsv({ source: iris, label: 'petal_width' }, context<never>());
    expect(chosen.schema?.label).toBe('petal_width');
    // The old label becomes a category feature.
    expect(chosen.plan?.[4]).toEqual({ use: 'category' });
    expect(chosen.schema?.classes[0]).toBe('0.1');
    const unknown = await api.inspectCsv({ source: iris, label: 'colour' }, context<never>());
    expect(unknown.error).toMatchObject({ code: 'unknown-column', column: 'colour' });
    expect(unknown.preview).toHaveLength(8);
  });
});

describe('worker api: sampleData', () => {
  it('fetches a URL source and samples every row of a small file', async () => {
    const fetch = vi.fn(async () => new Response(irisText));
    vi.stubGlobal('fetch', fetch);
    const sample = await createApi().sampleData(
      { source: { kind: 'url', url: 'https://petal.test/data/iris.csv', name: 'iris.csv' } },
      context<never>(),
    );
    expect(fetch).toHaveBeenCalledOnce();
    expect(sample.x).toHaveLength(150);
    expect(sample.y).toHaveLength(150);
  });

  it('samples at most 300 rows of a large file, stratified and the same every time', async () => {
    // 1,000 rows: 900 of class "big", 100 of class "small".
    const lines = ['u,v,kind'];
    for (let i = 0; i < 1000; i++) lines.push(`${i},${i % 7},${i % 10 === 0 ? 'small' : 'big'}`);
    const source = csv(lines.join('\n'));
    const api = createApi();
    const sample = await api.sampleData({ source }, context<never>());
    expect(sample.x.length).toBeLessThanOrEqual(MAX_SAMPLE_ROWS);
    expect(sample.x.length).toBeGreaterThanOrEqual(MAX_SAMPLE_ROWS - 2);
    const small = sample.y.filter((label) => label === 1).length;
    expect(small).toBeGreaterThanOrEqual(28);
    expect(small).toBeLessThanOrEqual(32);
    expect(await api.sampleData({ source }, context<never>())).toEqual(sample);
  });
});

describe('worker api: files too large to train on', () => {
  it('profiles them, and refuses to train on them naming the file, the size and the limit', async () => {
    // 60 MB of rows (60,000 rows of a 1,000-character cell): profiled (the Columns table shows it), then refused.
    const rows = `${'a'.repeat(1000)},x\n${'a'.repeat(1000)},y\n`.repeat(500);
    const huge = new Blob([
      'text,kind\n',
      ...new Array<string>(Math.ceil((60 * 1024 * 1024) / rows.length)).fill(rows),
    ]);
    const inspection = await createApi().inspectCsv(
      { source: { kind: 'file', file: huge, name: 'big.csv' } },
      context<never>(),
    );
    expect(inspection.error).toMatchObject({ code: 'file-too-large' });
    expect(inspection.error?.message).toBe(
      'big.csv is 60 MB; Petal trains on files up to 50 MB in the browser. Train on a sample of its rows; batch scoring takes files of any size.',
    );
  });
});
