import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../core/classifiers/classifier-spec';
import { FakeLocks } from '../../test/fake-locks';
import { fastApi, InProcessWorker } from '../../test/in-process-worker';
import { WorkerBridge } from './worker-bridge';
import { WorkerCrashedError } from './worker-crashed-error';

const irisText = readFileSync(new URL('../../../public/data/iris.csv', import.meta.url), 'utf8');

function setup() {
  const locks = new FakeLocks();
  const workers: InProcessWorker[] = [];
  const bridge = new WorkerBridge({
    locks: locks.for('page'),
    createWorker: () => {
      const worker = new InProcessWorker(fastApi(), { locks: locks.for(`worker ${workers.length + 1}`) });
      workers.push(worker);
      return worker;
    },
  });
  return { locks, workers, bridge };
}

/** The lock the bridge asked a worker to hold. */
function lockOf(worker: InProcessWorker): string {
  const request = worker.requests.find((r) => 'type' in r && r.type === 'hold-lock');
  if (!request || !('lock' in request)) throw new Error('no hold-lock request');
  return request.lock;
}

describe('the engine worker’s life lock', () => {
  it('notices at once that the worker is gone mid-training, and says the training engine stopped', async () => {
    const { locks, workers, bridge } = setup();
    await bridge.ready();
    const [worker] = workers;
    const lock = lockOf(worker);
    await expect.poll(() => locks.holder(lock)).toBe('worker 1');

    const training = bridge.call('train', {
      source: { kind: 'file', file: new Blob([irisText]), name: 'iris.csv' },
      spec: defaultSpec('dense-network', { epochs: 5000 }),
      run: {},
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    // The worker is killed: no error event, no message ever again.
    worker.silent = true;
    worker.terminated = true;
    const killed = performance.now();
    locks.releaseHeldBy('worker 1');
    const error = await training.catch((caught: unknown) => caught);
    expect(performance.now() - killed).toBeLessThan(1000);
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect((error as Error).message).toBe(
      'The engine that trains models stopped unexpectedly and has been restarted. Try again.',
    );
    expect((error as WorkerCrashedError).reason).toMatch(/life lock/);
    // A new worker took over and holds a lock of its own.
    expect(workers).toHaveLength(2);
    await bridge.ready();
    await expect.poll(() => locks.holder(lockOf(workers[1]))).toBe('worker 2');
  });

  it('reports nothing when the bridge terminates the worker on purpose', async () => {
    const { locks, workers, bridge } = setup();
    await bridge.ready();
    const lock = lockOf(workers[0]);
    await expect.poll(() => locks.holder(lock)).toBe('worker 1');
    const statuses: string[] = [];
    bridge.addEventListener('status', () => statuses.push(bridge.status));
    bridge.terminate();
    locks.releaseHeldBy('worker 1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statuses).toEqual(['starting']);
    expect(workers).toHaveLength(1);
  });
});
