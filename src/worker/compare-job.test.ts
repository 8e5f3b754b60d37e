import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateBundle } from '../core/bundle/validate-bundle';
import { defaultSpec } from '../core/classifiers/classifier-spec';
import type { CompareProgress } from '../core/compare-classifiers';
import { type CallContext, createApi, type DataSource } from './api';

const irisText = readFileSync(new URL('../../public/data/iris.csv', import.meta.url), 'utf8');
const iris: DataSource = { kind: 'file', file: new Blob([irisText]), name: 'iris.csv' };

function context<P>(options: { signal?: AbortSignal; progress?: (value: P) => void } = {}): CallContext<P> {
  return { signal: options.signal ?? new AbortController().signal, progress: options.progress ?? (() => {}) };
}

describe('worker api: train with a spec', () => {
  it('trains k-NN with the test hold-out, loads it and predicts setosa', async () => {
    const api = createApi();
    const epochs: unknown[] = [];
    const result = await api.train(
      {
        source: iris,
        spec: defaultSpec('knn', { k: 5 }),
        run: {},
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      context({ progress: (epoch) => epochs.push(epoch) }),
    );
    expect(epochs).toEqual([]);
    expect(result.history).toEqual([]);
    expect(result.metadata.kind).toBe('knn');
    expect(result.metadata.rows).toEqual({ train: 120, validation: 0, test: 30 });
    expect(result.metadata.metrics.test.accuracy).toBeGreaterThan(0.9);
    expect(result.metadata.kind === 'knn' && result.metadata.settings).toMatchObject({
      k: 5,
      weighting: 'uniform',
      seed: 42,
      testFraction: 0.2,
    });
    expect(result.sample.x).toHaveLength(150);

    api.useModel({ bundle: validateBundle(result.bundle) });
    const { probabilities } = api.predict({ cells: ['5.1', '3.5', '1.4', '0.2'] });
    expect(Array.from(probabilities)).toEqual([1, 0, 0]);
  });

  it('trains a small random forest and a dense network from a spec', async () => {
    const api = createApi();
    const forest = await api.train(
      {
        source: iris,
        spec: defaultSpec('random-forest', { trees: 5 }),
        run: { seed: 3 },
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      context(),
    );
    expect(forest.metadata.kind).toBe('random-forest');
    api.useModel({ bundle: validateBundle(forest.bundle) });
    expect(api.predict({ cells: ['6.9', '3.1', '5.9', '2.3'] }).probabilities[2]).toBeGreaterThan(0.5);

    const dense = await api.train(
      {
        source: iris,
        spec: defaultSpec('dense-network', { epochs: 5 }),
        run: {},
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      context(),
    );
    expect(dense.metadata.kind === 'dense-network' && dense.metadata.epochsRun).toBe(5);
    expect(dense.history).toHaveLength(5);
  });
});

describe('worker api: crossValidate', () => {
  it('scores each algorithm on the same folds with progress per fold', async () => {
    const api = createApi();
    const progress: CompareProgress[] = [];
    const result = await api.crossValidate(
      {
        source: iris,
        specs: [defaultSpec('knn'), defaultSpec('random-forest', { trees: 10 })],
        folds: 3,
        repeats: 2,
        seed: 1,
      },
      context<CompareProgress>({ progress: (value) => progress.push(value) }),
    );
    expect(result).toMatchObject({ rows: 150, folds: 3, repeats: 2 });
    expect(result.scores.map((score) => score.spec.kind)).toEqual(['knn', 'random-forest']);
    for (const score of result.scores) {
      expect(score.accuracy.mean).toBeGreaterThan(0.9);
      expect(score.macroF1.mean).toBeGreaterThan(0.9);
      expect(score.fitMs.mean).toBeGreaterThanOrEqual(0);
      expect(score.predictMsPer1000).toBeGreaterThan(0);
      expect(score.sizeBytes).toBeGreaterThan(1000);
    }
    expect(result.scores[0].name).toBe('k-NN (k = 5, uniform votes)');
    // Six folds per algorithm, each reported as it starts.
    expect(progress.map((p) => `${p.algorithm}:${p.fold}/${p.of}`)).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((fold) => `0:${fold}/6`),
      ...[1, 2, 3, 4, 5, 6].map((fold) => `1:${fold}/6`),
    ]);
  });

  it('stops when cancelled and rejects with the abort reason', async () => {
    const api = createApi();
    const abort = new AbortController();
    const run = api.crossValidate(
      { source: iris, specs: [defaultSpec('random-forest', { trees: 200 })], folds: 5, repeats: 3, seed: 1 },
      context<CompareProgress>({
        signal: abort.signal,
        progress: (value) => {
          if (value.fold === 2) abort.abort(new DOMException('Cancelled', 'AbortError'));
        },
      }),
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses an empty list of algorithms', async () => {
    const api = createApi();
    await expect(
      api.crossValidate({ source: iris, specs: [], folds: 5, repeats: 1, seed: 1 }, context()),
    ).rejects.toThrow(/at least one algorithm/);
  });
});
