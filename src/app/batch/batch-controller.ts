import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ScoreProgress } from '../../score/score-csv';
import { Job, type Problem } from '../shell/job';
import type { CallOptions, ScoreFileInspection, ScoreResult } from '../worker-bridge/protocol';
import { type BatchModel, inspectionProblem } from './batch-model';

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

/** A file read and matched to a model's columns: the model is the one the worker had loaded for it. */
interface Checked {
  readonly chosen: ChosenFile;
  readonly inspection: ScoreFileInspection;
  /** The model that read the file (and that scores it, or scored it). */
  readonly model: BatchModel;
}

/**
 * idle → inspecting → ready | invalid → scoring → scored | failed | cancelled. Choosing a file starts over
 * from any phase but `scoring`; from ready, scored, failed and cancelled, Score runs again on the same file.
 * Another active model reads the file again (from any phase but `scoring`), so what is shown is always
 * what that model makes of it.
 */
export type BatchState =
  | { readonly phase: 'idle' }
  /** `model` is null while a model is still being loaded: the file is read once it is. */
  | { readonly phase: 'inspecting'; readonly chosen: ChosenFile; readonly model: BatchModel | null }
  | {
      readonly phase: 'invalid';
      readonly chosen: ChosenFile;
      readonly inspection: ScoreFileInspection | null;
      readonly model: BatchModel;
      readonly problem: Problem;
    }
  | ({ readonly phase: 'ready' } & Checked)
  | ({
      readonly phase: 'scoring';
      /** The latest progress, null until the first report. */
      readonly progress: ScoreProgress | null;
    } & Checked)
  | ({ readonly phase: 'scored'; readonly result: ScoreResult } & Checked)
  | ({ readonly phase: 'failed'; readonly problem: Problem } & Checked)
  | ({ readonly phase: 'cancelled' } & Checked);

export type BatchPhase = BatchState['phase'];

export const CANCELLED_MESSAGE = 'Scoring cancelled; no scored file was kept.';

export interface BatchControllerOptions {
  /** Read at call time: the host's `services` may arrive after construction. */
  readonly jobs: () => BatchJobs | undefined;
  /**
   * The model loaded in the worker, which inspecting and scoring use; null while one is being loaded.
   * Read at every host update: a change reads the chosen file again.
   */
  readonly model: () => BatchModel | null;
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
  /** The model id seen at the last host update: a change reads the chosen file again. */
  #modelId: string | null = null;

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

  /** The model loaded in the worker now (null while one is being loaded). */
  model(): BatchModel | null {
    return this.#options.model();
  }

  hostConnected(): void {}

  /**
   * The tab is open: the user will likely score a file soon, so the worker gets ready while they choose.
   * Asked at the first update that has a bridge (a Lit host's properties are only set by its first update).
   */
  hostUpdate(): void {
    this.#followModel();
    if (this.#prepared) return;
    const jobs = this.#options.jobs();
    if (!jobs) return;
    this.#prepared = true;
    jobs.prepare().catch(() => {});
  }

  /**
   * Another model became active (picked here or in another tab): the file is read again with it, dropping
   * what the previous model made of it. While scoring, the run keeps its model (the worker scores with the
   * model it started with) and Score reads the file again before the next run.
   */
  #followModel(): void {
    const id = this.#options.model()?.id ?? null;
    if (id === this.#modelId) return;
    this.#modelId = id;
    const state = this.#state;
    if (id === null || state.phase === 'idle' || state.phase === 'scoring') return;
    if (state.phase === 'inspecting' ? state.model?.id !== id : state.model.id !== id) {
      void this.choose(state.chosen);
    }
  }

  /** A detached panel is gone for good: stop work nobody will see. */
  hostDisconnected(): void {
    this.#inspecting.cancel();
    this.#scoring.cancel();
  }

  /**
   * Reads the head of a newly chosen file with the loaded model (once one is loaded). Ignored while
   * scoring.
   */
  async choose(chosen: ChosenFile): Promise<void> {
    const jobs = this.#options.jobs();
    if (!jobs || this.#state.phase === 'scoring') return;
    const model = this.#options.model();
    this.#set({ phase: 'inspecting', chosen, model });
    if (!model) {
      // #followModel reads it when the model is in.
      this.#inspecting.cancel();
      return;
    }
    const outcome = await this.#inspecting.run((signal) => jobs.inspectScoreFile(chosen, { signal }));
    if (outcome.status === 'cancelled') return;
    if (outcome.status === 'failed') {
      this.#set({ phase: 'invalid', chosen, inspection: null, model, problem: outcome.problem });
      return;
    }
    const inspection = outcome.value;
    this.#set(
      inspection.error || !inspection.mapping
        ? { phase: 'invalid', chosen, inspection, model, problem: inspectionProblem(inspection, model) }
        : { phase: 'ready', chosen, inspection, model },
    );
  }

  /**
   * Scores the current file; ignored unless it was read and mapped, a model is loaded and nothing is
   * running. A file read by another model than the loaded one is read again first.
   */
  async score(): Promise<void> {
    const jobs = this.#options.jobs();
    const current = this.#options.model();
    const before = this.#state;
    if (!jobs || !current || !canScore(before)) return;
    if (before.model.id !== current.id) await this.choose(before.chosen);
    const state = this.#state;
    if (!canScore(state)) return;
    const { chosen, inspection, model } = state;
    this.#set({ phase: 'scoring', chosen, inspection, model, progress: null });
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
        this.#set({ phase: 'scored', chosen, inspection, model, result: outcome.value });
        return;
      case 'cancelled':
        if (this.#state.phase === 'scoring') this.#set({ phase: 'cancelled', chosen, inspection, model });
        return;
      case 'failed':
        this.#set({ phase: 'failed', chosen, inspection, model, problem: outcome.problem });
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
