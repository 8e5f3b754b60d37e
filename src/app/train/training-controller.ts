import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ModelBundle } from '../../core/bundle/bundle-format';
import type { EpochProgress } from '../../core/classifiers/fit-options';
import type { Schema } from '../../core/schema';
import { networkRun, type RunSettings, type TrainSettings } from '../../core/train-settings';
import { type UseName, withUse } from '../../csv/column-plan';
import type { TrainingPlan } from '../../csv/training-table-builder';
import { estimateTimeLeftMs } from '../shared/time-left';
import { Job, type Problem, problemOf } from '../shell/job';
import type {
  CallOptions,
  CsvInspection,
  DataSource,
  TrainArgs,
  TrainingSample,
  TrainResult,
} from '../worker-bridge/protocol';
import { imbalanced } from './class-balance';

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
    options: { readonly source: string; readonly sample?: TrainingSample },
  ): Promise<{ readonly version: number }>;
  requestPersistence(): Promise<boolean> | boolean;
}

export interface TrainingPorts {
  readonly jobs: TrainingJobs;
  readonly store: VersionStore;
}

/** An inspection training can start from: no problem, a plan (with its label) and the label's classes. */
export type TrainableInspection = CsvInspection & {
  readonly plan: TrainingPlan;
  readonly schema: Schema;
  readonly classCounts: number[];
  readonly error: null;
};

function isTrainable(inspection: CsvInspection): inspection is TrainableInspection {
  return (
    inspection.error === null &&
    inspection.plan !== null &&
    inspection.schema !== null &&
    inspection.classCounts !== null
  );
}

/** A data source that was read, with the plan it was read with (the one Train sends). */
export interface InspectedData {
  readonly source: DataSource;
  readonly inspection: TrainableInspection;
}

/**
 * A change of the columns' uses being checked by the worker: the inspection on screen (the Columns table
 * stays up, so the menu the user just used keeps its focus) and the plan asked for (a further change
 * builds on it, not on the plan of the inspection on screen).
 */
export interface Revision {
  readonly inspection: CsvInspection;
  readonly plan: TrainingPlan;
}

export type { Problem } from '../shell/job';

export type SaveState =
  | { readonly status: 'unsaved' }
  | { readonly status: 'saving' }
  | { readonly status: 'saved'; readonly version: number }
  | { readonly status: 'failed'; readonly message: string };

/**
 * idle → inspecting → ready | invalid → training → trained | failed | stopped. From any state but
 * `training`, choosing data goes back to `inspecting`, and so does changing a column's use once the data
 * has been read (then with a `revision`); from ready, trained, failed and stopped, Train starts again with
 * the same data.
 */
export type TrainState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'inspecting'; readonly source: DataSource; readonly revision?: Revision }
  | { readonly phase: 'ready'; readonly data: InspectedData }
  | {
      readonly phase: 'invalid';
      readonly source: DataSource;
      readonly inspection: CsvInspection | null;
      readonly problem: Problem;
    }
  | {
      readonly phase: 'training';
      readonly data: InspectedData;
      readonly epochs: number;
      /** One entry per finished epoch, oldest first. */
      readonly history: readonly EpochProgress[];
      /** `performance.now()` when Train was pressed. */
      readonly startedAt: number;
      readonly timeLeftMs: number | null;
    }
  | {
      readonly phase: 'trained';
      readonly data: InspectedData;
      readonly result: TrainResult;
      readonly save: SaveState;
    }
  | { readonly phase: 'failed'; readonly data: InspectedData; readonly problem: Problem }
  | { readonly phase: 'stopped'; readonly data: InspectedData; readonly history: readonly EpochProgress[] };

export type TrainPhase = TrainState['phase'];

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

/** The data a state was built on, when there is one that can be trained on. */
export function trainableData(state: TrainState): InspectedData | undefined {
  switch (state.phase) {
    case 'ready':
    case 'trained':
    case 'failed':
    case 'stopped':
      return state.data;
    default:
      return undefined;
  }
}

/** The latest inspection to show (preview, columns, classes), whatever the phase. */
export function shownInspection(state: TrainState): CsvInspection | null {
  if (state.phase === 'invalid') return state.inspection;
  if (state.phase === 'inspecting') return state.revision?.inspection ?? null;
  if (state.phase === 'idle') return null;
  return state.data.inspection;
}

/** What a change of a column's use starts from: the data, its profiles and the latest plan; none while training. */
function revisable(state: TrainState): (Revision & { readonly source: DataSource }) | undefined {
  switch (state.phase) {
    case 'inspecting':
      return state.revision && { source: state.source, ...state.revision };
    case 'invalid': {
      const { inspection } = state;
      return inspection?.plan ? { source: state.source, inspection, plan: inspection.plan } : undefined;
    }
    case 'idle':
    case 'training':
      return undefined;
    default:
      return {
        source: state.data.source,
        inspection: state.data.inspection,
        plan: state.data.inspection.plan,
      };
  }
}

/**
 * The Train tab's state machine. Reads CSVs and trains through the worker, throttles progress to one
 * render per animation frame (a fast run reports hundreds of epochs a second), and keeps a trained model
 * until the user saves it.
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
    this.#set({
      phase: 'training',
      data,
      epochs: settings.epochs,
      history: [],
      startedAt: now(),
      timeLeftMs: null,
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
        { signal, onProgress: (progress) => this.#onProgress(progress) },
      ),
    );
    const history = this.#state.phase === 'training' ? [...this.#state.history, ...this.#pending] : [];
    this.#dropPending();
    switch (outcome.status) {
      case 'done':
        this.#set({ phase: 'trained', data, result: outcome.value, save: { status: 'unsaved' } });
        return;
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

  /** Saves the trained model as a new version, which the registry makes active. */
  async keep(): Promise<void> {
    const ports = this.#options.ports();
    const state = this.#state;
    if (
      !ports ||
      state.phase !== 'trained' ||
      state.save.status === 'saving' ||
      state.save.status === 'saved'
    ) {
      return;
    }
    this.#set({ ...state, save: { status: 'saving' } });
    try {
      const saved = await ports.store.save(state.result.bundle, {
        source: `trained on ${state.data.source.name}`,
        sample: state.result.sample,
      });
      this.#setIfCurrent(state.result, { status: 'saved', version: saved.version });
      if (!this.#persistenceRequested) {
        this.#persistenceRequested = true;
        // Best effort: the browser may say no, and the storage status in the header shows the outcome.
        Promise.resolve(ports.store.requestPersistence()).catch(() => undefined);
      }
    } catch (error) {
      this.#setIfCurrent(state.result, { status: 'failed', message: problemOf(error).message });
    }
  }

  #setIfCurrent(result: TrainResult, save: SaveState): void {
    const state = this.#state;
    if (state.phase === 'trained' && state.result === result) this.#set({ ...state, save });
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
    this.#state = state;
    this.#host.requestUpdate();
  }
}

/** The run with "Balance classes" as the Train tab shows it. */
function withBalance<T extends { run: RunSettings }>(job: T, balanceClasses: boolean): T {
  return { ...job, run: { ...job.run, balanceClasses } };
}
