import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ModelBundle } from '../../core/bundle/bundle-format';
import type { EpochProgress } from '../../core/classifiers/fit-options';
import { networkRun, type RunSettings, type TrainSettings } from '../../core/train-settings';
import { type UseName, withUse } from '../../csv/column-plan';
import type { TrainingPlan } from '../../csv/training-table-builder';
import { estimateTimeLeftMs } from '../shared/time-left';
import { Job, problemOf } from '../shell/job';
import type {
  CallOptions,
  CsvInspection,
  DataSource,
  TrainArgs,
  TrainingSample,
  TrainResult,
} from '../worker-bridge/protocol';
import { imbalanced } from './class-balance';
import { type FinishedRun, type LastRunStorage, readLastRun, rememberRun, type SaveState } from './last-run';
import {
  isTrainable,
  type Revision,
  revisable,
  shownInspection,
  showsData,
  type TrainState,
  trainableData,
} from './train-state';

/** The worker jobs the Train tab runs (see `training-ports.ts` for the adapter over the real bridge). */
export interface TrainingJobs {
  /** Without a plan, the worker plans the columns as their profiles suggest. */
  inspectCsv(
    args: { readonly source: DataSource; readonly plan?: TrainingPlan },
    options: CallOptions<never>,
  ): Promise<CsvInspection>;
  train(args: TrainArgs, options: CallOptions<EpochProgress>): Promise<TrainResult>;
}

/** The registry calls "Keep as new version" needs. */
export interface VersionStore {
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
  requestPersistence(): Promise<boolean> | boolean;
}

export interface TrainingPorts {
  readonly jobs: TrainingJobs;
  readonly store: VersionStore;
  /** Where the last finished run is kept across a reload. */
  readonly lastRun: LastRunStorage;
}

export interface TrainingControllerOptions {
  /** The ports, read at call time because the host's `services` property may be set after construction. */
  readonly ports: () => TrainingPorts | undefined;
  /** Defaults to `requestAnimationFrame`; tests pass a manual scheduler. */
  readonly scheduleFrame?: (callback: () => void) => () => void;
  readonly now?: () => number;
  readonly isoNow?: () => string;
  /**
   * Told about every finished worker call: the error when it failed, null when it worked. The panel turns
   * engine crashes into the shell's global alert (and clears it on the next success).
   */
  readonly onCallSettled?: (error: unknown) => void;
}

export const STOPPED_MESSAGE = 'Training stopped; the active model is unchanged.';

function animationFrame(callback: () => void): () => void {
  const id = requestAnimationFrame(callback);
  return () => cancelAnimationFrame(id);
}

/**
 * The Train tab's state machine. Reads CSVs and trains through the worker, throttles progress to one
 * render per animation frame (a fast run reports hundreds of epochs a second), and keeps a trained model
 * until the user saves it — across a reload too (last-run.ts).
 */
export class TrainingController implements ReactiveController {
  #state: TrainState = { phase: 'idle' };
  readonly #host: ReactiveControllerHost;
  readonly #options: TrainingControllerOptions;
  readonly #inspecting: Job;
  readonly #training: Job;
  #pending: EpochProgress[] = [];
  #cancelFrame: (() => void) | undefined;
  #persistenceRequested = false;
  /** "Stop and keep" of the run in progress: aborting it tells the worker to finish now. */
  #finish: AbortController | undefined;
  /**
   * The last finished run while the phase shows data (other data was chosen after it, or it was read back
   * after a reload); cleared when a new run starts.
   */
  #previous: FinishedRun | null = null;
  #restoreAsked = false;

  constructor(host: ReactiveControllerHost, options: TrainingControllerOptions) {
    this.#host = host;
    this.#options = options;
    this.#inspecting = new Job({ onSettled: options.onCallSettled });
    this.#training = new Job({ busy: 'training', onSettled: options.onCallSettled });
    host.addController(this);
  }

  get state(): TrainState {
    return this.#state;
  }

  /** The finished run to show with its results and Keep: the one just trained, or the last one before. */
  get lastRun(): FinishedRun | null {
    const state = this.#state;
    if (state.phase === 'trained') return state.run;
    return showsData(state.phase) ? this.#previous : null;
  }

  /**
   * Reads the last run back from storage (once; after a reload it shows as it was, Keep included) and
   * returns it, or null. A run started or finished meanwhile wins; a record that cannot be read is ignored.
   */
  async restore(): Promise<FinishedRun | null> {
    const ports = this.#options.ports();
    if (!ports || this.#restoreAsked) return null;
    this.#restoreAsked = true;
    const run = await readLastRun(ports.lastRun);
    if (!run || this.#previous || !showsData(this.#state.phase)) return null;
    this.#previous = run;
    this.#host.requestUpdate();
    return run;
  }

  hostConnected(): void {}

  /** A detached panel is gone for good (Lit discards it): stop work nobody will see. */
  hostDisconnected(): void {
    this.#inspecting.cancel();
    this.#training.cancel();
    this.#cancelFrame?.();
    this.#cancelFrame = undefined;
  }

  /** "Balance classes" as the user set it for the current data; undefined: as the class counts suggest. */
  #balanceChoice: boolean | undefined;

  /**
   * Whether training will weigh the classes equally: the user's choice, else on when the largest class has
   * more than 3× the rows of the smallest (as the worker would decide).
   */
  get balanceClasses(): boolean {
    if (this.#balanceChoice !== undefined) return this.#balanceChoice;
    const counts = shownInspection(this.#state)?.classCounts;
    return counts ? imbalanced(counts) : false;
  }

  /** The user ticked or cleared "Balance classes"; kept until other data is chosen. */
  setBalanceClasses(value: boolean): void {
    this.#balanceChoice = value;
    this.#host.requestUpdate();
  }

  /** Reads freshly chosen data, each column used as its profile suggests. */
  async inspect(source: DataSource): Promise<void> {
    this.#balanceChoice = undefined;
    await this.#read(source);
  }

  /**
   * Uses `column` (its index in the file) as `use` — 'label' moves the label there — and re-reads the data
   * with that plan, which Train then sends. The worker keeps the file's profile, so this is quick. A plan
   * with a problem (no label, a use the values do not allow) goes to `invalid` with the table still shown,
   * so the user can choose again.
   */
  async changeUse(column: number, use: UseName): Promise<void> {
    const current = revisable(this.#state);
    if (!current || column < 0 || column >= current.plan.length || current.plan[column].use === use) return;
    const plan = withUse(current.plan, current.inspection.profiles, column, use);
    await this.#read(current.source, { inspection: current.inspection, plan });
  }

  async #read(source: DataSource, revision?: Revision): Promise<void> {
    const ports = this.#options.ports();
    if (!ports || this.#state.phase === 'training') return;
    this.#set(revision ? { phase: 'inspecting', source, revision } : { phase: 'inspecting', source });
    const outcome = await this.#inspecting.run((signal) =>
      ports.jobs.inspectCsv(revision ? { source, plan: revision.plan } : { source }, { signal }),
    );
    if (outcome.status === 'cancelled') return;
    if (outcome.status === 'failed') {
      // A failed re-read keeps the table on screen, with the plan it last had, beside the message.
      const inspection = revision?.inspection ?? null;
      this.#set({ phase: 'invalid', source, inspection, problem: outcome.problem });
      return;
    }
    const inspection = outcome.value;
    this.#set(
      isTrainable(inspection)
        ? { phase: 'ready', data: { source, inspection } }
        : {
            phase: 'invalid',
            source,
            inspection,
            problem: problemOf(inspection.error ?? { message: 'This file has no usable columns.' }),
          },
    );
  }

  /** Forgets the chosen data (the user switched to "My CSV file" but has not picked one yet). */
  clear(): void {
    if (this.#state.phase === 'training') return;
    this.#inspecting.cancel();
    this.#set({ phase: 'idle' });
  }

  /** Trains on the current data; ignored unless there is valid data and no run in progress. */
  async train(settings: TrainSettings): Promise<void> {
    const ports = this.#options.ports();
    const data = trainableData(this.#state);
    if (!ports || !data || this.#training.running) return;
    const now = this.#options.now ?? (() => performance.now());
    this.#pending = [];
    // A new run replaces the last one on screen (the stored one stays until a new result replaces it).
    this.#previous = null;
    this.#restoreAsked = true;
    const finish = new AbortController();
    this.#finish = finish;
    this.#set({
      phase: 'training',
      data,
      epochs: settings.epochs,
      history: [],
      startedAt: now(),
      timeLeftMs: null,
      finishing: false,
    });
    const outcome = await this.#training.run((signal) =>
      ports.jobs.train(
        {
          source: data.source,
          // The plan the Columns table shows, label included: what was checked is what is trained.
          plan: data.inspection.plan,
          ...withBalance(networkRun(settings), this.balanceClasses),
          createdAt: (this.#options.isoNow ?? (() => new Date().toISOString()))(),
        },
        { signal, finish: finish.signal, onProgress: (progress) => this.#onProgress(progress) },
      ),
    );
    if (this.#finish === finish) this.#finish = undefined;
    const history = this.#state.phase === 'training' ? [...this.#state.history, ...this.#pending] : [];
    this.#dropPending();
    switch (outcome.status) {
      case 'done': {
        const run: FinishedRun = {
          result: outcome.value,
          sourceName: data.source.name,
          save: { status: 'unsaved' },
        };
        this.#set({ phase: 'trained', data, run });
        void rememberRun(ports.lastRun, run);
        return;
      }
      case 'cancelled':
        if (this.#state.phase === 'training') this.#set({ phase: 'stopped', data, history });
        return;
      case 'failed':
        this.#set({ phase: 'failed', data, problem: outcome.problem });
    }
  }

  /** Aborts the running training; the worker stops between batches and nothing is saved. */
  stop(): void {
    this.#training.cancel();
  }

  /**
   * "Stop and keep": ends the running training now and keeps what it learnt. The worker stops before its
   * next batch and returns the model as it is (with early stopping on, its best epoch so far), evaluated on
   * the test rows like any run; the results then offer Keep. Stop still cancels while it finishes.
   */
  finishNow(): void {
    const state = this.#state;
    if (state.phase !== 'training' || state.finishing || !this.#finish) return;
    this.#finish.abort();
    this.#set({ ...state, finishing: true });
  }

  /** Saves the run on show (lastRun) as a new version, which the registry makes active. */
  async keep(): Promise<void> {
    const ports = this.#options.ports();
    const run = this.lastRun;
    if (!ports || !run || run.save.status === 'saving' || run.save.status === 'saved') return;
    this.#setSave(run.result, { status: 'saving' });
    const { result } = run;
    try {
      const saved = await ports.store.save(result.bundle, {
        source: `trained on ${run.sourceName}`,
        sample: result.sample,
        history: result.history,
        testMetrics: result.testMetrics,
      });
      const kept = this.#setSave(result, { status: 'saved', version: saved.version });
      // Stored again, so a reload says it was kept (and offers Keep no more).
      void rememberRun(ports.lastRun, kept ?? { ...run, save: { status: 'saved', version: saved.version } });
      if (!this.#persistenceRequested) {
        this.#persistenceRequested = true;
        // Best effort: the browser may say no, and the storage status in the header shows the outcome.
        Promise.resolve(ports.store.requestPersistence()).catch(() => undefined);
      }
    } catch (error) {
      this.#setSave(result, { status: 'failed', message: problemOf(error).message });
    }
  }

  /** The save state of the run `result` belongs to, if that run is still the one on show or the previous. */
  #setSave(result: TrainResult, save: SaveState): FinishedRun | undefined {
    const state = this.#state;
    if (state.phase === 'trained' && state.run.result === result) {
      const run = { ...state.run, save };
      this.#set({ ...state, run });
      return run;
    }
    if (this.#previous?.result === result) {
      this.#previous = { ...this.#previous, save };
      this.#host.requestUpdate();
      return this.#previous;
    }
    return undefined;
  }

  #onProgress(progress: EpochProgress): void {
    this.#pending.push(progress);
    if (this.#cancelFrame) return;
    this.#cancelFrame = (this.#options.scheduleFrame ?? animationFrame)(() => {
      this.#cancelFrame = undefined;
      this.#flushProgress();
    });
  }

  #flushProgress(): void {
    const state = this.#state;
    if (state.phase !== 'training' || this.#pending.length === 0) return;
    const history = [...state.history, ...this.#pending];
    this.#pending = [];
    const last = history[history.length - 1];
    this.#set({ ...state, epochs: last.epochs, history, timeLeftMs: estimateTimeLeftMs(last) });
  }

  #dropPending(): void {
    this.#cancelFrame?.();
    this.#cancelFrame = undefined;
    this.#pending = [];
  }

  #set(state: TrainState): void {
    // Leaving a trained run for other data: the run stays on show, with its Keep.
    if (this.#state.phase === 'trained' && showsData(state.phase)) this.#previous = this.#state.run;
    this.#state = state;
    this.#host.requestUpdate();
  }
}

/** The run with "Balance classes" as the Train tab shows it. */
function withBalance<T extends { run: RunSettings }>(job: T, balanceClasses: boolean): T {
  return { ...job, run: { ...job.run, balanceClasses } };
}
