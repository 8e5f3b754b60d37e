import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ModelBundle } from '../../core/bundle/bundle-format';
import type { EpochProgress } from '../../core/classifiers/fit-options';
import { networkRun, type TrainSettings } from '../../core/train-settings';
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

/** The worker jobs the Train tab runs (see `training-ports.ts` for the adapter over the real bridge). */
export interface TrainingJobs {
  inspectCsv(
    args: { readonly source: DataSource; readonly label?: string },
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

/** A data source that was read, with the label column it was read with. */
export interface InspectedData {
  readonly source: DataSource;
  readonly inspection: CsvInspection;
}

export type { Problem } from '../shell/job';

export type SaveState =
  | { readonly status: 'unsaved' }
  | { readonly status: 'saving' }
  | { readonly status: 'saved'; readonly version: number }
  | { readonly status: 'failed'; readonly message: string };

/**
 * idle → inspecting → ready | invalid → training → trained | failed | stopped. From any state but
 * `training`, choosing data goes back to `inspecting`; from ready, trained, failed and stopped, Train starts
 * again with the same data.
 */
export type TrainState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'inspecting'; readonly source: DataSource }
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

/** The latest inspection to show (preview, schema), whatever the phase. */
export function shownInspection(state: TrainState): CsvInspection | null {
  if (state.phase === 'invalid') return state.inspection;
  if (state.phase === 'idle' || state.phase === 'inspecting') return null;
  return state.data.inspection;
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

  /** Reads `source` (a fresh choice of data, or the same with another label column). */
  async inspect(source: DataSource, label?: string): Promise<void> {
    const ports = this.#options.ports();
    if (!ports || this.#state.phase === 'training') return;
    this.#set({ phase: 'inspecting', source });
    const outcome = await this.#inspecting.run((signal) =>
      ports.jobs.inspectCsv(label === undefined ? { source } : { source, label }, { signal }),
    );
    if (outcome.status === 'cancelled') return;
    if (outcome.status === 'failed') {
      this.#set({ phase: 'invalid', source, inspection: null, problem: outcome.problem });
      return;
    }
    const inspection = outcome.value;
    this.#set(
      inspection.error || !inspection.schema
        ? {
            phase: 'invalid',
            source,
            inspection,
            problem: problemOf(inspection.error ?? { message: 'This file has no usable columns.' }),
          }
        : { phase: 'ready', data: { source, inspection } },
    );
  }

  /** Forgets the chosen data (the user switched to "My CSV file" but has not picked one yet). */
  clear(): void {
    if (this.#state.phase === 'training') return;
    this.#inspecting.cancel();
    this.#set({ phase: 'idle' });
  }

  /** Re-reads the current data with another label column. */
  async changeLabel(label: string): Promise<void> {
    const state = this.#state;
    const source =
      state.phase === 'invalid' || state.phase === 'inspecting' ? state.source : trainableData(state)?.source;
    if (source) await this.inspect(source, label);
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
    const label = data.inspection.schema?.label;
    const outcome = await this.#training.run((signal) =>
      ports.jobs.train(
        {
          source: data.source,
          ...(label === undefined ? {} : { label }),
          ...networkRun(settings),
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
