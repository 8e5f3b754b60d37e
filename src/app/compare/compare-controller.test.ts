import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { createStore } from 'idb-keyval';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelBundle } from '../../core/bundle/bundle-format';
import { type ClassifierSpec, defaultSpec } from '../../core/classifiers/classifier-spec';
import type { EpochProgress } from '../../core/classifiers/fit-options';
import type { AlgorithmScore, CompareProgress, CompareResult } from '../../core/compare-classifiers';
import { defaultModel } from '../../test/default-model';
import { type Deferred, deferred } from '../../test/deferred';
import { FakeHost } from '../../test/fake-host';
import { InProcessWorker } from '../../test/in-process-worker';
import { createApi } from '../../worker/api';
import { ModelRegistry } from '../models/registry/model-registry';
import { busyReasons, isBusy } from '../pwa/busy';
import type {
  CallOptions,
  DataSource,
  TrainArgs,
  TrainingSample,
  TrainResult,
} from '../worker-bridge/protocol';
import { WorkerBridge } from '../worker-bridge/worker-bridge';
import { type CompareArgs, CompareController, type ComparePorts } from './compare-controller';
import { comparePorts } from './compare-ports';

const irisText = readFileSync(new URL('../../../public/data/iris.csv', import.meta.url), 'utf8');
const iris: DataSource = { kind: 'file', file: new Blob([irisText]), name: 'iris.csv' };
const NOW = '2026-03-04T05:06:07.000Z';

afterEach(() => {
  expect(isBusy()).toBe(false);
});

const summary = (mean: number) => ({ mean, sd: 0, min: mean, max: mean });
function score(spec: ClassifierSpec, name: string): AlgorithmScore {
  return {
    spec,
    name,
    accuracy: summary(0.95),
    macroF1: summary(0.95),
    logLoss: summary(0.2),
    fitMs: summary(3),
    predictMsPer1000: 1,
    sizeBytes: 2000,
  };
}
const RESULT: CompareResult = {
  rows: 150,
  folds: 3,
  repeats: 1,
  balanceClasses: false,
  scores: [score(defaultSpec('knn'), 'k-NN'), score(defaultSpec('random-forest', { trees: 10 }), 'Forest')],
  elapsedMs: 12,
};
const ARGS: CompareArgs = {
  source: iris,
  specs: RESULT.scores.map((s) => s.spec),
  folds: 3,
  repeats: 1,
  seed: 1,
};
const SAMPLE: TrainingSample = { x: [[1, 2, 3, 4]], y: [0] };

/** A call the test settles itself; it rejects with an AbortError when its signal aborts, as the bridge does. */
interface HeldCall<A, P, R> {
  readonly args: A;
  readonly options: CallOptions<P>;
  readonly reply: Deferred<R>;
}

function held<A, P, R>(calls: HeldCall<A, P, R>[], args: A, options: CallOptions<P>): Promise<R> {
  const reply = deferred<R>();
  options.signal?.addEventListener('abort', () =>
    reply.reject(new DOMException('The call was cancelled.', 'AbortError')),
  );
  calls.push({ args, options, reply });
  return reply.promise;
}

function fakePorts() {
  const comparisons: HeldCall<CompareArgs, CompareProgress, CompareResult>[] = [];
  const trainings: HeldCall<TrainArgs, EpochProgress, TrainResult>[] = [];
  const saves: HeldCall<ModelBundle, never, { version: number }>[] = [];
  const saveOptions: { source: string; sample?: TrainingSample }[] = [];
  const ports: ComparePorts = {
    jobs: {
      crossValidate: (args, options) => held(comparisons, args, options),
      train: (args, options) => held(trainings, args, options),
    },
    store: {
      save: (bundle, options) => {
        saveOptions.push(options);
        return held(saves, bundle, {});
      },
    },
  };
  return { ports, comparisons, trainings, saves, saveOptions };
}

function setup() {
  const fakes = fakePorts();
  const host = new FakeHost();
  const settled: unknown[] = [];
  const controller = new CompareController(host, {
    ports: () => fakes.ports,
    isoNow: () => NOW,
    onCallSettled: (error) => settled.push(error),
  });
  return { ...fakes, host, controller, settled };
}

const trained: TrainResult = {
  bundle: defaultModel,
  metadata: defaultModel.metadata,
  testMetrics: { ...defaultModel.metadata.metrics.test, confusion: [], perClass: [] },
  history: [],
  trainingMs: 5,
  sample: SAMPLE,
};

/** A controller whose comparison is done with RESULT. */
async function compared() {
  const context = setup();
  const comparing = context.controller.compare(ARGS);
  context.comparisons[0].reply.resolve(RESULT);
  await comparing;
  context.settled.length = 0;
  return context;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('CompareController: comparing', () => {
  it('runs with progress while the app is busy, then holds the results and their source', async () => {
    const { controller, comparisons, host, settled } = setup();
    expect(host.controllers).toEqual([controller]);
    expect(controller.state).toEqual({ phase: 'idle' });

    const comparing = controller.compare(ARGS);
    expect(controller.state).toMatchObject({ phase: 'running', progress: null });
    expect(busyReasons()).toEqual(['comparing']);
    expect(comparisons).toHaveLength(1);
    expect(comparisons[0].args).toBe(ARGS);
    expect(comparisons[0].options.signal?.aborted).toBe(false);

    const updates = host.updates;
    const progress: CompareProgress = { algorithm: 1, algorithms: 2, name: 'Forest', fold: 2, of: 3 };
    comparisons[0].options.onProgress?.(progress);
    expect(controller.state).toMatchObject({ phase: 'running', progress });
    expect(host.updates).toBe(updates + 1);

    comparisons[0].reply.resolve(RESULT);
    await comparing;
    expect(controller.state).toEqual({ phase: 'done', result: RESULT, source: iris, saves: new Map() });
    expect(isBusy()).toBe(false);
    expect(settled).toEqual([null]);
  });

  it('ignores compare() while one runs, and does nothing without ports', async () => {
    const { controller, comparisons } = setup();
    const comparing = controller.compare(ARGS);
    await controller.compare(ARGS);
    expect(comparisons).toHaveLength(1);
    comparisons[0].reply.resolve(RESULT);
    await comparing;

    const host = new FakeHost();
    const portless = new CompareController(host, { ports: () => undefined });
    await portless.compare(ARGS);
    expect(portless.state).toEqual({ phase: 'idle' });
    expect(host.updates).toBe(0);
  });

  it('stops on cancel: the worker call is aborted, the state is stopped and nothing is reported', async () => {
    const { controller, comparisons, settled } = setup();
    const comparing = controller.compare(ARGS);
    controller.cancel();
    expect(comparisons[0].options.signal?.aborted).toBe(true);
    await comparing;
    expect(controller.state).toEqual({ phase: 'stopped' });
    expect(settled).toEqual([]);
  });

  it('stops a running comparison when its host disconnects', async () => {
    const { controller, comparisons } = setup();
    const comparing = controller.compare(ARGS);
    controller.hostDisconnected();
    await comparing;
    expect(comparisons[0].options.signal?.aborted).toBe(true);
    expect(controller.state).toEqual({ phase: 'stopped' });
  });

  it('ends failed with the message, row and column of a failing job, and reports the error', async () => {
    const { controller, comparisons, settled } = setup();
    const comparing = controller.compare(ARGS);
    const error = Object.assign(new Error('Row 7, column "petal_width": "wide" is not a number.'), {
      name: 'CsvError',
      row: 7,
      column: 'petal_width',
    });
    comparisons[0].reply.reject(error);
    await comparing;
    expect(controller.state).toEqual({
      phase: 'failed',
      problem: {
        message: 'Row 7, column "petal_width": "wide" is not a number.',
        row: 7,
        column: 'petal_width',
      },
    });
    expect(settled).toEqual([error]);
  });
});

describe('CompareController: saving a row', () => {
  it("trains the row's algorithm on the compared data and saves it; the row shows the new version", async () => {
    const { controller, trainings, saves, saveOptions, settled } = await compared();
    const saving = controller.save(1);
    expect(controller.state.phase === 'done' && controller.state.saves.get(1)).toEqual({ status: 'saving' });
    expect(busyReasons()).toEqual(['training']);
    expect(trainings).toHaveLength(1);
    expect(trainings[0].args).toEqual({
      source: iris,
      spec: RESULT.scores[1].spec,
      run: { balanceClasses: false },
      createdAt: NOW,
    });

    trainings[0].reply.resolve(trained);
    await vi.waitFor(() => expect(saves).toHaveLength(1));
    expect(saves[0].args).toBe(defaultModel);
    expect(saveOptions).toEqual([
      {
        source: 'Forest, from Compare on iris.csv',
        sample: SAMPLE,
        history: trained.history,
        testMetrics: trained.testMetrics,
      },
    ]);
    expect(isBusy()).toBe(true);

    saves[0].reply.resolve({ version: 7 });
    await saving;
    expect(controller.state.phase === 'done' && [...controller.state.saves]).toEqual([
      [1, { status: 'saved', version: 7 }],
    ]);
    expect(settled).toEqual([null]);
  });

  it('trains with the columns and the class balancing the comparison used', async () => {
    const context = setup();
    const plan = [{ use: 'ignore' }, { use: 'number' }, { use: 'label' }] as const;
    const comparing = context.controller.compare({ ...ARGS, plan });
    context.comparisons[0].reply.resolve({ ...RESULT, balanceClasses: true });
    await comparing;
    void context.controller.save(0);
    expect(context.trainings[0].args).toMatchObject({ plan, run: { balanceClasses: true } });
    expect(context.trainings[0].args).not.toHaveProperty('label');
    context.trainings[0].reply.reject(new Error('stop here'));
    await flush();
  });

  it('marks only that row failed, with the message, when training or storing fails', async () => {
    const { controller, trainings, saves, settled } = await compared();
    const crash = Object.assign(new Error('The prediction engine stopped unexpectedly.'), {
      name: 'WorkerCrashedError',
    });
    const first = controller.save(0);
    trainings[0].reply.reject(crash);
    await first;
    expect(saves).toHaveLength(0);

    const second = controller.save(1);
    trainings[1].reply.resolve(trained);
    await vi.waitFor(() => expect(saves).toHaveLength(1));
    saves[0].reply.reject(new Error('Storage is full.'));
    await second;

    expect(controller.state.phase === 'done' && [...controller.state.saves]).toEqual([
      [0, { status: 'failed', message: 'The prediction engine stopped unexpectedly.' }],
      [1, { status: 'failed', message: 'Storage is full.' }],
    ]);
    expect(settled).toHaveLength(2);
    expect(settled[0]).toBe(crash);
    expect(settled[1]).toMatchObject({ message: 'Storage is full.' });

    // A failed row may be saved again.
    void controller.save(0);
    expect(trainings).toHaveLength(3);
    trainings[2].reply.reject(new Error('again'));
    await flush();
  });

  it('ignores a save of a row being saved or saved, of a missing row, and before any results', async () => {
    const idle = setup();
    await idle.controller.save(0);
    expect(idle.trainings).toHaveLength(0);

    const { controller, trainings, saves } = await compared();
    await controller.save(5);
    expect(trainings).toHaveLength(0);

    const saving = controller.save(0);
    await controller.save(0);
    expect(trainings).toHaveLength(1);
    trainings[0].reply.resolve(trained);
    await vi.waitFor(() => expect(saves).toHaveLength(1));
    saves[0].reply.resolve({ version: 2 });
    await saving;
    await controller.save(0);
    expect(trainings).toHaveLength(1);
  });

  it('does not write a finished save into the state of a newer comparison', async () => {
    const { controller, trainings, saves, comparisons } = await compared();
    const saving = controller.save(0);
    trainings[0].reply.resolve(trained);
    await vi.waitFor(() => expect(saves).toHaveLength(1));

    const comparing = controller.compare(ARGS);
    const newer: CompareResult = { ...RESULT, elapsedMs: 99 };
    comparisons[1].reply.resolve(newer);
    await comparing;
    saves[0].reply.resolve({ version: 3 });
    await saving;
    expect(controller.state).toEqual({ phase: 'done', result: newer, source: iris, saves: new Map() });
  });
});

describe('CompareController with the real worker and registry', () => {
  it('compares two k-NN settings on iris, then saves one as the active version', async () => {
    const worker = new InProcessWorker(createApi({ backendDelayMs: 0 }));
    const bridge = new WorkerBridge({ createWorker: () => worker });
    const registry = new ModelRegistry({
      store: createStore(`petal-test-${crypto.randomUUID()}`, 'registry'),
      channelName: null,
      storage: null,
    });
    // The real ports, with the progress the controller is given recorded on the way.
    const real = comparePorts({ bridge, registry });
    const progress: CompareProgress[] = [];
    const ports: ComparePorts = {
      ...real,
      jobs: {
        ...real.jobs,
        crossValidate: (args, options) =>
          real.jobs.crossValidate(args, {
            ...options,
            onProgress: (value) => {
              progress.push(value);
              options.onProgress?.(value);
            },
          }),
      },
    };
    const host = new FakeHost();
    const controller = new CompareController(host, { ports: () => ports, isoNow: () => NOW });
    try {
      const specs = [defaultSpec('knn', { k: 3 }), defaultSpec('knn', { k: 7 })];
      await controller.compare({ source: iris, specs, folds: 3, repeats: 1, seed: 1 });

      const { state } = controller;
      if (state.phase !== 'done') throw new Error(`comparison ended ${JSON.stringify(state)}`);
      expect(state.result.scores.map((s) => s.name)).toEqual([
        'k-NN (k = 3, uniform votes)',
        'k-NN (k = 7, uniform votes)',
      ]);
      for (const s of state.result.scores) expect(s.accuracy.mean).toBeGreaterThan(0.9);
      expect(progress.map((p) => `${p.algorithm}:${p.fold}/${p.of}`)).toEqual([
        '0:1/3',
        '0:2/3',
        '0:3/3',
        '1:1/3',
        '1:2/3',
        '1:3/3',
      ]);

      await controller.save(1);
      const saved = controller.state.phase === 'done' ? controller.state.saves.get(1) : undefined;
      expect(saved).toEqual({ status: 'saved', version: 1 });
      const { versions, activeId } = await registry.load();
      expect(versions).toHaveLength(1);
      expect(activeId).toBe(versions[0].id);
      expect(versions[0].source).toBe('k-NN (k = 7, uniform votes), from Compare on iris.csv');
      const bundle = await registry.getBundle(versions[0].id);
      expect(bundle.metadata.kind).toBe('knn');
      expect(bundle.metadata.createdAt).toBe(NOW);
    } finally {
      registry.close();
      bridge.terminate();
    }
  });
});
