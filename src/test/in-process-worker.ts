import type { WorkerLike } from '../app/worker-bridge/worker-bridge';
import { WorkerBridge } from '../app/worker-bridge/worker-bridge';
import { createApi } from '../worker/api';
import type { WorkerRequest } from '../worker/protocol';
import { serveApi } from '../worker/serve';

/**
 * A Worker that runs the real worker API in this process: messages are structured-cloned (buffers really
 * transferred) and delivered on a later task, as between threads. It can go silent or crash on demand.
 */
export class InProcessWorker extends EventTarget implements WorkerLike {
  readonly requests: WorkerRequest[] = [];
  terminated = false;
  /** When set, messages to the worker are lost: it never answers again. */
  silent = false;
  readonly #scope = new EventTarget();

  constructor(
    api: object = createApi(),
    options: { heartbeatMs?: number; locks?: import('../worker/serve').LockManagerLike | null } = {},
  ) {
    super();
    serveApi(
      api,
      {
        postMessage: (message, transfer) => this.#deliver(this, message, transfer),
        addEventListener: (type, listener) => this.#scope.addEventListener(type, listener as EventListener),
      },
      { locks: null, ...options },
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

  /** The methods called so far, in order (`cancel <id>` for cancel messages). */
  methods(): string[] {
    return this.requests.map((request) =>
      'method' in request
        ? request.method
        : request.type === 'cancel'
          ? `cancel ${request.id}`
          : request.type,
    );
  }

  #deliver(target: EventTarget, message: unknown, transfer: Transferable[]): void {
    if (this.terminated) return;
    const data = structuredClone(message, { transfer });
    setTimeout(() => {
      if (!this.terminated) target.dispatchEvent(new MessageEvent('message', { data }));
    });
  }
}

/**
 * The worker API as tests usually want it: the backend "starts" at once without loading TensorFlow.js
 * (vitest.setup.ts has already selected the CPU backend for the jobs that use it).
 */
export function fastApi(): ReturnType<typeof createApi> {
  return createApi({
    backendDelayMs: 0,
    startBackend: async () => ({ backend: 'cpu', tfjsVersion: 'test' }),
  });
}

/**
 * A WorkerBridge whose workers run `makeApi()` in this process; `workers` lists every worker it started
 * (a crash starts a new one).
 */
export function inProcessBridge(makeApi: () => object = fastApi): {
  bridge: WorkerBridge;
  workers: InProcessWorker[];
} {
  const workers: InProcessWorker[] = [];
  const bridge = new WorkerBridge({
    createWorker: () => {
      const worker = new InProcessWorker(makeApi());
      workers.push(worker);
      return worker;
    },
  });
  return { bridge, workers };
}
