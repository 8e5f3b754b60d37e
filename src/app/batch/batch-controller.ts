import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ScoreProgress } from '../../score/score-csv';
import { Job, type Problem, problemOf } from '../shell/job';
import type { CallOptions, ScoreFileInspection, ScoreResult } from '../worker-bridge/protocol';

/** A file the user chose or dropped. */
export interface ChosenFile {
  readonly file: Blob;
  readonly name: string;
}

/** The worker jobs the Batch tab runs (`batchJobs` adapts the real bridge). */
export interface BatchJobs {
  /** Gets the worker ready to score (it warms up its scoring code); returns at once. */
  prepare(): Promise<void>;
  inspectScoreFile(args: ChosenFile, options: CallOptions<never>): Promise<ScoreFileInspection>;
  score(args: ChosenFile, options: CallOptions<ScoreProgress>): Promise<ScoreResult>;
}

/**
 * idle → inspecting → ready | invalid → scoring → scored | failed | cancelled. Choosing a file starts over
 * from any phase but `scoring`; from ready, scored, failed and cancelled, Score runs again on the same file.
 */
export type BatchState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'inspecting'; readonly chosen: ChosenFile }
  | {
      readonly phase: 'invalid';
      readonly chosen: ChosenFile;
      readonly inspection: ScoreFileInspection | null;
      readonly problem: Problem;
    }
  | { readonly phase: 'ready'; readonly chosen: ChosenFile; readonly inspection: ScoreFileInspection }
  | {
      readonly phase: 'scoring';
      readonly chosen: ChosenFile;
      readonly inspection: ScoreFileInspection;
      /** The latest progress, null until the first report. */
      readonly progress: ScoreProgress | null;
    }
  | {
      readonly phase: 'scored';
      readonly chosen: ChosenFile;
      readonly inspection: ScoreFileInspection;
      readonly result: ScoreResult;
    }
  | {
      readonly phase: 'failed';
      readonly chosen: ChosenFile;
      readonly inspection: ScoreFileInspection;
      readonly problem: Problem;
    }
  | { readonly phase: 'cancelled'; readonly chosen: ChosenFile; readonly inspection: ScoreFileInspection };

export type BatchPhase = BatchState['phase'];

export const CANCELLED_MESSAGE = 'Scoring cancelled; no scored file was kept.';

export interface BatchControllerOptions {
  /** Read at call time: the host's `services` may arrive after construction. */
  readonly jobs: () => BatchJobs | undefined;
  /** Told about every finished worker call (the error, or null) so engine crashes reach the shell. */
  readonly onCallSettled?: (error: unknown) => void;
  /**
   * Resolves once the page has drawn the 'scoring' state; the job starts after it. Scoring a large file
   * keeps both cores busy, and the frame that answers the click (with the file's columns often drawn in
   * the same frame) then took over 50 ms on a 2-core machine now and then.
   */
  readonly afterPaint?: () => Promise<void>;
}

/** True in the phases where Score can (re)start. */
export function canScore(
  state: BatchState,
): state is Extract<BatchState, { phase: 'ready' | 'scored' | 'failed' | 'cancelled' }> {
  return (
    state.phase === 'ready' ||
    state.phase === 'scored' ||
    state.phase === 'failed' ||
    state.phase === 'cancelled'
  );
}

/**
 * The Batch tab's state machine: reads the head of a chosen file (preview and column mapping), scores it
 * through the worker with progress and cancel, and keeps the result (summary, Blob, first rows).
 */
export class BatchController implements ReactiveController {
  #state: BatchState = { phase: 'idle' };
  readonly #host: ReactiveControllerHost;
  readonly #options: BatchControllerOptions;
  readonly #inspecting: Job;
  readonly #scoring: Job;
  #prepared = false;

  constructor(host: ReactiveControllerHost, options: BatchControllerOptions) {
    this.#host = host;
    this.#options = options;
    this.#inspecting = new Job({ onSettled: options.onCallSettled });
    this.#scoring = new Job({ busy: 'scoring', onSettled: options.onCallSettled });
    host.addController(this);
  }

  get state(): BatchState {
    return this.#state;
  }

  hostConnected(): void {}

  /**
   * The tab is open: the user will likely score a file soon, so the worker gets ready while they choose.
   * Asked at the first update that has a bridge (a Lit host's properties are only set by its first update).
   */
  hostUpdate(): void {
    if (this.#prepared) return;
    const jobs = this.#options.jobs();
    if (!jobs) return;
    this.#prepared = true;
    jobs.prepare().catch(() => {});
  }

  /** A detached panel is gone for good: stop work nobody will see. */
  hostDisconnected(): void {
    this.#inspecting.cancel();
    this.#scoring.cancel();
  }

  /** Reads the head of a newly chosen file. Ignored while scoring. */
  async choose(chosen: ChosenFile): Promise<void> {
    const jobs = this.#options.jobs();
    if (!jobs || this.#state.phase === 'scoring') return;
    this.#set({ phase: 'inspecting', chosen });
    const outcome = await this.#inspecting.run((signal) => jobs.inspectScoreFile(chosen, { signal }));
    if (outcome.status === 'cancelled') return;
    if (outcome.status === 'failed') {
      this.#set({ phase: 'invalid', chosen, inspection: null, problem: outcome.problem });
      return;
    }
    const inspection = outcome.value;
    this.#set(
      inspection.error || !inspection.mapping
        ? {
            phase: 'invalid',
            chosen,
            inspection,
            problem: problemOf(inspection.error ?? 'This file cannot be scored.'),
          }
        : { phase: 'ready', chosen, inspection },
    );
  }

  /** Scores the current file; ignored unless it was read and mapped and nothing is running. */
  async score(): Promise<void> {
    const jobs = this.#options.jobs();
    const state = this.#state;
    if (!jobs || !canScore(state)) return;
    const { chosen, inspection } = state;
    this.#set({ phase: 'scoring', chosen, inspection, progress: null });
    const outcome = await this.#scoring.run(async (signal) => {
      if (this.#options.afterPaint) {
        await this.#options.afterPaint();
        signal.throwIfAborted();
      }
      return jobs.score(chosen, {
        signal,
        onProgress: (progress) => {
          if (this.#state.phase === 'scoring' && !signal.aborted) this.#set({ ...this.#state, progress });
        },
      });
    });
    switch (outcome.status) {
      case 'done':
        this.#set({ phase: 'scored', chosen, inspection, result: outcome.value });
        return;
      case 'cancelled':
        if (this.#state.phase === 'scoring') this.#set({ phase: 'cancelled', chosen, inspection });
        return;
      case 'failed':
        this.#set({ phase: 'failed', chosen, inspection, problem: outcome.problem });
    }
  }

  /** Cancels the running score: the worker stops at its next step and drops what it wrote. */
  cancel(): void {
    this.#scoring.cancel();
  }

  #set(state: BatchState): void {
    this.#state = state;
    this.#host.requestUpdate();
  }
}
