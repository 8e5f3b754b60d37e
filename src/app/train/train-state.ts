// The Train tab's states and what each holds: the data read (and the plan it was read with), a run in
// progress, and how the last run ended. The controller (training-controller.ts) moves between them.
import type { EpochProgress } from '../../core/classifiers/fit-options';
import type { Schema } from '../../core/schema';
import type { TrainingPlan } from '../../csv/training-table-builder';
import type { Problem } from '../shell/job';
import type { CsvInspection, DataSource } from '../worker-bridge/protocol';
import type { FinishedRun } from './last-run';

/** An inspection training can start from: no problem, a plan (with its label) and the label's classes. */
export type TrainableInspection = CsvInspection & {
  readonly plan: TrainingPlan;
  readonly schema: Schema;
  readonly classCounts: number[];
  readonly error: null;
};

export function isTrainable(inspection: CsvInspection): inspection is TrainableInspection {
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

/**
 * idle → inspecting → ready | invalid → training → trained | failed | stopped. From any state but
 * `training`, choosing data goes back to `inspecting`, and so does changing a column's use once the data
 * has been read (then with a `revision`); from ready, trained, failed and stopped, Train starts again with
 * the same data. A trained run stays on show (TrainingController.lastRun) while other data is chosen, and
 * after a reload.
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
      /** "Stop and keep" was pressed: the worker is ending the run and evaluating the model as it is. */
      readonly finishing: boolean;
    }
  | { readonly phase: 'trained'; readonly data: InspectedData; readonly run: FinishedRun }
  | { readonly phase: 'failed'; readonly data: InspectedData; readonly problem: Problem }
  | { readonly phase: 'stopped'; readonly data: InspectedData; readonly history: readonly EpochProgress[] };

export type TrainPhase = TrainState['phase'];

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
export function revisable(state: TrainState): (Revision & { readonly source: DataSource }) | undefined {
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

/** Phases that show the data rather than a run: the last finished run (if any) is shown beside them. */
export function showsData(phase: TrainPhase): boolean {
  return phase === 'idle' || phase === 'inspecting' || phase === 'ready' || phase === 'invalid';
}
