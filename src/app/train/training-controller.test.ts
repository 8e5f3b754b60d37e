import { describe, expect, it, vi } from 'vitest';
import type { ModelBundle, PetalMetadata } from '../../core/bundle/bundle-format';
import { defaultSpec } from '../../core/classifiers/classifier-spec';
import type { EpochProgress } from '../../core/classifiers/fit-options';
import { numberTable } from '../../core/pipeline/training-table';
import { trainClassifier } from '../../core/train-classifier';
import { sampleRows } from '../../core/training-sample';
import { defaultPlan, planProblem } from '../../csv/column-plan';
import { ColumnProfiler } from '../../csv/column-profile';
import type { TrainingPlan } from '../../csv/training-table-builder';
import { blobs } from '../../test/blobs';
import { type Deferred, deferred } from '../../test/deferred';
import { FakeHost } from '../../test/fake-host';
import type {
  CallOptions,
  CsvInspection,
  DataSource,
  TrainArgs,
  TrainResult,
} from '../worker-bridge/protocol';
import { DEFAULT_SETTINGS } from './default-settings';
import { type LastRunStorage, type StoredRun, storedRun } from './last-run';
import { shownInspection } from './train-state';
import {
  TrainingController,
  type TrainingJobs,
  type TrainingPorts,
  type VersionStore,
} from './training-controller';

/** A real result (a network on 60 blob rows), for the runs that go through storage and its checks. */
async function realResult(): Promise<TrainResult> {
  const table = numberTable(blobs());
  const trained = await trainClassifier({
    table,
    spec: defaultSpec('dense-network', { epochs: 3 }),
    run: { validationFraction: 0.2 },
    createdAt: '2026-01-02T03:04:05.000Z',
  });
  return { ...trained, sample: sampleRows(table, 42) };
}

const iris: DataSource = { kind: 'url', url: 'http://localhost/data/iris.csv', name: 'iris.csv' };

// A small file profiled for real: two number columns and a category the default plan makes the label.
const header = ['a', 'b', 'species'];
const rows = Array.from({ length: 20 }, (_, i) => [String(4 + i / 10), String(i % 5), i < 10 ? 'x' : 'y']);
const profiles = (() => {
  const profiler = new ColumnProfiler(header);
  profiler.add(rows);
  return profiler.finish();
})();

const goodInspection: CsvInspection = {
  name: 'iris.csv',
  delimiter: ',',
  decimal: '.',
  header,
  columns: 3,
  preview: rows.slice(0, 5),
  rows: 20,
  profiles,
  plan: defaultPlan(profiles),
  schema: { features: ['a', 'b'], label: 'species', classes: ['x', 'y'] },
  classCounts: [10, 10],
  unlabelled: 0,
  error: null,
};

/**
 * What the worker answers for a plan, in miniature: the plan back with its features and label, or the
 * plan's problem (the real check) with the profiles and plan still there, as inspect-job.ts does.
 */
function inspectionFor(plan: TrainingPlan): CsvInspection {
  const problem = planProblem(profiles, plan);
  if (problem) {
    const error = { name: 'CsvError', message: problem.message, code: problem.code };
    return { ...goodInspection, plan, schema: null, classCounts: null, error };
  }
  const label = plan.findIndex((use) => use.use === 'label');
  const features = header.filter((_, column) => plan[column].use !== 'ignore' && column !== label);
  return { ...goodInspection, plan, schema: { ...goodInspection.schema!, features, label: header[label] } };
}

const badInspection: CsvInspection = {
  ...goodInspection,
  schema: null,
  classCounts: null,
  error: {
    name: 'CsvError',
    message: 'Row 7, column "b": "abc" is not a number.',
    code: 'not-a-number',
    row: 7,
    column: 'b',
  },
};

function epoch(n: number, epochs = 4): EpochProgress {
  return {
    epoch: n,
    epochs,
    loss: 1 / n,
    accuracy: n / epochs,
    valLoss: 1 / n,
    valAccuracy: 0.5,
    elapsedMs: n * 100,
  };
}

const result: TrainResult = {
  bundle: { modelJson: {} as ModelBundle['modelJson'], weights: new ArrayBuffer(4) },
  metadata: {} as PetalMetadata,
  testMetrics: { rows: 2, accuracy: 1, macroF1: 1, logLoss: 0, confusion: [], perClass: [] },
  history: [epoch(1), epoch(2)],
  trainingMs: 200,
  sample: { x: [[1, 2]], y: [0] },
};

/** A LastRunStorage in memory, holding `stored` to begin with; `written` lists every write. */
function memoryStorage(stored?: unknown) {
  let value = stored;
  const written: (StoredRun | undefined)[] = [];
  const storage: LastRunStorage & { written: typeof written; readonly value: unknown } = {
    written,
    get value() {
      return value;
    },
    read: vi.fn(async () => value),
    write: vi.fn(async (record: StoredRun | undefined) => {
      written.push(record);
      value = record;
    }),
  };
  return storage;
}

function setup(options: { inspection?: CsvInspection; stored?: unknown } = {}) {
  const host = new FakeHost();
  const trainCalls: { args: TrainArgs; options: CallOptions<EpochProgress>; done: Deferred<TrainResult> }[] =
    [];
  const jobs: TrainingJobs = {
    inspectCsv: vi.fn(async (args: { readonly plan?: TrainingPlan }) =>
      args.plan ? inspectionFor(args.plan) : (options.inspection ?? goodInspection),
    ),
    train: vi.fn((args: TrainArgs, callOptions: CallOptions<EpochProgress>) => {
      const done = deferred<TrainResult>();
      callOptions.signal?.addEventListener('abort', () =>
        done.reject(new DOMException('The operation was aborted.', 'AbortError')),
      );
      trainCalls.push({ args, options: callOptions, done });
      return done.promise;
    }),
  };
  const store: VersionStore = {
    save: vi.fn(async () => ({ version: 2 })),
    requestPersistence: vi.fn(async () => true),
  };
  const frames: (() => void)[] = [];
  const lastRun = memoryStorage(options.stored);
  const ports: TrainingPorts = { jobs, store, lastRun };
  const controller = new TrainingController(host, {
    ports: () => ports,
    scheduleFrame: (callback) => {
      frames.push(callback);
      return () => frames.splice(frames.indexOf(callback), 1);
    },
    now: () => 1000,
    isoNow: () => '2026-01-02T03:04:05.000Z',
  });
  const runFrames = () => {
    for (const frame of frames.splice(0)) frame();
  };
  return { host, controller, jobs, store, lastRun, trainCalls, runFrames, frames };
}

describe('TrainingController', () => {
  it('registers with its host and starts idle', () => {
    const { host, controller } = setup();
    expect(host.controllers[0]).toBe(controller);
    expect(controller.state).toEqual({ phase: 'idle' });
  });

  it('goes idle → inspecting → ready', async () => {
    const { controller, jobs } = setup();
    const inspecting = controller.inspect(iris);
    expect(controller.state).toEqual({ phase: 'inspecting', source: iris });
    await inspecting;
    expect(controller.state).toEqual({ phase: 'ready', data: { source: iris, inspection: goodInspection } });
    expect(jobs.inspectCsv).toHaveBeenCalledWith({ source: iris }, expect.objectContaining({}));
  });

  it('goes to invalid with the CSV error (row and column) and keeps the preview', async () => {
    const { controller } = setup({ inspection: badInspection });
    await controller.inspect(iris);
    expect(controller.state).toEqual({
      phase: 'invalid',
      source: iris,
      inspection: badInspection,
      problem: { message: 'Row 7, column "b": "abc" is not a number.', row: 7, column: 'b' },
    });
  });

  it('goes to invalid when the inspection call itself fails', async () => {
    const { controller, jobs } = setup();
    vi.mocked(jobs.inspectCsv).mockRejectedValueOnce(new Error('The file could not be read.'));
    await controller.inspect(iris);
    expect(controller.state).toMatchObject({
      phase: 'invalid',
      inspection: null,
      problem: { message: 'The file could not be read.' },
    });
  });

  it('re-inspects with the plan a changed use gives, and is ready on the answer', async () => {
    const { controller, jobs } = setup();
    await controller.inspect(iris);
    await controller.changeUse(1, 'ignore');
    const plan = [{ use: 'number' }, { use: 'ignore' }, { use: 'label' }];
    expect(jobs.inspectCsv).toHaveBeenLastCalledWith({ source: iris, plan }, expect.objectContaining({}));
    expect(controller.state).toMatchObject({
      phase: 'ready',
      data: { source: iris, inspection: { plan, schema: { features: ['a'], label: 'species' } } },
    });
  });

  it('moves the label: the old label column becomes a feature as its kind suggests', async () => {
    const { controller, jobs } = setup();
    await controller.inspect(iris);
    await controller.changeUse(1, 'label');
    expect(vi.mocked(jobs.inspectCsv).mock.lastCall?.[0]).toEqual({
      source: iris,
      plan: [{ use: 'number' }, { use: 'label' }, { use: 'category' }],
    });
  });

  it('keeps the table on screen while a change is checked, and builds a second change on the first', async () => {
    const { controller, jobs } = setup();
    await controller.inspect(iris);
    const answer = deferred<CsvInspection>();
    vi.mocked(jobs.inspectCsv).mockReturnValueOnce(answer.promise);
    const first = controller.changeUse(0, 'ignore');
    expect(controller.state).toEqual({
      phase: 'inspecting',
      source: iris,
      revision: {
        inspection: goodInspection,
        plan: [{ use: 'ignore' }, { use: 'number' }, { use: 'label' }],
      },
    });
    expect(shownInspection(controller.state)).toBe(goodInspection);
    await controller.changeUse(1, 'category');
    expect(vi.mocked(jobs.inspectCsv).mock.lastCall?.[0]).toEqual({
      source: iris,
      plan: [{ use: 'ignore' }, { use: 'category' }, { use: 'label' }],
    });
    // The first answer comes after the second: it is stale and changes nothing.
    answer.resolve(inspectionFor([{ use: 'ignore' }, { use: 'number' }, { use: 'label' }]));
    await first;
    expect(controller.state).toMatchObject({
      phase: 'ready',
      data: { inspection: { plan: [{ use: 'ignore' }, { use: 'category' }, { use: 'label' }] } },
    });
  });

  it('a plan with no label is invalid but keeps the table, and choosing a label fixes it', async () => {
    const { controller } = setup();
    await controller.inspect(iris);
    await controller.changeUse(2, 'ignore');
    expect(controller.state).toMatchObject({
      phase: 'invalid',
      source: iris,
      inspection: { profiles, plan: [{ use: 'number' }, { use: 'number' }, { use: 'ignore' }] },
      problem: { message: 'Choose one column as the label.' },
    });
    expect(shownInspection(controller.state)?.profiles).toBe(profiles);
    await controller.changeUse(2, 'label');
    expect(controller.state).toMatchObject({
      phase: 'ready',
      data: { inspection: { plan: [{ use: 'number' }, { use: 'number' }, { use: 'label' }] } },
    });
  });

  it('a failed re-read keeps the inspection on screen with the message', async () => {
    const { controller, jobs } = setup();
    await controller.inspect(iris);
    vi.mocked(jobs.inspectCsv).mockRejectedValueOnce(new Error('The file could not be read.'));
    await controller.changeUse(0, 'ignore');
    expect(controller.state).toEqual({
      phase: 'invalid',
      source: iris,
      inspection: goodInspection,
      problem: { message: 'The file could not be read.' },
    });
  });

  it('ignores a use change with nothing read, for a use the column already has, or while training', async () => {
    const { controller, jobs } = setup();
    await controller.changeUse(0, 'ignore');
    expect(jobs.inspectCsv).not.toHaveBeenCalled();
    await controller.inspect(iris);
    await controller.changeUse(0, 'number');
    await controller.changeUse(7, 'ignore');
    expect(jobs.inspectCsv).toHaveBeenCalledTimes(1);
    void controller.train(DEFAULT_SETTINGS);
    await controller.changeUse(0, 'ignore');
    expect(jobs.inspectCsv).toHaveBeenCalledTimes(1);
    expect(controller.state.phase).toBe('training');
  });

  it('trains with the plan the table shows', async () => {
    const { controller, trainCalls } = setup();
    await controller.inspect(iris);
    await controller.changeUse(0, 'ignore');
    await controller.changeUse(1, 'category');
    void controller.train(DEFAULT_SETTINGS);
    expect(trainCalls[0].args.plan).toEqual([{ use: 'ignore' }, { use: 'category' }, { use: 'label' }]);
    expect(trainCalls[0].args).not.toHaveProperty('label');
  });

  it('balances classes when they are imbalanced unless the user says otherwise, until other data comes', async () => {
    const skewed = { ...goodInspection, classCounts: [40, 10] };
    const { controller, trainCalls } = setup({ inspection: skewed });
    await controller.inspect(iris);
    expect(controller.balanceClasses).toBe(true);
    void controller.train(DEFAULT_SETTINGS);
    expect(trainCalls[0].args.run?.balanceClasses).toBe(true);
    controller.stop();
    await Promise.resolve();

    controller.setBalanceClasses(false);
    expect(controller.balanceClasses).toBe(false);
    await vi.waitFor(() => expect(controller.state.phase).not.toBe('training'));
    void controller.train(DEFAULT_SETTINGS);
    expect(trainCalls[1].args.run?.balanceClasses).toBe(false);
    controller.stop();

    // Other data: the choice is forgotten, the counts decide again.
    await vi.waitFor(() => expect(controller.state.phase).not.toBe('training'));
    await controller.inspect(iris);
    expect(controller.balanceClasses).toBe(true);
  });

  it('does not balance classes of similar size by default', async () => {
    const { controller, trainCalls } = setup();
    await controller.inspect(iris);
    expect(controller.balanceClasses).toBe(false);
    void controller.train(DEFAULT_SETTINGS);
    expect(trainCalls[0].args.run?.balanceClasses).toBe(false);
  });

  it('ignores a stale inspection that finishes after a newer one started', async () => {
    const { controller, jobs } = setup();
    const first = deferred<CsvInspection>();
    vi.mocked(jobs.inspectCsv).mockReturnValueOnce(first.promise);
    const older = controller.inspect(iris);
    const file: DataSource = { kind: 'file', file: new Blob(['x']), name: 'mine.csv' };
    const newer = controller.inspect(file);
    first.resolve(badInspection);
    await Promise.all([older, newer]);
    expect(controller.state).toMatchObject({ phase: 'ready', data: { source: file } });
  });

  it('does not train without valid data', async () => {
    const { controller, jobs } = setup({ inspection: badInspection });
    await controller.train(DEFAULT_SETTINGS);
    await controller.inspect(iris);
    await controller.train(DEFAULT_SETTINGS);
    expect(jobs.train).not.toHaveBeenCalled();
  });

  it('trains: ready → training (progress once per frame, time left) → trained', async () => {
    const { controller, trainCalls, runFrames, frames } = setup();
    await controller.inspect(iris);
    const training = controller.train({ ...DEFAULT_SETTINGS, epochs: 4 });
    expect(controller.state).toMatchObject({ phase: 'training', epochs: 4, history: [], startedAt: 1000 });
    const [call] = trainCalls;
    expect(call.args).toEqual({
      source: iris,
      plan: [{ use: 'number' }, { use: 'number' }, { use: 'label' }],
      // The Train tab trains a dense network with the run's held-out shares.
      spec: {
        kind: 'dense-network',
        settings: { hidden: [8], epochs: 4, batchSize: 32, learningRate: 0.02, patience: 10, l2: 0.003 },
      },
      // objectContaining: run options are added elsewhere (class balancing) without changing these.
      run: expect.objectContaining({ seed: 42, testFraction: 0.2, validationFraction: 0.2 }),
      createdAt: '2026-01-02T03:04:05.000Z',
    });

    call.options.onProgress?.(epoch(1));
    call.options.onProgress?.(epoch(2));
    expect(frames).toHaveLength(1);
    expect(controller.state).toMatchObject({ history: [] });
    runFrames();
    expect(controller.state).toMatchObject({
      phase: 'training',
      history: [epoch(1), epoch(2)],
      timeLeftMs: 200,
    });

    call.options.onProgress?.(epoch(3));
    call.done.resolve(result);
    await training;
    expect(frames).toHaveLength(0);
    expect(controller.state).toEqual({
      phase: 'trained',
      data: { source: iris, inspection: goodInspection },
      run: { result, sourceName: 'iris.csv', save: { status: 'unsaved' } },
    });
  });

  it('stops: training → stopped, keeping the curves so far', async () => {
    const { controller, trainCalls, runFrames } = setup();
    await controller.inspect(iris);
    const training = controller.train(DEFAULT_SETTINGS);
    trainCalls[0].options.onProgress?.(epoch(1));
    runFrames();
    trainCalls[0].options.onProgress?.(epoch(2));
    controller.stop();
    await training;
    expect(trainCalls[0].options.signal?.aborted).toBe(true);
    expect(controller.state).toMatchObject({ phase: 'stopped', history: [epoch(1), epoch(2)] });
  });

  it('fails: training → failed with the readable message; can train again', async () => {
    const { controller, trainCalls } = setup();
    await controller.inspect(iris);
    const training = controller.train(DEFAULT_SETTINGS);
    trainCalls[0].done.reject(
      Object.assign(new Error('Training diverged: lower the learning rate.'), { name: 'TrainingError' }),
    );
    await training;
    expect(controller.state).toMatchObject({
      phase: 'failed',
      problem: { message: 'Training diverged: lower the learning rate.' },
    });
    void controller.train(DEFAULT_SETTINGS);
    expect(controller.state.phase).toBe('training');
  });

  it('ignores new data while training', async () => {
    const { controller, jobs } = setup();
    await controller.inspect(iris);
    void controller.train(DEFAULT_SETTINGS);
    await controller.inspect(iris);
    expect(jobs.inspectCsv).toHaveBeenCalledTimes(1);
    expect(controller.state.phase).toBe('training');
  });

  it('keeps the model as a new version and asks for persistent storage once', async () => {
    const { controller, trainCalls, store } = setup();
    await controller.inspect(iris);
    for (let run = 0; run < 2; run++) {
      const training = controller.train(DEFAULT_SETTINGS);
      trainCalls[run].done.resolve(result);
      await training;
      const keeping = controller.keep();
      expect(controller.state).toMatchObject({ phase: 'trained', run: { save: { status: 'saving' } } });
      await keeping;
      expect(controller.state).toMatchObject({
        phase: 'trained',
        run: { save: { status: 'saved', version: 2 } },
      });
    }
    expect(store.save).toHaveBeenCalledWith(result.bundle, {
      source: 'trained on iris.csv',
      sample: result.sample,
      history: result.history,
      testMetrics: result.testMetrics,
    });
    expect(store.save).toHaveBeenCalledTimes(2);
    expect(store.requestPersistence).toHaveBeenCalledTimes(1);
  });

  it('reports a failed save and allows another try', async () => {
    const { controller, trainCalls, store } = setup();
    await controller.inspect(iris);
    const training = controller.train(DEFAULT_SETTINGS);
    trainCalls[0].done.resolve(result);
    await training;
    vi.mocked(store.save).mockRejectedValueOnce(new Error('Not enough storage space to save this model.'));
    await controller.keep();
    expect(controller.state).toMatchObject({
      run: { save: { status: 'failed', message: 'Not enough storage space to save this model.' } },
    });
    expect(store.requestPersistence).not.toHaveBeenCalled();
    await controller.keep();
    expect(controller.state).toMatchObject({ run: { save: { status: 'saved', version: 2 } } });
  });

  it('Stop and keep: tells the worker to finish now, once, and ends trained like any run', async () => {
    const { controller, trainCalls, runFrames } = setup();
    await controller.inspect(iris);
    const training = controller.train(DEFAULT_SETTINGS);
    const [call] = trainCalls;
    expect(call.options.finish?.aborted).toBe(false);
    call.options.onProgress?.(epoch(1));
    runFrames();
    controller.finishNow();
    expect(call.options.finish?.aborted).toBe(true);
    expect(call.options.signal?.aborted).toBe(false);
    expect(controller.state).toMatchObject({ phase: 'training', finishing: true, history: [epoch(1)] });
    controller.finishNow();
    call.done.resolve(result);
    await training;
    expect(controller.state).toMatchObject({
      phase: 'trained',
      run: { result, save: { status: 'unsaved' } },
    });
  });

  it('Stop still throws the run away while it is finishing', async () => {
    const { controller, trainCalls } = setup();
    await controller.inspect(iris);
    const training = controller.train(DEFAULT_SETTINGS);
    controller.finishNow();
    controller.stop();
    await training;
    expect(trainCalls[0].options.signal?.aborted).toBe(true);
    expect(controller.state.phase).toBe('stopped');
    expect(controller.lastRun).toBeNull();
  });

  it('stores each finished run, and again once it is kept', async () => {
    const { controller, trainCalls, lastRun } = setup();
    await controller.inspect(iris);
    const training = controller.train(DEFAULT_SETTINGS);
    trainCalls[0].done.resolve(result);
    await training;
    await vi.waitFor(() => expect(lastRun.written).toHaveLength(1));
    expect(lastRun.written[0]).toMatchObject({ sourceName: 'iris.csv', savedVersion: null });
    await controller.keep();
    await vi.waitFor(() => expect(lastRun.written).toHaveLength(2));
    expect(lastRun.written[1]).toMatchObject({ sourceName: 'iris.csv', savedVersion: 2 });
  });

  it('keeps the last run on show while other data is chosen, with its Keep', async () => {
    const { controller, trainCalls, store } = setup();
    await controller.inspect(iris);
    const training = controller.train(DEFAULT_SETTINGS);
    trainCalls[0].done.resolve(result);
    await training;
    const file: DataSource = { kind: 'file', file: new Blob(['x']), name: 'mine.csv' };
    await controller.inspect(file);
    expect(controller.state.phase).toBe('ready');
    expect(controller.lastRun).toMatchObject({ result, sourceName: 'iris.csv' });
    await controller.keep();
    expect(store.save).toHaveBeenCalledWith(
      result.bundle,
      expect.objectContaining({ source: 'trained on iris.csv' }),
    );
    expect(controller.lastRun?.save).toEqual({ status: 'saved', version: 2 });
    // A new run replaces it on screen.
    void controller.train(DEFAULT_SETTINGS);
    expect(controller.lastRun).toBeNull();
  });

  it('after a reload, shows the stored run as it was and can still keep it', async () => {
    const real = await realResult();
    const record = storedRun({ result: real, sourceName: 'iris.csv', save: { status: 'unsaved' } });
    const { controller, store, lastRun } = setup({ stored: structuredClone(record) });
    await controller.inspect(iris);
    const restored = await controller.restore();
    const run = controller.lastRun;
    // What restore returns is what shows (the panel puts its settings in the form).
    expect(restored).toBe(run);
    expect(run?.sourceName).toBe('iris.csv');
    expect(run?.result.testMetrics).toEqual(real.testMetrics);
    expect(run?.result.history).toEqual(real.history);
    await controller.keep();
    expect(store.save).toHaveBeenCalledTimes(1);
    expect(controller.lastRun?.save).toEqual({ status: 'saved', version: 2 });
    await vi.waitFor(() => expect(lastRun.written.at(-1)).toMatchObject({ savedVersion: 2 }));
    // Read once: a second restore changes nothing.
    await expect(controller.restore()).resolves.toBeNull();
    expect(lastRun.read).toHaveBeenCalledTimes(1);
  });

  it('ignores a damaged stored run without a word, and a run begun meanwhile wins', async () => {
    for (const stored of ['garbage', { format: 1, sourceName: 'x.csv', bundle: {} }]) {
      const { controller } = setup({ stored });
      await controller.inspect(iris);
      await expect(controller.restore()).resolves.toBeNull();
      expect(controller.lastRun).toBeNull();
      expect(controller.state.phase).toBe('ready');
    }
    const real = await realResult();
    const record = storedRun({ result: real, sourceName: 'iris.csv', save: { status: 'unsaved' } });
    const { controller } = setup({ stored: structuredClone(record) });
    await controller.inspect(iris);
    const restoring = controller.restore();
    void controller.train(DEFAULT_SETTINGS);
    await expect(restoring).resolves.toBeNull();
    expect(controller.lastRun).toBeNull();
  });

  it('aborts running work when the host is disconnected', async () => {
    const { controller, trainCalls } = setup();
    await controller.inspect(iris);
    const training = controller.train(DEFAULT_SETTINGS);
    controller.hostDisconnected();
    await training;
    expect(trainCalls[0].options.signal?.aborted).toBe(true);
  });
});
