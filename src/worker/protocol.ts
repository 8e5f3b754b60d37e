// The messages that cross between the main thread and the Petal worker (types only). They live in the
// worker's realm because both sides need them and the app realm may import the worker's types, not the other
// way round; `src/app/worker-bridge/protocol.ts` re-exports them for the bridge.

/**
 * An error as it crosses the thread boundary: structured clone drops an Error's class and own fields, so
 * the worker copies the parts the UI shows (`code`, `row` and `column` come from CsvError and friends).
 */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly row?: number;
  readonly column?: string;
}

/** Main thread → worker: run `method` with `args`; every reply carries the same `id`. */
export interface CallRequest {
  readonly id: number;
  readonly method: string;
  readonly args: unknown;
}

/** Main thread → worker: abort call `id` (its AbortSignal fires; the call then ends with an AbortError). */
export interface CancelRequest {
  readonly type: 'cancel';
  readonly id: number;
}

/**
 * Main thread → worker: hold the Web Lock `lock` for as long as you live. The bridge then waits for the same
 * lock: the browser grants it the moment the worker is gone (closed, killed, crashed), with no event at
 * all from the worker, so a dead worker is noticed at once instead of after a silence.
 */
export interface HoldLockRequest {
  readonly type: 'hold-lock';
  readonly lock: string;
}

/**
 * Main thread → worker: end call `id` now and answer with what it has (a training run returns the model as
 * learnt so far: "Stop and keep"). Unlike a cancel, the call still resolves; its `finish` signal fires.
 */
export interface FinishRequest {
  readonly type: 'finish';
  readonly id: number;
}

export type WorkerRequest = CallRequest | CancelRequest | FinishRequest | HoldLockRequest;

export interface ProgressReply {
  readonly id: number;
  readonly type: 'progress';
  readonly value: unknown;
}

export interface ResultReply {
  readonly id: number;
  readonly type: 'result';
  readonly value: unknown;
}

export interface ErrorReply {
  readonly id: number;
  readonly type: 'error';
  readonly error: SerializedError;
}

/**
 * Sent every few seconds while any call is running. The worker's event loop only runs timers between
 * chunks of work, so a heartbeat proves the worker is busy rather than stuck: the bridge's "no message for
 * 20 s" hang check then never fires on a long but healthy training run, yet still fires on a worker stuck in
 * a loop. (An addition to the contract's three reply types; bridges that ignore it lose nothing.)
 */
export interface HeartbeatReply {
  readonly type: 'heartbeat';
}

/** The worker holds the lock asked for in a HoldLockRequest. */
export interface HoldingLockReply {
  readonly type: 'holding-lock';
}

export type WorkerReply = ProgressReply | ResultReply | ErrorReply | HeartbeatReply | HoldingLockReply;
