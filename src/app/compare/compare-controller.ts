import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ModelBundle } from '../../core/bundle/bundle-format';
import type { EpochProgress } from '../../core/classifiers/fit-options';
import type { CompareProgress, CompareResult } from '../../core/compare-classifiers';
import type { TrainingPlan } from '../../csv/training-table-builder';
import { Job, type Problem } from '../shell/job';
import type {
  CallOptions,
  CompareJobArgs,
  DataSource,
  TrainArgs,
  TrainingSample,
  TrainResult,
} from '../worker-bridge/protocol';

export type CompareArgs = CompareJobArgs;

/** The worker jobs and the registry call the Compare tab needs (see compare-ports.ts for the real ones). */
export interface ComparePorts {
  readonly jobs: {
    crossValidate(args: CompareArgs, options: CallOptions<CompareProgress>): Promise<CompareResult>;
    train(args: TrainArgs, options: CallOptions<EpochProgress>): Promise<TrainResult>;
  };
  readonly store: {
    save(
      bundle: ModelBundle,
      options: {
        readonly source: string;
        readonly sample?: TrainingSample;
        /** The curves and the full test metrics, for the version's details in the Models tab. */
        readonly history?: readonly EpochProgress[];
        readonly testMetrics?: TrainResult['testMetrics'];
      },
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
      /** How the columns were used, when not by default: a saved model is trained the same way. */
      readonly plan?: TrainingPlan;
      /** Keyed by row index. */
      readonly saves: ReadonlyMap<number, RowSave>;
    }
  | { readonly phase: 'failed'; readonly problem: Problem }
  | { readonly phase: 'stopped' };

export const COMPARE_STOPPED_MESSAGE = 'Comparison cancelled; nothing was saved.';

/**
 * The Compare tab's state: runs the cross-validation job in the worker (progress per fold, Cancel), keeps
 * the results, and saves any row's algorithm as a new version (fitted on the usual train split with the
 * test hold-out, then saved through the registry, which makes it active).
 */
export class CompareController implements ReactiveController {
  #state: CompareState = { phase: 'idle' };
  readonly #comparing: Job;
  readonly #host: ReactiveControllerHost;
  readonly #ports: () => ComparePorts | undefined;
  readonly #isoNow: () => string;
  readonly #onCallSettled: ((error: unknown) => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    options: {
      ports: () => ComparePorts | undefined;
      isoNow?: () => string;
      /** Told how each worker call ended, so an engine crash reaches the shell (see Job). */
      onCallSettled?: (error: unknown) => void;
    },
  ) {
    this.#host = host;
    this.#ports = options.ports;
    this.#isoNow = options.isoNow ?? (() => new Date().toISOString());
    this.#onCallSettled = options.onCallSettled;
    this.#comparing = new Job({ busy: 'comparing', onSettled: options.onCallSettled });
    host.addController(this);
  }

  get state(): CompareState {
    return this.#state;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#comparing.cancel();
  }

  /** Runs the comparison; ignored while one is running. */
  async compare(args: CompareArgs): Promise<void> {
    const ports = this.#ports();
    if (!ports || this.#state.phase === 'running') return;
    this.#set({ phase: 'running', progress: null, startedAt: performance.now() });
    const outcome = await this.#comparing.run((signal) =>
      ports.jobs.crossValidate(args, {
        signal,
        onProgress: (progress) => {
          if (this.#state.phase === 'running') this.#set({ ...this.#state, progress });
        },
      }),
    );
    switch (outcome.status) {
      case 'done':
        this.#set({
          phase: 'done',
          result: outcome.value,
          source: args.source,
          ...(args.plan ? { plan: args.plan } : {}),
          saves: new Map(),
        });
        return;
      case 'cancelled':
        this.#set({ phase: 'stopped' });
        return;
      case 'failed':
        this.#set({ phase: 'failed', problem: outcome.problem });
    }
  }

  /** Cancels the running comparison; the worker stops within a fold. */
  cancel(): void {
    this.#comparing.cancel();
  }

  /**
   * Fits row `index`'s algorithm with the usual hold-out and saves it as a new, active version. Each save
   * is a job of its own (several rows may be saved one after another); it trains, so the app is busy. The
   * model is trained as its row was compared: the same columns' uses and the same class balancing.
   */
  async save(index: number): Promise<void> {
    const ports = this.#ports();
    const state = this.#state;
    if (!ports || state.phase !== 'done') return;
    const current = state.saves.get(index);
    if (current?.status === 'saving' || current?.status === 'saved') return;
    const score = state.result.scores[index];
    if (!score) return;
    this.#setSave(state.result, index, { status: 'saving' });
    const saving = new Job({ busy: 'training', onSettled: this.#onCallSettled });
    const outcome = await saving.run(async (signal) => {
      const trained = await ports.jobs.train(
        {
          source: state.source,
          ...(state.plan ? { plan: state.plan } : {}),
          spec: score.spec,
          run: { balanceClasses: state.result.balanceClasses },
          createdAt: this.#isoNow(),
        },
        { signal },
      );
      return ports.store.save(trained.bundle, {
        source: `${score.name}, from Compare on ${state.source.name}`,
        sample: trained.sample,
        // Kept beside the version, so its details show its curves and confusion matrix as Train's do.
        history: trained.history,
        testMetrics: trained.testMetrics,
      });
    });
    this.#setSave(
      state.result,
      index,
      outcome.status === 'done'
        ? { status: 'saved', version: outcome.value.version }
        : { status: 'failed', message: outcome.status === 'failed' ? outcome.problem.message : 'Cancelled.' },
    );
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
