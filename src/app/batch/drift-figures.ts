// The drift table's figures as text. Each side of "training → batch" is shown when it is known: a batch in
// which a feature had no value has no mean of its own, but the training mean is still the model's.
import type { CategoryDrift, FeatureDrift, NumericDrift } from '../../score/drift';
import { formatNumber, formatPercent } from '../shared/format-number';

/** Values of a category shown beside each other: the most common in training. */
const SHOWN_VALUES = 3;

/** A figure, or "—" where it is not known (no rows to compute it from, or not a finite number). */
export function figure(value: number, known = true): string {
  return known && Number.isFinite(value) ? formatNumber(value, 3) : '—';
}

/** A share as a percentage, or "—" where it is not known. */
export function share(value: number, known = true): string {
  return known && Number.isFinite(value) ? formatPercent(value) : '—';
}

/** A number feature's statistic, or a date feature's as a date (its statistics are ms since 1970). */
function statistic(drift: NumericDrift, value: number, known: boolean): string {
  if (!known || !Number.isFinite(value)) return '—';
  return drift.date ? new Date(value).toISOString().slice(0, 10) : formatNumber(value, 3);
}

/**
 * "mean 5.85 → 5.81" and "sd 0.814 → 0.908" (no sd for a date): training, then batch. The batch's side is
 * "—" when the feature had no value in it; the training side whenever the model's profile has it.
 */
export function numericShift(drift: NumericDrift): { mean: string; sd?: string } {
  const batch = drift.rows > 0;
  const mean = `mean ${statistic(drift, drift.training.mean, true)} → ${statistic(drift, drift.mean, batch)}`;
  if (drift.date) return { mean };
  return { mean, sd: `sd ${figure(drift.training.sd)} → ${figure(drift.sd, batch)}` };
}

/** "Biscoe 49% → 60%" for the values most common in training; the batch's "—" when it had no rows. */
export function categoryShares(drift: CategoryDrift): string {
  const top = [...drift.values].sort((a, b) => b.expected - a.expected).slice(0, SHOWN_VALUES);
  return top
    .map((value) => {
      const name = value.other ? 'other' : value.value === '' ? '(blank)' : value.value;
      return `${name} ${formatPercent(value.expected)} → ${share(value.actual, drift.rows > 0)}`;
    })
    .join(', ');
}

/** Whether a drift figure (shift, PSI) stands on enough rows: not when too few to judge (a PSI on 3 rows). */
export function judged(drift: FeatureDrift): boolean {
  return drift.status !== 'too-few-rows' && drift.rows > 0;
}

/**
 * The one reason every feature was too few rows to judge ("36 of the 50 rows needed"), said once above
 * the table rather than in every row of a small file; null when the features differ.
 */
export function sharedTooFewRows(drift: readonly FeatureDrift[]): string | null {
  const reasons = new Set(drift.map((d) => (d.status === 'too-few-rows' ? d.reasons.join('; ') : null)));
  const [only] = reasons;
  return drift.length > 0 && reasons.size === 1 && only ? only : null;
}
