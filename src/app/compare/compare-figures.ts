// How the Compare tab writes its figures and lays out its accuracy axis. Accuracy and macro F1 are shares
// shown as percentages with one decimal, as the Train and Batch tabs show them.

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
