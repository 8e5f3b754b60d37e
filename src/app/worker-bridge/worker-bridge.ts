import type { ValidBundle } from '../../core/bundle/bundle-format';
import type { BridgeStatus, CallOptions } from './call-options';
import { hostLocks, type LockManagerLike, lifeLockName, watchLife } from './life-lock';
import { abortError, invokeSafely, type PendingCall } from './pending-call';
import {
  type ArgsOf,
  type BackendInfo,
  LANE_OF,
  type Lane,
  type Method,
  type ProgressOf,
  type ResultOf,
  type WorkerReply,
  type WorkerRequest,
} from './protocol';
import { WorkerCallError } from './worker-call-error';

export type { BridgeStatus, CallOptions } from './call-options';

import { WorkerCrashedError } from './worker-crashed-error';

/** The parts of a `Worker` the bridge uses; tests pass a fake. */
export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate(): void;
}

export interface WorkerBridgeOptions {
  /** Builds the worker; the default is Petal's module worker. */
  readonly createWorker?: () => WorkerLike;
  /** A model-lane call unanswered this long means the worker is stuck. */
  readonly modelTimeoutMs?: number;
  /** A running job (or the start) with no message at all from the worker this long means it is stuck. */
  readonly jobSilenceMs?: number;
  /** Crashes in a row (with no successful call between) after which the bridge stops restarting. */
  readonly maxRestarts?: number;
  /** Web Locks to notice at once that the worker is gone (life-lock.ts); default `navigator.locks`. */
  readonly locks?: LockManagerLike | null;
}

export const MODEL_TIMEOUT_MS = 3_000;
export const JOB_SILENCE_MS = 20_000;
export const MAX_RESTARTS = 3;

function createPetalWorker(): WorkerLike {
  return new Worker(new URL('../../worker/petal.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * The one owner of Petal's worker. Starts it on first use, runs calls in two ordered lanes (LANE_OF in
 * protocol.ts: the MODEL lane — loading a model and predicting — strictly first-in first-out so a prediction
 * never races a model swap; the JOB lane — reading, training, comparing, scoring — beside it, one job at a
 * time), forwards progress and cancellation, and watches the worker: when it errors or stops answering,
 * every pending call is rejected with a WorkerCrashedError, a new worker is started and the last model given
 * to `useModel` is loaded again.
 *
 * Listen to `'status'` events (a plain Event; read `status`, `backend`, `fallbackReason`) to show the
 * backend or a restart.
 */
export class WorkerBridge extends EventTarget {
  #status: BridgeStatus = 'starting';
  #info: BackendInfo | null = null;
  #worker: WorkerLike | null = null;
  #nextId = 1;
  #crashes = 0;
  #lastBundle: ValidBundle | null = null;
  readonly #queues: Record<Lane, PendingCall[]> = { model: [], job: [] };
  readonly #busy: Record<Lane, PendingCall | null> = { model: null, job: null };
  readonly #inFlight = new Map<number, PendingCall>();
  #readyWaiters: { resolve: (info: BackendInfo) => void; reject: (error: unknown) => void }[] = [];
  /**
   * One timer watches the model lane's deadlines, re-armed only when it fires: a stream of predictions
   * (one per keystroke or slider step) then costs no timer per call.
   */
  #modelWatchdog: ReturnType<typeof setTimeout> | undefined;
  readonly #createWorker: () => WorkerLike;
  readonly #modelTimeoutMs: number;
  readonly #jobSilenceMs: number;
  readonly #maxRestarts: number;
  readonly #locks: LockManagerLike | null;
  #stopWatching: (() => void) | undefined;

  constructor(options: WorkerBridgeOptions = {}) {
    super();
    this.#createWorker = options.createWorker ?? createPetalWorker;
    this.#modelTimeoutMs = options.modelTimeoutMs ?? MODEL_TIMEOUT_MS;
    this.#jobSilenceMs = options.jobSilenceMs ?? JOB_SILENCE_MS;
    this.#maxRestarts = options.maxRestarts ?? MAX_RESTARTS;
    this.#locks = options.locks === undefined ? hostLocks() : options.locks;
  }

  get status(): BridgeStatus {
    return this.#status;
  }

  /** The TensorFlow.js backend the worker runs on, once it has started. */
  get backend(): 'wasm' | 'cpu' | null {
    return this.#info?.backend ?? null;
  }

  /** Why the worker runs on the CPU backend instead of WASM, in words for the user. */
  get fallbackReason(): string | undefined {
    return this.#info?.fallbackReason;
  }

  /** Starts the worker if needed; resolves with the backend once it is ready. */
  ready(): Promise<BackendInfo> {
    if (this.#status === 'ready' && this.#info) return Promise.resolve(this.#info);
    return new Promise((resolve, reject) => {
      this.#readyWaiters.push({ resolve, reject });
      this.#ensureWorker();
    });
  }

  /**
   * Calls a worker method. Resolves with its result; rejects with a WorkerCallError (what the method
   * threw), a WorkerCrashedError, or an AbortError when `options.signal` aborts.
   */
  call<M extends Method>(
    method: M,
    args: ArgsOf<M>,
    options: CallOptions<ProgressOf<M>> = {},
  ): Promise<ResultOf<M>> {
    return new Promise<ResultOf<M>>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      const call: PendingCall = {
        id: this.#nextId++,
        method,
        args,
        lane: LANE_OF[method],
        transfer: method === 'useModel' ? [] : (options.transfer ?? []),
        resolve: resolve as (value: unknown) => void,
        reject,
        onProgress: options.onProgress as ((value: unknown) => void) | undefined,
        signal,
        finish: options.finish,
        internal: false,
        abandoned: false,
      };
      if (signal) {
        call.onAbort = () => this.#abandon(call);
        signal.addEventListener('abort', call.onAbort, { once: true });
      }
      if (options.finish) {
        call.onFinish = () => this.#askToFinish(call);
        options.finish.addEventListener('abort', call.onFinish, { once: true });
      }
      this.#queues[LANE_OF[method]].push(call);
      this.#ensureWorker();
      this.#pump(LANE_OF[method]);
    });
  }

  /** Stops the worker and rejects every pending call with an AbortError; the next call starts a new one. */
  terminate(): void {
    this.#discardWorker();
    for (const call of this.#takeAllCalls()) if (!call.abandoned && !call.internal) call.reject(abortError());
    for (const waiter of this.#takeReadyWaiters()) waiter.reject(abortError());
    this.#info = null;
    this.#setStatus('starting');
  }

  #ensureWorker(): void {
    if (this.#worker === null) this.#startWorker(false);
  }

  #startWorker(restarting: boolean): void {
    let worker: WorkerLike;
    try {
      worker = this.#createWorker();
    } catch (error) {
      // E.g. a browser that refuses module workers: nothing will run, so say so to every caller.
      this.#onStartFailed(error);
      return;
    }
    this.#worker = worker;
    this.#info = null;
    this.#setStatus(restarting ? 'restarting' : 'starting');
    const lock = this.#locks ? lifeLockName() : null;
    if (lock) worker.postMessage({ type: 'hold-lock', lock }, []);
    // Events from a worker that has since been replaced are ignored.
    worker.addEventListener('message', (event) => {
      if (this.#worker !== worker) return;
      const reply = (event as MessageEvent<WorkerReply>).data;
      if (reply.type === 'holding-lock' && lock && this.#locks) {
        this.#stopWatching = watchLife(this.#locks, lock, () => {
          if (this.#worker === worker) this.#crash('the worker is gone (its life lock was released)');
        });
        return;
      }
      this.#onMessage(reply);
    });
    worker.addEventListener('error', (event) => {
      const detail = (event as ErrorEvent).message;
      if (this.#worker === worker) this.#crash(detail ? `worker error: ${detail}` : 'worker error');
    });
    worker.addEventListener('messageerror', () => {
      if (this.#worker === worker) this.#crash('a message from the worker could not be read');
    });
    this.#send({
      id: this.#nextId++,
      method: 'start',
      args: undefined,
      lane: 'start',
      transfer: [],
      resolve: (info) => this.#onStarted(info as BackendInfo),
      reject: (error) => this.#onStartFailed(error),
      internal: true,
      abandoned: false,
    });
    if (this.#lastBundle) {
      // Reload the model the app was using before the crash, ahead of anything already queued.
      this.#queues.model.unshift({
        id: this.#nextId++,
        method: 'useModel',
        args: { bundle: this.#lastBundle },
        lane: 'model',
        transfer: [],
        resolve: () => {},
        reject: () => {},
        internal: true,
        abandoned: false,
      });
    }
    // The model lane needs no TensorFlow.js backend (the worker predicts in plain JavaScript), so it runs
    // while the backend starts: the first prediction does not wait for TF.js to load.
    this.#pump('model');
  }

  #onStarted(info: BackendInfo): void {
    this.#info = info;
    this.#setStatus('ready');
    for (const waiter of this.#takeReadyWaiters()) waiter.resolve(info);
    this.#pump('model');
    this.#pump('job');
  }

  /** The worker answered `start` with an error: no backend works. Calls fail with that error. */
  #onStartFailed(error: unknown): void {
    this.#discardWorker();
    for (const call of this.#takeAllCalls()) if (!call.abandoned && !call.internal) call.reject(error);
    for (const waiter of this.#takeReadyWaiters()) waiter.reject(error);
    this.#setStatus('failed');
  }

  #pump(lane: Lane): void {
    if (this.#worker === null || this.#busy[lane] !== null) return;
    // Jobs (training, comparing, scoring) wait for the backend; the model lane runs as soon as the worker
    // exists (see #startWorker).
    if (lane === 'job' && this.#status !== 'ready') return;
    const next = this.#queues[lane].shift();
    if (next) this.#send(next);
  }

  #send(call: PendingCall): void {
    this.#inFlight.set(call.id, call);
    if (call.lane !== 'start') this.#busy[call.lane] = call;
    const request: WorkerRequest = { id: call.id, method: call.method, args: call.args };
    try {
      this.#worker!.postMessage(request, call.transfer);
    } catch (error) {
      // Arguments that cannot be cloned: the caller's mistake, not the worker's.
      this.#finish(call);
      call.reject(error);
      if (call.lane !== 'start') this.#pump(call.lane);
      return;
    }
    // Asked to finish while it waited in its lane: told now, right behind the call itself.
    if (call.finish?.aborted) this.#askToFinish(call);
    this.#armTimer(call);
  }

  /** A model-lane call gets a fixed deadline; a job's (and the start's) restarts at every message. */
  #armTimer(call: PendingCall): void {
    if (call.lane === 'model') {
      call.deadline = performance.now() + this.#modelTimeoutMs;
      this.#modelWatchdog ??= setTimeout(() => this.#checkModelDeadline(), this.#modelTimeoutMs);
      return;
    }
    clearTimeout(call.timer);
    const ms = this.#jobSilenceMs;
    call.timer = setTimeout(() => {
      this.#crash(`no message from the worker for ${ms} ms during ${call.method}`);
    }, ms);
  }

  /** The watchdog fired: the running model call is overdue (a crash), or it waits for that call's deadline. */
  #checkModelDeadline(): void {
    this.#modelWatchdog = undefined;
    const call = this.#busy.model;
    if (call?.deadline === undefined) return;
    const left = call.deadline - performance.now();
    if (left <= 0) {
      this.#crash(`no answer to ${call.method} within ${this.#modelTimeoutMs} ms`);
    } else {
      this.#modelWatchdog = setTimeout(() => this.#checkModelDeadline(), left);
    }
  }

  #onMessage(reply: WorkerReply): void {
    for (const call of this.#inFlight.values()) if (call.lane !== 'model') this.#armTimer(call);
    if (reply.type === 'heartbeat' || reply.type === 'holding-lock') return;
    const call = this.#inFlight.get(reply.id);
    if (!call) return;
    if (reply.type === 'progress') {
      if (!call.abandoned) invokeSafely(() => call.onProgress?.(reply.value));
      return;
    }
    this.#finish(call);
    if (!call.abandoned) {
      if (reply.type === 'result') {
        if (call.method === 'useModel') this.#lastBundle = (call.args as ArgsOf<'useModel'>).bundle;
        if (!call.internal) this.#crashes = 0;
        call.resolve(reply.value);
      } else {
        call.reject(new WorkerCallError(reply.error));
      }
    }
    if (call.lane !== 'start') this.#pump(call.lane);
  }

  /** The caller aborted: a queued call just leaves the queue; a running one is cancelled in the worker. */
  #abandon(call: PendingCall): void {
    const queue = call.lane === 'start' ? [] : this.#queues[call.lane];
    const index = queue.indexOf(call);
    if (index >= 0) {
      queue.splice(index, 1);
    } else if (this.#inFlight.has(call.id) && !call.abandoned) {
      // The lane stays busy until the worker confirms, so the next call never overlaps this one.
      call.abandoned = true;
      this.#worker?.postMessage({ type: 'cancel', id: call.id }, []);
    } else {
      return;
    }
    call.reject(abortError());
  }

  /** The caller asked a running call to end now with what it has (CallOptions.finish); a queued one is told when sent. */
  #askToFinish(call: PendingCall): void {
    if (call.abandoned || !this.#inFlight.has(call.id)) return;
    this.#worker?.postMessage({ type: 'finish', id: call.id }, []);
  }

  /** Stops watching the current worker's life and terminates it (on purpose: no crash is reported). */
  #discardWorker(): void {
    const worker = this.#worker;
    this.#worker = null;
    this.#stopWatching?.();
    this.#stopWatching = undefined;
    worker?.terminate();
  }

  #crash(reason: string): void {
    this.#discardWorker();
    this.#crashes++;
    const restart = this.#crashes <= this.#maxRestarts;
    const error = new WorkerCrashedError({ reason, restarted: restart });
    for (const call of this.#takeAllCalls()) {
      if (!call.abandoned && !call.internal) {
        call.reject(new WorkerCrashedError({ reason, restarted: restart, method: call.method }));
      }
    }
    if (restart) {
      this.#startWorker(true);
    } else {
      this.#crashes = 0;
      for (const waiter of this.#takeReadyWaiters()) waiter.reject(error);
      this.#setStatus('failed');
    }
  }

  /** Removes every queued and running call (timers and abort listeners too) and returns them. */
  #takeAllCalls(): PendingCall[] {
    const calls = [...this.#inFlight.values(), ...this.#queues.model, ...this.#queues.job];
    for (const call of calls) this.#finish(call);
    this.#queues.model = [];
    this.#queues.job = [];
    return calls;
  }

  #finish(call: PendingCall): void {
    clearTimeout(call.timer);
    if (call.onAbort) call.signal?.removeEventListener('abort', call.onAbort);
    if (call.onFinish) call.finish?.removeEventListener('abort', call.onFinish);
    this.#inFlight.delete(call.id);
    if (call.lane !== 'start' && this.#busy[call.lane] === call) this.#busy[call.lane] = null;
  }

  #takeReadyWaiters() {
    const waiters = this.#readyWaiters;
    this.#readyWaiters = [];
    return waiters;
  }

  #setStatus(status: BridgeStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.dispatchEvent(new Event('status'));
  }
}
