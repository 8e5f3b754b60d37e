import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { ValidBundle } from '../../core/bundle/bundle-format';
import { validateBundle } from '../../core/bundle/validate-bundle';
import { defaultSpec } from '../../core/classifiers/classifier-spec';
import type { EpochProgress } from '../../core/classifiers/fit-options';
import type { Cell } from '../../csv/cell-reading';
import { blobs } from '../../test/blobs';
import { trainedBundle } from '../../test/trained-bundle';
import { createApi } from '../../worker/api';
import type { WorkerRequest } from '../../worker/protocol';
import { serveApi } from '../../worker/serve';
import { type BridgeStatus, WorkerBridge, type WorkerLike } from './worker-bridge';
import { WorkerCallError } from './worker-call-error';
import { WorkerCrashedError } from './worker-crashed-error';

const irisText = readFileSync(new URL('../../../public/data/iris.csv', import.meta.url), 'utf8');
const iris = { kind: 'file', file: new Blob([irisText]), name: 'iris.csv' } as const;
const createdAt = '2026-01-01T00:00:00.000Z';
/** One row of the test bundles' four features, as a person types it. */
const CELLS = ['1', '0.5', '-1', '2'];

/**
 * A Worker that runs the real worker API in this process: messages are structured-cloned (buffers really
 * transferred) and delivered on a later task, as between threads. It can go silent or crash on demand.
 */
class InProcessWorker extends EventTarget implements WorkerLike {
  readonly requests: WorkerRequest[] = [];
  terminated = false;
  /** When set, messages to the worker are lost: it never answers again. */
  silent = false;
  readonly #scope = new EventTarget();

  constructor(api: object = createApi(), options: { heartbeatMs?: number } = {}) {
    super();
    serveApi(
      api,
      {
        postMessage: (message, transfer) => this.#deliver(this, message, transfer),
        addEventListener: (type, listener) => this.#scope.addEventListener(type, listener as EventListener),
      },
      options,
    );
  }

  postMessage(message: WorkerRequest, transfer: Transferable[]): void {
    this.requests.push(message);
    if (!this.silent) this.#deliver(this.#scope, message, transfer);
  }

  terminate(): void {
    this.terminated = true;
  }

  crash(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error'), { message }));
  }

  #deliver(target: EventTarget, message: unknown, transfer: Transferable[]): void {
    if (this.terminated) return;
    const data = structuredClone(message, { transfer });
    setTimeout(() => {
      if (!this.terminated) target.dispatchEvent(new MessageEvent('message', { data }));
    });
  }
}

/** A bridge whose factory hands out in-process workers (or the given ones first) and records them. */
function setup(
  options: {
    workers?: InProcessWorker[];
    modelTimeoutMs?: number;
    jobSilenceMs?: number;
    maxRestarts?: number;
  } = {},
) {
  const queued = [...(options.workers ?? [])];
  const workers: InProcessWorker[] = [];
  const statuses: BridgeStatus[] = [];
  const bridge = new WorkerBridge({
    createWorker: () => {
      const worker = queued.shift() ?? new InProcessWorker();
      workers.push(worker);
      return worker;
    },
    modelTimeoutMs: options.modelTimeoutMs,
    jobSilenceMs: options.jobSilenceMs,
    maxRestarts: options.maxRestarts,
  });
  bridge.addEventListener('status', () => statuses.push(bridge.status));
  return { bridge, workers, statuses };
}

function makeBundle(classes: number): Promise<ValidBundle> {
  return trainedBundle({
    dataset: blobs({ classes, perClass: 10 }),
    spec: defaultSpec('dense-network', { epochs: 2 }),
    createdAt,
  });
}

const methods = (worker: InProcessWorker) =>
  worker.requests.map((request) =>
    'method' in request ? request.method : request.type === 'cancel' ? `cancel ${request.id}` : request.type,
  );

let threeClasses: ValidBundle;
let twoClasses: ValidBundle;

beforeAll(async () => {
  threeClasses = await makeBundle(3);
  twoClasses = await makeBundle(2);
});

describe('WorkerBridge', () => {
  it('starts lazily, then answers typed calls with the worker api results', async () => {
    const { bridge, workers, statuses } = setup();
    expect(workers).toHaveLength(0);
    expect(bridge.backend).toBeNull();

    const loaded = await bridge.call('useModel', { bundle: threeClasses });
    expectTypeOf(loaded).toEqualTypeOf<void>();
    await bridge.ready();
    expect(bridge.status).toBe('ready');
    expect(statuses).toEqual(['ready']);
    expect(bridge.backend).toBe('cpu');
    expect(methods(workers[0])).toEqual(['start', 'useModel']);

    const result = await bridge.call('predict', { cells: CELLS });
    expectTypeOf(result).toEqualTypeOf<{ probabilities: Float32Array; readings: Cell[] }>();
    expect(result.probabilities).toBeInstanceOf(Float32Array);
    expect(result.probabilities).toHaveLength(3);
    expect(result.readings).toHaveLength(4);
    // The caller's bundle is still intact (the bridge keeps it for reloads).
    expect(threeClasses.weights.byteLength).toBeGreaterThan(0);
    await expect(bridge.ready()).resolves.toMatchObject({ backend: 'cpu' });
    expect(workers).toHaveLength(1);
  });

  it('loads a model and predicts while the backend is still starting; jobs wait for it', async () => {
    let backendUp: (info: { backend: 'cpu'; tfjsVersion: string }) => void = () => {};
    const backend = new Promise<{ backend: 'cpu'; tfjsVersion: string }>((resolve) => {
      backendUp = resolve;
    });
    const { bridge, workers } = setup({
      workers: [new InProcessWorker(createApi({ startBackend: () => backend }))],
    });
    const inspected = bridge.call('inspectCsv', { source: iris });
    await bridge.call('useModel', { bundle: threeClasses });
    const { probabilities } = await bridge.call('predict', { cells: CELLS });
    expect(probabilities).toHaveLength(3);
    expect(bridge.status).toBe('starting');
    expect(methods(workers[0])).toEqual(['start', 'useModel', 'predict']);
    backendUp({ backend: 'cpu', tfjsVersion: 'test' });
    expect((await inspected).rows).toBe(150);
    expect(bridge.status).toBe('ready');
  });

  it('re-creates worker errors as WorkerCallError with code, row and column', async () => {
    const { bridge } = setup();
    const error = await bridge
      .call('train', {
        source: {
          kind: 'file',
          file: new Blob(['a,b,kind\n1,2,x\n3,4\n4,5,x\n6,7,y\n']),
          name: 'bad.csv',
        },
        spec: defaultSpec('dense-network'),
        run: {},
        createdAt,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkerCallError);
    expect(error).toMatchObject({ name: 'CsvError', code: 'ragged-row', row: 3 });
    expect((error as Error).message).toMatch(/^Row 3: it has 2 values but the header has 3 columns/);
    await expect(bridge.call('predict', { cells: CELLS })).rejects.toThrow(/No model/);
  });

  it('forwards training progress and returns the trained bundle', async () => {
    const { bridge } = setup();
    const epochs: number[] = [];
    const result = await bridge.call(
      'train',
      { source: iris, spec: defaultSpec('dense-network', { epochs: 5 }), run: {}, createdAt },
      {
        onProgress: (progress) => {
          expectTypeOf(progress).toEqualTypeOf<EpochProgress>();
          epochs.push(progress.epoch);
        },
      },
    );
    expect(epochs).toEqual([1, 2, 3, 4, 5]);
    expect(result.history).toHaveLength(5);
    expect(result.sample.x).toHaveLength(150);
    expect(result.bundle.weights).toBeInstanceOf(ArrayBuffer);
    await bridge.call('useModel', { bundle: validateBundle(result.bundle) });
    expect(result.metadata.schema.label).toBe('species');
    expect((await bridge.call('predict', { cells: CELLS })).probabilities).toHaveLength(3);
  });

  it('cancels a running job in the worker and a queued one before it is sent', async () => {
    const { bridge, workers } = setup();
    const controller = new AbortController();
    const running = bridge.call(
      'train',
      { source: iris, spec: defaultSpec('dense-network', { epochs: 1000 }), run: {}, createdAt },
      { signal: controller.signal, onProgress: (progress) => progress.epoch === 2 && controller.abort() },
    );
    const queuedController = new AbortController();
    const queued = bridge.call('inspectCsv', { source: iris }, { signal: queuedController.signal });
    queuedController.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });

    // The lane frees once the worker confirms the cancel; the next job then runs.
    const inspection = await bridge.call('inspectCsv', { source: iris });
    expect(inspection.rows).toBe(150);
    const sent = methods(workers[0]);
    expect(sent.filter((method) => method === 'inspectCsv')).toHaveLength(1);
    expect(sent.some((method) => method.startsWith('cancel'))).toBe(true);
    // An already-aborted signal never reaches the worker.
    await expect(
      bridge.call('inspectCsv', { source: iris }, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('finishes a running training early with the model as learnt, and tells a queued one when it starts', async () => {
    const { bridge, workers } = setup();
    const finish = new AbortController();
    const long = { source: iris, spec: defaultSpec('dense-network', { epochs: 1000 }), run: {}, createdAt };
    const running = bridge.call('train', long, {
      finish: finish.signal,
      onProgress: (progress) => progress.epoch === 2 && finish.abort(),
    });
    // Asked to finish before it was even sent: the worker is told right behind the call.
    const queued = bridge.call('train', long, { finish: AbortSignal.abort() });
    const [first, second] = await Promise.all([running, queued]);
    for (const result of [first, second]) {
      const { metadata } = validateBundle(result.bundle);
      if (metadata.kind !== 'dense-network') throw new Error('a network');
      expect(metadata.stopped?.by).toBe('user');
      expect(metadata.epochsRun).toBeLessThan(1000);
      expect(result.history).toHaveLength(metadata.epochsRun);
      expect(result.testMetrics.rows).toBe(30);
    }
    expect(methods(workers[0]).filter((method) => method === 'finish')).toHaveLength(2);
  });

  it('keeps the model lane strictly in order: a prediction queued after useModel sees the new model', async () => {
    const { bridge } = setup();
    await bridge.call('useModel', { bundle: threeClasses });
    const order: string[] = [];
    const track = <T>(name: string, promise: Promise<T>) =>
      promise.then((value) => {
        order.push(name);
        return value;
      });
    const before = track('before', bridge.call('predict', { cells: CELLS }));
    const swap = track('swap', bridge.call('useModel', { bundle: twoClasses }));
    const after = track('after', bridge.call('predict', { cells: CELLS }));
    // A job beside the model lane does not delay it or get mixed into it.
    const job = bridge.call('inspectCsv', { source: iris });
    expect((await before).probabilities).toHaveLength(3);
    await swap;
    expect((await after).probabilities).toHaveLength(2);
    expect(order).toEqual(['before', 'swap', 'after']);
    expect((await job).rows).toBe(150);
  });

  it('on a worker error rejects every pending call, restarts and reloads the last model', async () => {
    const { bridge, workers, statuses } = setup();
    await bridge.call('useModel', { bundle: twoClasses });
    await bridge.ready();
    const predict = bridge.call('predict', { cells: CELLS });
    const job = bridge.call('inspectCsv', { source: iris });
    const queued = bridge.call('predict', { cells: CELLS });
    workers[0].crash('out of memory');

    // Each call is told what stopped, in the words of what it was doing.
    const expected = [
      'The prediction engine stopped unexpectedly and has been restarted. Try again.',
      'The engine that reads files stopped unexpectedly and has been restarted. Try again.',
      'The prediction engine stopped unexpectedly and has been restarted. Try again.',
    ];
    for (const [i, pending] of [predict, job, queued].entries()) {
      const error = await pending.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkerCrashedError);
      expect((error as Error).message).toBe(expected[i]);
      expect((error as WorkerCrashedError).reason).toMatch(/out of memory/);
    }
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);

    // The new worker (with a fresh api and no model of its own) predicts with the reloaded model.
    const { probabilities } = await bridge.call('predict', { cells: CELLS });
    expect(probabilities).toHaveLength(2);
    expect(methods(workers[1])).toEqual(['start', 'useModel', 'predict']);
    expect(statuses).toEqual(['ready', 'restarting', 'ready']);
  });

  it('treats a silent worker as crashed: rejects, restarts and reloads the model', async () => {
    const { bridge, workers, statuses } = setup({ modelTimeoutMs: 100, jobSilenceMs: 200 });
    await bridge.call('useModel', { bundle: threeClasses });
    workers[0].silent = true;
    const started = performance.now();
    const error = await bridge.call('predict', { cells: CELLS }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect((error as WorkerCrashedError).reason).toMatch(/no answer to predict within 100 ms/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect(workers[0].terminated).toBe(true);

    expect((await bridge.call('predict', { cells: CELLS })).probabilities).toHaveLength(3);
    expect(statuses).toEqual(['ready', 'restarting', 'ready']);

    // A job that hears nothing for jobSilenceMs counts as a crash too.
    workers[1].silent = true;
    await expect(bridge.call('inspectCsv', { source: iris })).rejects.toMatchObject({
      name: 'WorkerCrashedError',
      reason: expect.stringMatching(/no message from the worker for 200 ms during inspectCsv/),
    });
    expect((await bridge.call('predict', { cells: CELLS })).probabilities).toHaveLength(3);
  });

  it('lets a long job live as long as the worker sends heartbeats', async () => {
    const api = {
      ...createApi(),
      sampleData: async () => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        return { x: [[1]], y: [0] };
      },
    };
    const { bridge } = setup({ workers: [new InProcessWorker(api, { heartbeatMs: 50 })], jobSilenceMs: 200 });
    await expect(bridge.call('sampleData', { source: iris })).resolves.toEqual({ x: [[1]], y: [0] });
  });

  it('gives up after repeated crashes, then starts afresh on the next call', async () => {
    const { bridge, workers, statuses } = setup({ maxRestarts: 1 });
    await bridge.ready();
    workers[0].crash('boom');
    await bridge.ready();
    const pending = bridge.call('predict', { cells: CELLS });
    workers[1].crash('boom again');
    await expect(pending).rejects.toThrow(/could not be restarted/);
    expect(bridge.status).toBe('failed');
    expect(workers).toHaveLength(2);

    await expect(bridge.call('inspectCsv', { source: iris })).resolves.toMatchObject({ rows: 150 });
    expect(workers).toHaveLength(3);
    expect(statuses).toEqual(['ready', 'restarting', 'ready', 'failed', 'starting', 'ready']);
  });

  it('fails every call with the reason when no backend can start', async () => {
    const broken = createApi({
      startBackend: () => Promise.reject(new Error('TensorFlow.js could not start.')),
    });
    const { bridge } = setup({ workers: [new InProcessWorker(broken)] });
    // A job waits for the backend (a prediction needs none, see above).
    await expect(bridge.call('inspectCsv', { source: iris })).rejects.toThrow(
      'TensorFlow.js could not start.',
    );
    expect(bridge.status).toBe('failed');
  });
});
