import type { SerializedError, WorkerReply, WorkerRequest } from './protocol';

/** What a worker method receives besides its arguments: cancellation and a way to report progress. */
export interface CallContext<P> {
  readonly signal: AbortSignal;
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

type Method = (args: unknown, context: CallContext<unknown>) => unknown;

/**
 * Answers the bridge's requests on `port` by calling `api[method](args, context)`: each call gets its own
 * AbortController (aborted by a `cancel` message) and a `progress` that posts progress replies. A result's
 * ArrayBuffers and typed arrays are transferred, not copied, so api methods must return buffers they no
 * longer need. Whatever a method throws is serialised and posted as an error reply; nothing escapes.
 */
export function serveApi(api: object, port: ServedPort, options: { heartbeatMs?: number } = {}): void {
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const running = new Map<number, AbortController>();
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

  const run = async (id: number, method: string, args: unknown) => {
    const controller = new AbortController();
    running.set(id, controller);
    heartbeat ??= setInterval(() => post({ type: 'heartbeat' }), heartbeatMs);
    let settled = false;
    try {
      const fn = Object.hasOwn(api, method) ? (api as Record<string, unknown>)[method] : undefined;
      if (typeof fn !== 'function') throw new TypeError(`The worker has no method "${method}".`);
      const context: CallContext<unknown> = {
        signal: controller.signal,
        progress: (value) => {
          if (!settled && !controller.signal.aborted) post({ id, type: 'progress', value });
        },
      };
      const value = await (fn as Method).call(api, args, context);
      // A call that finished after its cancel arrived still reports the cancel: the caller gave up on it.
      controller.signal.throwIfAborted();
      settled = true;
      post({ id, type: 'result', value }, transferablesIn(value));
    } catch (error) {
      settled = true;
      post({ id, type: 'error', error: serializeError(error) });
    } finally {
      running.delete(id);
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
      }
      return;
    }
    void run(request.id, request.method, request.args);
  });
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
