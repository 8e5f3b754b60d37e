// The one skeleton of the long worker jobs the tabs run (reading a CSV, training, comparing, scoring): each
// has a cancel, holds the "Update ready" prompt back while it runs, reports whether the engine itself
// failed, and turns any failure into one message for the user.
import { markBusy } from '../pwa/busy';

/** A message to show, with the row and column when the problem is in a CSV. */
export interface Problem {
  readonly message: string;
  readonly row?: number;
  readonly column?: string;
}

/** How a job ended: its value, a cancel (by the user or by a newer run), or a failure to show. */
export type JobOutcome<T> =
  | { readonly status: 'done'; readonly value: T }
  | { readonly status: 'cancelled' }
  | { readonly status: 'failed'; readonly problem: Problem };

/** Anything thrown (an Error, a worker's serialized error, a string) as a Problem for the user. */
export function problemOf(error: unknown): Problem {
  if (error === undefined || error === null) return { message: 'Something went wrong.' };
  if (typeof error !== 'object') return { message: String(error) || 'Something went wrong.' };
  const { message, row, column } = error as { message?: unknown; row?: unknown; column?: unknown };
  return {
    message: (message === undefined ? '' : String(message)) || 'Something went wrong.',
    ...(typeof row === 'number' ? { row } : {}),
    ...(typeof column === 'string' ? { column } : {}),
  };
}

export interface JobOptions {
  /**
   * While a run is in progress the app counts as busy with this reason (the update prompt waits for it);
   * omit for short jobs such as reading a file's head.
   */
  readonly busy?: string;
  /**
   * Told how every run that was not cancelled ended: the error when it failed, null when it worked. The
   * panels pass `engineFailureReporter`, which shows an engine crash in the shell's alert and clears it.
   */
  readonly onSettled?: (error: unknown) => void;
}

/**
 * One kind of job of a controller, at most one run at a time: a new run cancels the one before (the user
 * chose another file, say). `run` never throws: it returns the outcome for the controller's state.
 */
export class Job {
  #abort: AbortController | undefined;
  readonly #options: JobOptions;

  constructor(options: JobOptions = {}) {
    this.#options = options;
  }

  /** True while a run is in progress. */
  get running(): boolean {
    return this.#abort !== undefined;
  }

  async run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<JobOutcome<T>> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const done = this.#options.busy === undefined ? () => {} : markBusy(this.#options.busy);
    try {
      const value = await work(abort.signal);
      abort.signal.throwIfAborted();
      this.#options.onSettled?.(null);
      return { status: 'done', value };
    } catch (error) {
      if (abort.signal.aborted) return { status: 'cancelled' };
      this.#options.onSettled?.(error);
      return { status: 'failed', problem: problemOf(error) };
    } finally {
      done();
      if (this.#abort === abort) this.#abort = undefined;
    }
  }

  /** Cancels the run in progress, if any: its `run` resolves with 'cancelled'. */
  cancel(): void {
    this.#abort?.abort();
  }
}
