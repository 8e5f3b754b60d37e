// A call the bridge has accepted and not yet settled, and the small helpers that settle one.
import type { Lane, Method } from './protocol';

export interface PendingCall {
  readonly id: number;
  readonly method: Method | 'start';
  readonly args: unknown;
  readonly lane: Lane | 'start';
  readonly transfer: Transferable[];
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly onProgress?: (value: unknown) => void;
  readonly signal?: AbortSignal;
  /** CallOptions.finish: when it aborts, the worker is told to end the call with what it has. */
  readonly finish?: AbortSignal;
  /** The bridge's own reload of the last model after a restart: nobody waits for it. */
  readonly internal: boolean;
  onAbort?: () => void;
  onFinish?: () => void;
  /** The caller aborted while the worker was running it: the reply is dropped when it comes. */
  abandoned: boolean;
  /** A job's (or the start's) silence timer. */
  timer?: ReturnType<typeof setTimeout>;
  /** A model-lane call's deadline (`performance.now()` time), checked by the bridge's one model watchdog. */
  deadline?: number;
}

/** The error a cancelled call rejects with, as `fetch` and the DOM do. */
export function abortError(): DOMException {
  return new DOMException('The call was cancelled.', 'AbortError');
}

/** A listener's exception must not break the bridge's bookkeeping; it is rethrown where it can be seen. */
export function invokeSafely(listener: () => void): void {
  try {
    listener();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
