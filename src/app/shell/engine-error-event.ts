/** The event name of {@link EngineErrorEvent}. */
export const ENGINE_ERROR_EVENT = 'petal-engine-error';

/**
 * Raised by a panel when a worker call failed because the engine itself failed (a `WorkerCrashedError`),
 * or with `error: null` when a later call succeeded. It bubbles out of shadow roots to `<petal-app>`,
 * which shows the message in its global `role="alert"` area.
 */
export class EngineErrorEvent extends Event {
  /** The readable failure, or null to clear the message. */
  readonly error: Error | null;

  constructor(error: Error | null) {
    super(ENGINE_ERROR_EVENT, { bubbles: true, composed: true });
    this.error = error;
  }
}

/** True for the errors the bridge raises when the worker crashed or stopped answering. */
export function isEngineFailure(error: unknown): error is Error {
  return error instanceof Error && error.name === 'WorkerCrashedError';
}

/**
 * What a panel does with the outcome of each worker call (its error, or null when it worked): an engine
 * failure raises an EngineErrorEvent on `target`, and the next call that works clears the message that
 * raised. Calls that failed for other reasons (a bad file) are the panel's own to show.
 */
export function engineFailureReporter(target: EventTarget): (error: unknown) => void {
  let reported = false;
  return (error) => {
    if (isEngineFailure(error)) {
      reported = true;
      target.dispatchEvent(new EngineErrorEvent(error));
    } else if (error === null && reported) {
      reported = false;
      target.dispatchEvent(new EngineErrorEvent(null));
    }
  };
}

declare global {
  interface HTMLElementEventMap {
    [ENGINE_ERROR_EVENT]: EngineErrorEvent;
  }
}
