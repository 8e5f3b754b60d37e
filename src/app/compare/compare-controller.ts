import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ModelBundle } from '../../core/bundle/bundle-format';
import type { EpochProgress } from '../../core/classifiers/fit-options';
import type { CompareProgress, CompareResult } from '../../core/compare-classifiers';
import type { PetalApi } from '../../worker/api';
import type { CallOptions, DataSource, TrainArgs, TrainingSample, TrainResult } from '../shell/job-types';

export type CompareArgs = Parameters<PetalApi['crossValidate']>[0];

/** The worker jobs and the registry call the Compare tab needs (see compare-ports.ts for the real ones). */
export interface ComparePorts {
  readonly jobs: {
    crossValidate(args: CompareArgs, options: CallOptions<CompareProgress>): Promise<CompareResult>;
    train(args: TrainArgs, options: CallOptions<EpochProgress>): Promise<TrainResult>;
  };
  readonly store: {
    save(
      bundle: ModelBundle,
      options: { readonly source: string; readonly sample?: TrainingSample },
    ): Promise<{ readonly version: number }>;
  };
}

/** Per row of the results: nothing yet, saving, saved as version N, or why saving failed. */
export type RowSave =
  | { readonly status: 'saving' }
  | { readonly status: 'saved'; readonly version: number }
  | { readonly status: 'failed'; readonly message: string };

export type CompareState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running'; readonly progress: CompareProgress | null; readonly startedAt: number }
  | {
      readonly phase: 'done';
      readonly result: CompareResult;
      readonly source: DataSource;
      /** Keyed by row index. */
      readonly saves: ReadonlyMap<number, RowSave>;
    }
  | { readonly phase: 'failed'; readonly message: string; readonly row?: number; readonly column?: string }
  | { readonly phase: 'stopped' };

export const COMPARE_STOPPED_MESSAGE = 'Comparison cancelled; nothing was saved.';

function messageOf(error: unknown): { message: string; row?: number; column?: string } {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const { message, row, column } = error as { message: unknown; row?: unknown; column?: unknown };
    return {
      message: String(message) || 'Something went wrong.',
      ...(typeof row === 'number' ? { row } : {}),
      ...(typeof column === 'string' ? { column } : {}),
    };
  }
  return { message: String(error) };
}

/**
 * The Compare tab's state: runs the cross-validation job in the worker (progress per fold, Cancel), keeps
 * the results, and saves any row's algorithm as a new version (fitted on the usual train split with the
 * test hold-out, then saved through the registry, which makes it active).
 */
export class CompareController implements ReactiveController {
  #state: CompareState = { phase: 'idle' };
  #abort: AbortController | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #ports: () => ComparePorts | undefined;
  readonly #isoNow: () => string;

  constructor(
    host: ReactiveControllerHost,
    options: { ports: () => ComparePorts | undefined; isoNow?: () => string },
  ) {
    this.#host = host;
    this.#ports = options.ports;
    this.#isoNow = options.isoNow ?? (() => new Date().toISOString());
    host.addController(this);
  }

  get state(): CompareState {
    return this.#state;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  /** Runs the comparison; ignored while one is running. */
  async compare(args: CompareArgs): Promise<void> {
    const ports = this.#ports();
    if (!ports || this.#state.phase === 'running') return;
    const abort = new AbortController();
    this.#abort = abort;
    this.#set({ phase: 'running', progress: null, startedAt: performance.now() });
    try {
      const result = await ports.jobs.crossValidate(args, {
        signal: abort.signal,
        onProgress: (progress) => {
          if (this.#state.phase === 'running') this.#set({ ...this.#state, progress });
        },
      });
      if (abort.signal.aborted) return;
      this.#set({ phase: 'done', result, source: args.source, saves: new Map() });
    } catch (error) {
      this.#set(abort.signal.aborted ? { phase: 'stopped' } : { phase: 'failed', ...messageOf(error) });
    } finally {
      if (this.#abort === abort) this.#abort = undefined;
    }
  }

  /** Cancels the running comparison; the worker stops within a fold. */
  cancel(): void {
    this.#abort?.abort();
  }

  /** Fits row `index`'s algorithm with the usual hold-out and saves it as a new, active version. */
  async save(index: number, label?: string): Promise<void> {
    const ports = this.#ports();
    const state = this.#state;
    if (!ports || state.phase !== 'done') return;
    const current = state.saves.get(index);
    if (current?.status === 'saving' || current?.status === 'saved') return;
    const score = state.result.scores[index];
    if (!score) return;
    this.#setSave(state.result, index, { status: 'saving' });
    try {
      const trained = await ports.jobs.train(
        {
          source: state.source,
          ...(label === undefined ? {} : { label }),
          spec: score.spec,
          run: {},
          createdAt: this.#isoNow(),
        },
        {},
      );
      const saved = await ports.store.save(trained.bundle, {
        source: `${score.name}, from Compare on ${state.source.name}`,
        sample: trained.sample,
      });
      this.#setSave(state.result, index, { status: 'saved', version: saved.version });
    } catch (error) {
      this.#setSave(state.result, index, { status: 'failed', message: messageOf(error).message });
    }
  }

  #setSave(result: CompareResult, index: number, save: RowSave): void {
    const state = this.#state;
    if (state.phase !== 'done' || state.result !== result) return;
    const saves = new Map(state.saves);
    saves.set(index, save);
    this.#set({ ...state, saves });
  }

  #set(state: CompareState): void {
    this.#state = state;
    this.#host.requestUpdate();
  }
}
