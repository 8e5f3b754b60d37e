// What the training rows of each feature column looked like, kept with the model so new data can be
// checked against it: the range warns about extrapolation in the form and in scored files, the decile edges
// and category shares let batch scoring compute a population-stability index without the training data.
// And per class, a typical row: the Predict tab's one-click examples.

import type { CategoryStep, InputStep } from './input-steps';
import type { DateColumn, NumberColumn, TrainingTable } from './training-table';

/** A number or date column (dates as ms since 1970, UTC), over its non-blank training values. */
export interface NumericProfile {
  readonly kind: 'numeric';
  readonly min: number;
  readonly max: number;
  /** The 9 inner decile edges (10%, 20%, … 90%) of the training values, ascending. */
  readonly deciles: readonly number[];
  /**
   * The share of the training values in each of the 10 bins the deciles make, bin k holding
   * (edge k−1, edge k] as drift counts them: 0.1 each for spread-out values, far from it where many values
   * are equal (iris's one-decimal widths). Absent in bundles from before it was kept (0.1 each assumed).
   */
  readonly binShares?: readonly number[];
  readonly mean: number;
  /** Population standard deviation. */
  readonly sd: number;
  /** Share of the training rows that were blank. */
  readonly missing: number;
}

/** A category column: the share of training rows with each of its step's values, then "other" (if any). */
export interface CategoryProfile {
  readonly kind: 'category';
  readonly shares: readonly number[];
}

export type InputProfile = NumericProfile | CategoryProfile;

/** Profiles every feature column of `table` over `rows` (the rows the model is fitted on). */
export function profileInputs(
  table: TrainingTable,
  steps: readonly InputStep[],
  rows: ArrayLike<number>,
): InputProfile[] {
  if (rows.length === 0) throw new RangeError('Cannot profile columns over zero rows.');
  return steps.map((step, f) => {
    const column = table.columns[f];
    if (step.kind === 'category') {
      if (column.kind !== 'category') throw new TypeError(`Column ${f} is not a category column.`);
      const slots = categorySlotsOf(step, column.values);
      const counts = new Float64Array(step.values.length + (step.other ? 1 : 0));
      for (let i = 0; i < rows.length; i++) {
        const slot = slots[column.codes[rows[i]]];
        if (slot >= 0) counts[slot]++;
      }
      return { kind: 'category', shares: Array.from(counts, (n) => n / rows.length) };
    }
    return numericProfile(numericValues(column as NumberColumn | DateColumn), rows);
  });
}

function numericValues(column: NumberColumn | DateColumn): Float64Array {
  return column.kind === 'number' ? column.values : column.times;
}

function numericProfile(values: Float64Array, rows: ArrayLike<number>): NumericProfile {
  const present = new Float64Array(rows.length);
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const value = values[rows[i]];
    if (!Number.isNaN(value)) present[count++] = value;
  }
  const missing = (rows.length - count) / rows.length;
  if (count === 0) {
    return {
      kind: 'numeric',
      min: 0,
      max: 0,
      deciles: new Array<number>(9).fill(0),
      mean: 0,
      sd: 0,
      missing,
    };
  }
  const sorted = present.subarray(0, count).sort();
  let sum = 0;
  for (let i = 0; i < count; i++) sum += sorted[i];
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (sorted[i] - mean) ** 2;
  const deciles: number[] = [];
  for (let q = 1; q <= 9; q++) deciles.push(quantileOfSorted(sorted, q / 10));
  // Bin k holds the values in (deciles[k − 1], deciles[k]]: the values sorted, one pass. Compared in
  // float32, as drift compares a scored file's values (the model's inputs) with the edges.
  const binCounts = new Array<number>(deciles.length + 1).fill(0);
  for (let i = 0, bin = 0; i < count; i++) {
    while (bin < deciles.length && Math.fround(sorted[i]) > Math.fround(deciles[bin])) bin++;
    binCounts[bin]++;
  }
  return {
    kind: 'numeric',
    min: sorted[0],
    max: sorted[count - 1],
    deciles,
    binShares: binCounts.map((n) => n / count),
    mean,
    sd: Math.sqrt(squares / count),
    missing,
  };
}

/** Linear interpolation between order statistics (numpy's default "linear" method). */
function quantileOfSorted(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** Per distinct value of a column: its input within the step, the "other" input, or −1 for none. */
export function categorySlotsOf(step: CategoryStep, values: readonly string[]): Int32Array {
  const index = new Map(step.values.map((value, slot) => [value, slot]));
  const other = step.other ? step.values.length : -1;
  return Int32Array.from(values, (value) => index.get(value) ?? other);
}

/**
 * Per class, a typical row, shape [classes][features]: a number column's mean, a date column's median time
 * (ms), a category column's most frequent value among the step's values (its index; −1 when the class has
 * none of them). Blank cells are left out; a class with no value in a column gets the column's median.
 */
export function classExamples(
  table: TrainingTable,
  steps: readonly InputStep[],
  rows: ArrayLike<number>,
): number[][] {
  const classes = table.schema.classes.length;
  const examples = Array.from({ length: classes }, () => new Array<number>(steps.length).fill(0));
  steps.forEach((step, f) => {
    const column = table.columns[f];
    if (step.kind === 'category' && column.kind === 'category') {
      const slots = categorySlotsOf(step, column.values);
      const counts = Array.from({ length: classes }, () => new Float64Array(step.values.length));
      for (let i = 0; i < rows.length; i++) {
        const slot = slots[column.codes[rows[i]]];
        if (slot >= 0 && slot < step.values.length) counts[table.y[rows[i]]][slot]++;
      }
      counts.forEach((byValue, c) => {
        let best = -1;
        byValue.forEach((n, slot) => {
          if (n > 0 && (best < 0 || n > byValue[best])) best = slot;
        });
        examples[c][f] = best;
      });
      return;
    }
    const values = numericValues(column as NumberColumn | DateColumn);
    const byClass = Array.from({ length: classes }, () => [] as number[]);
    for (let i = 0; i < rows.length; i++) {
      const value = values[rows[i]];
      if (!Number.isNaN(value)) byClass[table.y[rows[i]]].push(value);
    }
    const fallback = step.kind === 'number' ? (step.median ?? 0) : undefined;
    byClass.forEach((list, c) => {
      if (list.length === 0) {
        examples[c][f] = fallback ?? medianOf(Array.from(values).filter((v) => !Number.isNaN(v)));
      } else if (step.kind === 'date') {
        examples[c][f] = medianOf(list);
      } else {
        examples[c][f] = Math.fround(list.reduce((a, b) => a + b, 0) / list.length);
      }
    });
  });
  return examples;
}

function medianOf(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
