// Rows per class, as the Train tab shows them before training. A classifier trained on imbalanced classes
// leans toward the large ones: its accuracy looks fine while it misses most of a small class. The tab says
// so, and "Balance classes" is on by default exactly when `imbalanced` says the classes are.
import { largestBySupport } from '../shared/largest-classes';

// The rule training applies when balancing is not chosen (core/class-weights.ts), so the default shown is
// the one a run without a choice takes.
export { IMBALANCE_RATIO, isImbalanced as imbalanced } from '../../core/class-weights';

/** Classes the balance list shows; beyond it, the ones with the most rows (1,000 bars tell nobody anything). */
export const BALANCE_CLASSES = 20;

/** One class in the balance list; `index` is its place in the schema's classes (its colour). */
export interface ClassRows {
  readonly name: string;
  readonly index: number;
  readonly support: number;
}

/** What the balance list shows: up to `max` classes with the most rows, in class order, and how many are left out. */
export function classBalance(
  classes: readonly string[],
  classCounts: readonly number[],
  max = BALANCE_CLASSES,
): { readonly shown: ClassRows[]; readonly hidden: number; readonly labelled: number } {
  const all = classes.map((name, index) => ({ name, index, support: classCounts[index] ?? 0 }));
  const shown = largestBySupport(all, max);
  return {
    shown,
    hidden: all.length - shown.length,
    labelled: all.reduce((sum, entry) => sum + entry.support, 0),
  };
}
