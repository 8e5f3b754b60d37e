import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateBundle } from '../core/bundle/validate-bundle';
import { defaultSpec } from '../core/classifiers/classifier-spec';
import type { EpochProgress } from '../core/classifiers/fit-options';
import { MAX_SAMPLE_ROWS } from '../core/training-sample';
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
    expect(result.sample.x[0]).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
    expect(result.sample.y.slice(0, 3)).toEqual([0, 0, 0]);

    api.useModel({ bundle: validateBundle(result.bundle) });
    const { metadata } = result;
    expect(metadata.schema.features).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    const { probabilities } = api.predict({ rows: Float32Array.of(5.1, 3.5, 1.4, 0.2, 6.9, 3.1, 5.9, 2.3) });
    expect(probabilities).toBeInstanceOf(Float32Array);
    expect(probabilities).toHaveLength(6);
    const best = (row: number) => {
      const p = Array.from(probabilities.subarray(row * 3, row * 3 + 3));
      return metadata.schema.classes[p.indexOf(Math.max(...p))];
    };
    expect(best(0)).toBe('setosa');
    expect(best(1)).toBe('virginica');
    expect(probabilities[0] + probabilities[1] + probabilities[2]).toBeCloseTo(1, 5);

    expect(api.predict({ rows: Float32Array.of(5.1, 3.5, 1.4, 0.2) }).probabilities).toHaveLength(3);
    expect(() => api.predict({ rows: Float32Array.of(1, 2, 3) })).toThrow(/rows of 4 values/);
  });

  it('refuses to predict before a model is loaded', () => {
    expect(() => createApi().predict({ rows: Float32Array.of(1, 2, 3, 4) })).toThrow(/No model/);
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
    api.predict({ rows: new Float32Array(4 * 100) });
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
    await expect(
      api.train(
        {
          source: csv('a,b,kind\n1,2,x\n3,oops,y\n4,5,x\n6,7,y\n'),
          spec: defaultSpec('dense-network'),
          run: {},
          createdAt: '2026-01-01T00:00:00.000Z',
        },
        context<EpochProgress>(),
      ),
    ).rejects.toMatchObject({ name: 'CsvError', code: 'not-a-number', row: 3, column: 'b' });
  });
});

describe('worker api: inspectCsv', () => {
  it('describes a good CSV: preview, schema, class counts and every column as a candidate label', async () => {
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
    expect(inspection.candidateLabels).toEqual(inspection.header);
  });

  it('returns a bad cell as an error with row and column, beside the preview and schema', async () => {
    const inspection = await createApi().inspectCsv(
      { source: csv('a;b;kind\n1;2;x\n3;oops;y\n4;5;x\n6;7;y\n') },
      context<never>(),
    );
    expect(inspection.error).toMatchObject({ name: 'CsvError', code: 'not-a-number', row: 3, column: 'b' });
    expect(inspection.error?.message).toMatch(/Row 3, column "b"/);
    expect(inspection.delimiter).toBe(';');
    expect(inspection.preview).toHaveLength(4);
    expect(inspection.schema).toEqual({ features: ['a', 'b'], label: 'kind', classes: ['x', 'y'] });
    expect(inspection.classCounts).toEqual([2, 2]);
  });

  it('returns a file that is not CSV as an error with no preview', async () => {
    const inspection = await createApi().inspectCsv(
      { source: csv('a,b,kind\n1,2,x\n3,4\n') },
      context<never>(),
    );
    expect(inspection.error).toMatchObject({ code: 'ragged-row', row: 3 });
    expect(inspection.header).toEqual([]);
    expect(inspection.schema).toBeNull();
  });

  it('honours a chosen label, and reports an unknown one', async () => {
    const api = createApi();
    const chosen = await api.inspectCsv({ source: iris, label: 'sepal_length' }, context<never>());
    expect(chosen.schema?.label).toBe('sepal_length');
    expect(chosen.error).toMatchObject({ column: 'species', code: 'not-a-number' });
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
  it('refuses them up front, naming the file, the size and the limit', async () => {
    // A Blob that says it is 60 MB without holding the bytes.
    const huge = new Blob([new Uint8Array(60 * 1024 * 1024)]);
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
