// What callers of the bridge pass beside a call's arguments, and the states the bridge reports.

/**
 * 'starting': the TF.js backend is not up yet (also before the first call: the worker starts lazily) —
 * model-lane calls already run, jobs wait; 'ready': the backend is up and every call runs; 'restarting': the
 * worker crashed and a new one is starting; 'failed': it crashed too often, or no backend could start.
 * Calls made while 'failed' start a fresh worker.
 */
export type BridgeStatus = 'starting' | 'ready' | 'restarting' | 'failed';

export interface CallOptions<P> {
  /** Receives the method's progress reports (e.g. one EpochProgress per training epoch). */
  readonly onProgress?: (value: P) => void;
  /** Aborting rejects the call at once with an AbortError and tells the worker to stop it. */
  readonly signal?: AbortSignal;
  /**
   * Aborting asks the call to end now and resolve with what it has (a training run: the model as learnt
   * so far, "Stop and keep"); unlike `signal`, the call still resolves or fails as usual. A call not yet
   * running is told as soon as it starts. Methods that cannot end early ignore it.
   */
  readonly finish?: AbortSignal;
  /**
   * Buffers in `args` to transfer rather than copy. Only pass buffers you will not touch again: they are
   * unusable on this side afterwards. (`useModel` bundles are copied whatever this says: the bridge keeps
   * the last one to reload the model after a crash.)
   */
  readonly transfer?: Transferable[];
}
