import type { SerializedError, WorkerReply, WorkerRequest } from './protocol';

/** What a worker method receives besides its arguments: cancellation and a way to report progress. */
export interface CallContext<P> {
  readonly signal: AbortSignal;
  /**
   * Aborted when the caller asks the call to end now and answer with what it has (a `finish` message:
   * training keeps the model as learnt so far). Methods that cannot end early ignore it. serveApi always
   * gives one; tests may leave it out.
   */
  readonly finish?: AbortSignal;
  progress(value: P): void;
}

/**
 * The side of a message channel the worker serves: a DedicatedWorkerGlobalScope (`self`) in the browser,
 * or any fake with the same two methods in tests.
 */
export interface ServedPort {
  postMessage(message: WorkerReply, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** How often a running call proves the worker is alive (the bridge gives up after 20 s of silence). */
export const HEARTBEAT_MS = 2_000;

/** The part of the Web Locks API (`navigator.locks`) the worker uses; absent outside secure contexts. */
export interface LockManagerLike {
  request(name: string, callback: () => Promise<unknown>): Promise<unknown>;
}

type Method = (args: unknown, context: CallContext<unknown>) => unknown;

/**
 * Answers the bridge's requests on `port` by calling `api[method](args, context)`: each call gets its own
 * AbortController (aborted by a `cancel` message) and a `progress` that posts progress replies. A result's
 * ArrayBuffers and typed arrays are transferred, not copied, so api methods must return buffers they no
 * longer need. Whatever a method throws is serialised and posted as an error reply; nothing escapes.
 */
export function serveApi(
  api: object,
  port: ServedPort,
  options: { heartbeatMs?: number; locks?: LockManagerLike | null } = {},
): void {
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const locks = options.locks === undefined ? hostLocks() : options.locks;
  const running = new Map<number, AbortController>();
  /** Each running call's `finish` controller (CallContext.finish). */
  const finishing = new Map<number, AbortController>();
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const post = (reply: WorkerReply, transfer: Transferable[] = []) => {
    try {
      port.postMessage(reply, transfer);
    } catch (error) {
      // A value that cannot be cloned (a bug) still answers the call instead of leaving it hanging.
      if (reply.type === 'result')
        port.postMessage({ id: reply.id, type: 'error', error: serializeError(error) }, []);
      else throw error;
    }
  };

  const run = (id: number, method: string, args: unknown) => {
    const controller = new AbortController();
    const finish = new AbortController();
    let settled = false;
    const context: CallContext<unknown> = {
      signal: controller.signal,
      finish: finish.signal,
      progress: (value) => {
        if (!settled && !controller.signal.aborted) post({ id, type: 'progress', value });
      },
    };
    let value: unknown;
    try {
      const fn = Object.hasOwn(api, method) ? (api as Record<string, unknown>)[method] : undefined;
      if (typeof fn !== 'function') throw new TypeError(`The worker has no method "${method}".`);
      value = (fn as Method).call(api, args, context);
    } catch (error) {
      settled = true;
      post({ id, type: 'error', error: serializeError(error) });
      return;
    }
    if (!isThenable(value)) {
      // A synchronous method (predict, once per keystroke) answers in this same task: no cancel or timer
      // can run before it ends, so it needs no entry in `running`, no heartbeat and no await.
      settled = true;
      post({ id, type: 'result', value }, transferablesIn(value));
      return;
    }
    finishing.set(id, finish);
    void settle(id, value, controller, () => {
      settled = true;
    });
  };

  /** Waits for an asynchronous call, which can be cancelled and keeps the heartbeat going meanwhile. */
  const settle = async (
    id: number,
    pending: PromiseLike<unknown>,
    controller: AbortController,
    markSettled: () => void,
  ) => {
    running.set(id, controller);
    heartbeat ??= setInterval(() => post({ type: 'heartbeat' }), heartbeatMs);
    try {
      const value = await pending;
      // A call that finished after its cancel arrived still reports the cancel: the caller gave up on it.
      controller.signal.throwIfAborted();
      markSettled();
      post({ id, type: 'result', value }, transferablesIn(value));
    } catch (error) {
      markSettled();
      post({ id, type: 'error', error: serializeError(error) });
    } finally {
      running.delete(id);
      finishing.delete(id);
      if (running.size === 0 && heartbeat !== undefined) {
        clearInterval(heartbeat);
        heartbeat = undefined;
      }
    }
  };

  port.addEventListener('message', (event) => {
    const request = event.data as WorkerRequest | null;
    if (typeof request !== 'object' || request === null) return;
    if ('type' in request) {
      if (request.type === 'cancel') {
        running.get(request.id)?.abort(new DOMException('The call was cancelled.', 'AbortError'));
      } else if (request.type === 'finish') {
        finishing.get(request.id)?.abort();
      } else if (request.type === 'hold-lock' && locks) {
        // Held until this worker is gone: the callback's promise never settles.
        void locks.request(request.lock, () => {
          post({ type: 'holding-lock' });
          return new Promise(() => {});
        });
      }
      return;
    }
    void run(request.id, request.method, request.args);
  });
}

function hostLocks(): LockManagerLike | null {
  const host = globalThis as { navigator?: { locks?: LockManagerLike } };
  return host.navigator?.locks ?? null;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Turns anything thrown into the plain object posted to the main thread. */
export function serializeError(error: unknown): SerializedError {
  if (typeof error !== 'object' || error === null) return { name: 'Error', message: String(error) };
  const { name, message, code, row, column } = error as Record<string, unknown>;
  return {
    name: typeof name === 'string' && name !== '' ? name : 'Error',
    message: typeof message === 'string' ? message : String(error),
    // DOMException has a numeric legacy `code`; only string codes (CsvError's) mean something to the UI.
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof row === 'number' ? { row } : {}),
    ...(typeof column === 'string' ? { column } : {}),
  };
}

/**
 * The distinct ArrayBuffers inside a result (directly, or under typed arrays, plain objects and arrays),
 * to transfer instead of copy. Arrays of numbers are skipped quickly: they hold no buffers.
 */
export function transferablesIn(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const visit = (item: unknown, depth: number) => {
    if (typeof item !== 'object' || item === null || depth > 8) return;
    if (item instanceof ArrayBuffer) {
      found.add(item);
    } else if (ArrayBuffer.isView(item)) {
      if (item.buffer instanceof ArrayBuffer) found.add(item.buffer);
    } else if (Array.isArray(item)) {
      if (item.length > 0 && typeof item[0] !== 'object') return;
      for (const element of item) visit(element, depth + 1);
    } else if (Object.getPrototypeOf(item) === Object.prototype) {
      for (const element of Object.values(item)) visit(element, depth + 1);
    }
  };
  visit(value, 0);
  return [...found];
}
