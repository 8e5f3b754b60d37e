import 'fake-indexeddb/auto';
import { createStore, keys } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { numberTable } from '../../core/pipeline/training-table';
import { sampleRows } from '../../core/training-sample';
import { blobs } from '../../test/blobs';
import { trainedBundle } from '../../test/trained-bundle';
import { ModelRegistry } from '../models/registry/model-registry';
import type { TrainResult } from '../worker-bridge/protocol';
import { readLastRun, rememberRun } from './last-run';
import { idbLastRunStorage, LAST_RUN_KEY } from './last-run-storage';

async function result(): Promise<TrainResult> {
  const bundle = await trainedBundle();
  const { metadata } = bundle;
  const classes = metadata.schema.classes;
  return {
    bundle: { modelJson: bundle.modelJson, weights: bundle.weights },
    metadata,
    testMetrics: {
      rows: 3,
      accuracy: 1,
      macroF1: 1,
      logLoss: 0.1,
      confusion: classes.map((_, i) => classes.map((_, j) => (i === j ? 1 : 0))),
      perClass: classes.map((label) => ({ label, precision: 1, recall: 1, f1: 1, support: 1, predicted: 1 })),
    },
    history: [{ epoch: 1, epochs: 3, loss: 1, accuracy: 0.5, valLoss: 1.1, valAccuracy: 0.4, elapsedMs: 5 }],
    trainingMs: 12,
    sample: sampleRows(numberTable(blobs({ perClass: 10 })), 42),
  };
}

describe('the last run in IndexedDB', () => {
  it('is written and read back under its own key, beside the saved models, which never see it', async () => {
    const store = createStore(`petal-test-${crypto.randomUUID()}`, 'registry');
    const registry = new ModelRegistry({ store, channelName: null, storage: null });
    const first = await trainedBundle();
    await registry.ensureDefault(async () => ({ bundle: first }));
    const storage = idbLastRunStorage(store);
    const run = { result: await result(), sourceName: 'blobs.csv', save: { status: 'unsaved' } } as const;
    await rememberRun(storage, run);
    expect(await keys(store)).toContain(LAST_RUN_KEY);

    // The registry's start-up sweep and a save leave it alone, and it changes nothing they list.
    const reopened = new ModelRegistry({ store, channelName: null, storage: null });
    const state = await reopened.load();
    expect(state.versions).toHaveLength(1);
    await reopened.save(await trainedBundle({ createdAt: '2026-02-03T04:05:06.000Z' }), { source: 'test' });
    expect((await reopened.load()).versions).toHaveLength(2);
    const back = await readLastRun(storage);
    expect(back?.result.metadata).toEqual(run.result.metadata);
    expect(back?.result.testMetrics).toEqual(run.result.testMetrics);
    expect(back?.sourceName).toBe('blobs.csv');

    // Removed when asked (a run too large to keep replaces it with nothing).
    await storage.write(undefined);
    expect(await keys(store)).not.toContain(LAST_RUN_KEY);
    expect(await readLastRun(storage)).toBeNull();
  });
});
