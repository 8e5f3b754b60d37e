// How the Compare tab writes its figures and lays out its accuracy axis. Accuracy and macro F1 are shares
// shown as percentages with one decimal, as the Train and Batch tabs show them.
import { formatBytes } from '../shared/format-number';
import type { AlgorithmScore } from '../worker-bridge/protocol';

/** A share (0–1) as a percentage with one decimal: 0.9733 → "97.3%". */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Mean ± standard deviation of a share, the deviation in percentage points: "97.3% ± 2.1". */
export function percentMeanSd(summary: { readonly mean: number; readonly sd: number }): string {
  return `${percent(summary.mean)} ± ${(summary.sd * 100).toFixed(1)}`;
}

/** Log loss with three decimals, ± its standard deviation. */
export function lossMeanSd(summary: { readonly mean: number; readonly sd: number }): string {
  return `${summary.mean.toFixed(3)} ± ${summary.sd.toFixed(3)}`;
}

export function milliseconds(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`;
}

/**
 * Where the accuracy axis starts: 0.9 when every bar and its error bar fit above it (close scores stay
 * distinguishable), else lower, in tenths (fifths below 0.5, so the ticks stay round), down to 0. The
 * chart says where it starts whenever it is not 0.
 */
export function axisStart(accuracies: readonly { readonly mean: number; readonly sd: number }[]): number {
  const lowest = Math.max(0, Math.min(0.9, ...accuracies.map((a) => a.mean - a.sd)));
  const tenths = Math.floor(lowest * 10 + 1e-9) / 10;
  return tenths >= 0.5 ? tenths : Math.floor(lowest * 5 + 1e-9) / 5;
}

/** The axis' tick values from `from` (an {@link axisStart}) to 1, at round steps: four to six of them. */
export function axisTicks(from: number): number[] {
  const span = 1 - from;
  const step = span <= 0.1 ? 0.02 : span <= 0.2 ? 0.05 : span <= 0.5 ? 0.1 : 0.2;
  const count = Math.round(span / step);
  return Array.from({ length: count + 1 }, (_, i) => Number((from + i * step).toFixed(4)));
}

/** One figure of the results, for each algorithm: its name, its help (a sentence) and its text. */
export interface ResultFigure {
  readonly label: string;
  /** The help's topic, for its button's name ("Help: Predict time"). */
  readonly topic: string;
  readonly help: string;
  readonly text: (score: AlgorithmScore) => string;
}

/** The figures in the order the table's columns and a phone's cards show them. */
export const RESULT_FIGURES: readonly ResultFigure[] = [
  {
    label: 'Accuracy',
    topic: 'Accuracy',
    help: 'The share of the held-out rows predicted right, averaged over every fold. ± is the standard deviation across folds: how much it changes with the rows.',
    text: (score) => percentMeanSd(score.accuracy),
  },
  {
    label: 'Macro F1',
    topic: 'Macro F1',
    help: 'F1 (precision and recall in one figure) of each class, averaged with every class counting the same, so a rare class weighs as much as a common one.',
    text: (score) => percentMeanSd(score.macroF1),
  },
  {
    label: 'Log loss',
    topic: 'Log loss',
    help: 'How much probability the model gave the right class: 0 is perfect, lower is better. A confident wrong answer costs a lot.',
    text: (score) => lossMeanSd(score.logLoss),
  },
  {
    label: 'Fit time',
    topic: 'Fit time',
    help: "Time to train one fold's model, on this device.",
    text: (score) => milliseconds(score.fitMs.mean),
  },
  {
    label: 'Predict 1,000 rows',
    topic: 'Predict time',
    help: "Time one fold's model takes to predict 1,000 rows, on this device.",
    text: (score) => milliseconds(score.predictMsPer1000),
  },
  {
    label: 'Size',
    topic: 'Model size',
    help: 'Size of the saved model: its settings and weights.',
    text: (score) => formatBytes(score.sizeBytes),
  },
];
