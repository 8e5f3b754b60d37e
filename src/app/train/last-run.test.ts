import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSpec } from '../../core/classifiers/classifier-spec';
import { numberTable } from '../../core/pipeline/training-table';
import { trainClassifier } from '../../core/train-classifier';
import { EARLY_STOPPING } from '../../core/train-settings';
import { sampleRows } from '../../core/training-sample';
import { blobs } from '../../test/blobs';
import type { TrainResult } from '../worker-bridge/protocol';
import {
  type FinishedRun,
  LAST_RUN_MAX_BYTES,
  type LastRunStorage,
  readLastRun,
  rememberRun,
  restoredRun,
  type StoredRun,
  storedRun,
} from './last-run';

let result: TrainResult;

/** A result as the worker returns it: a network trained with the Train tab's recipe on 60 blob rows. */
async function trainedResult(): Promise<TrainResult> {
  const table = numberTable(blobs());
  const trained = await trainClassifier({
    table,
    spec: defaultSpec('dense-network', { epochs: 8, patience: EARLY_STOPPING.patience }),
    run: EARLY_STOPPING,
    createdAt: '2026-03-04T05:06:07.000Z',
  });
  return { ...trained, sample: sampleRows(table, 42) };
}

beforeAll(async () => {
  result = await trainedResult();
});

const unsaved = (): FinishedRun => ({ result, sourceName: 'blobs.csv', save: { status: 'unsaved' } });

/** The record as IndexedDB would give it back: a structured clone. */
function stored(run: FinishedRun = unsaved()): StoredRun {
  const record = storedRun(run);
  if (!record) throw new Error('expected a record');
  return structuredClone(record);
}

/** A stored record with one part replaced. */
function damaged(change: (record: Record<string, unknown>) => void): unknown {
  const record = stored() as unknown as Record<string, unknown>;
  change(record);
  return record;
}

describe('the last run', () => {
  it('round-trips through its stored form: figures, curves, confusion matrix and model', () => {
    const back = restoredRun(stored());
    expect(back?.sourceName).toBe('blobs.csv');
    expect(back?.save).toEqual({ status: 'unsaved' });
    expect(back?.result.metadata).toEqual(result.metadata);
    expect(back?.result.testMetrics).toEqual(result.testMetrics);
    expect(back?.result.history).toEqual(result.history);
    expect(back?.result.sample).toEqual(result.sample);
    expect(back?.result.trainingMs).toBe(result.trainingMs);
    expect(new Uint8Array(back!.result.bundle.weights)).toEqual(new Uint8Array(result.bundle.weights));
    // The plain two parts of a bundle, ready for the registry's save (which checks it again).
    expect(Object.keys(back!.result.bundle).sort()).toEqual(['modelJson', 'weights']);
  });

  it('remembers that it was kept, and as which version', () => {
    const kept = restoredRun(stored({ ...unsaved(), save: { status: 'saved', version: 3 } }));
    expect(kept?.save).toEqual({ status: 'saved', version: 3 });
    // Saving in progress or failed is not kept: after a reload the model can be kept again.
    for (const save of [{ status: 'saving' }, { status: 'failed', message: 'Full.' }] as const) {
      expect(restoredRun(stored({ ...unsaved(), save }))?.save).toEqual({ status: 'unsaved' });
    }
  });

  it('is not stored when it is larger than the size limit', () => {
    const weights = new ArrayBuffer(LAST_RUN_MAX_BYTES + 1);
    const large = { ...unsaved(), result: { ...result, bundle: { ...result.bundle, weights } } };
    expect(storedRun(large)).toBeUndefined();
  });

  it('ignores anything that is not a record this Petal wrote intact, without throwing', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'a string',
      42,
      [],
      damaged((r) => {
        r.format = 2;
      }),
      damaged((r) => {
        r.sourceName = '';
      }),
      damaged((r) => {
        r.savedVersion = 0;
      }),
      damaged((r) => {
        r.trainingMs = Number.NaN;
      }),
      damaged((r) => {
        r.bundle = { modelJson: {}, weights: new ArrayBuffer(8) };
      }),
      damaged((r) => {
        const bundle = r.bundle as { weights: ArrayBuffer };
        bundle.weights = bundle.weights.slice(0, 12);
      }),
      damaged((r) => {
        (r.testMetrics as { confusion: number[][] }).confusion = [[1]];
      }),
      damaged((r) => {
        r.history = [{ epoch: 'one' }];
      }),
      damaged((r) => {
        r.sample = { x: [[1]], y: [0] };
      }),
      damaged((r) => {
        delete r.testMetrics;
      }),
    ];
    for (const value of bad) expect(restoredRun(value)).toBeNull();
  });

  it('reads as nothing when storage fails, and storing never throws', async () => {
    const broken: LastRunStorage = {
      read: async () => {
        throw new DOMException('The database is gone.', 'UnknownError');
      },
      write: async () => {
        throw new DOMException('The quota is exceeded.', 'QuotaExceededError');
      },
    };
    expect(await readLastRun(broken)).toBeNull();
    await expect(rememberRun(broken, unsaved())).resolves.toBeUndefined();
  });

  it('removes the run before when the new one is too large to store', async () => {
    const writes: unknown[] = [];
    const storage: LastRunStorage = { read: async () => undefined, write: async (r) => void writes.push(r) };
    const weights = new ArrayBuffer(LAST_RUN_MAX_BYTES + 1);
    await rememberRun(storage, {
      ...unsaved(),
      result: { ...result, bundle: { ...result.bundle, weights } },
    });
    expect(writes).toEqual([undefined]);
  });
});
