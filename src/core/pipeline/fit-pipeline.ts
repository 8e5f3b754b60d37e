// Fitting the preprocessing on the training rows alone (never on held-out rows: a test fold's blanks and
// categories must not shape the inputs it is scored with), and turning a table's rows into model inputs.
import { BUNDLE_LIMITS } from '../bundle/bundle-format';
import type { Dataset } from '../dataset';
import { fitStandardisation } from '../standardise';
import { dateParts, datePartsFor } from './date-parts';
import { categorySlotsOf } from './input-profiles';
import {
  CATEGORY_LIMIT,
  type CategoryStep,
  type DateStep,
  type InputStep,
  inputWidth,
  modelInputs,
  type NumberStep,
  type Pipeline,
  stepOffsets,
} from './input-steps';
import type {
  CategoryColumn,
  DateColumn,
  NumberColumn,
  TrainingColumn,
  TrainingTable,
} from './training-table';

/**
 * The preprocessing fitted on `rows` of `table`: each column's step (medians, vocabularies, date parts)
 * and the scaling of the inputs they produce, applied before the model (a network's bundle folds it into
 * its first layer).
 */
export function fitPipeline(table: TrainingTable, rows: ArrayLike<number>): Pipeline {
  if (rows.length === 0) throw new RangeError('Cannot fit the preprocessing on zero rows.');
  const steps = table.columns.map((column) => fitStep(column, rows));
  const x = encodeRows(table, steps, rows);
  const width = inputWidth(steps);
  const scaling = fitStandardisation({ x, features: width });
  const binary = modelInputs(table.schema.features, steps).map((input) => input.binary);
  // 0/1 inputs stay 0/1: scaling a rare category's input by its small sd would make it dominate
  // distances (k-NN) and penalties (the L2 term) — scikit-learn's standard pipeline leaves one-hot unscaled.
  const mean = scaling.mean.map((value, i) => (binary[i] ? 0 : value));
  const sd = scaling.sd.map((value, i) => (binary[i] ? 1 : value));
  return { steps, scaling: { mean, sd }, scaledIn: 'pipeline' };
}

function fitStep(column: TrainingColumn, rows: ArrayLike<number>): InputStep {
  switch (column.kind) {
    case 'number':
      return fitNumber(column, rows);
    case 'category':
      return fitCategory(column, rows);
    case 'date':
      return fitDate(column, rows);
  }
}

function fitNumber(column: NumberColumn, rows: ArrayLike<number>): NumberStep {
  const present = new Float64Array(rows.length);
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const value = column.values[rows[i]];
    if (!Number.isNaN(value)) present[count++] = value;
  }
  return { kind: 'number', median: median(present.subarray(0, count)), missing: count < rows.length };
}

function fitCategory(column: CategoryColumn, rows: ArrayLike<number>): CategoryStep {
  const counts = new Float64Array(column.values.length);
  for (let i = 0; i < rows.length; i++) counts[column.codes[rows[i]]]++;
  // Most frequent first; ties in order of first appearance in the file (the codes' order): deterministic.
  const seen: number[] = [];
  counts.forEach((n, code) => {
    if (n > 0) seen.push(code);
  });
  seen.sort((a, b) => counts[b] - counts[a] || a - b);
  // A value longer than a name may be cannot be stored; it joins "other" like a rare value.
  const storable = seen.filter((code) => column.values[code].length <= BUNDLE_LIMITS.nameLength);
  const kept = storable.slice(0, CATEGORY_LIMIT);
  return {
    kind: 'category',
    values: kept.map((code) => column.values[code]),
    other: kept.length < seen.length,
  };
}

function fitDate(column: DateColumn, rows: ArrayLike<number>): DateStep {
  const parts = datePartsFor(column.hasTime);
  const values = parts.map(() => new Float64Array(rows.length));
  const part = new Float64Array(parts.length);
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const time = column.times[rows[i]];
    if (Number.isNaN(time)) continue;
    dateParts(time, parts, part, 0);
    for (let p = 0; p < parts.length; p++) values[p][count] = part[p];
    count++;
  }
  return {
    kind: 'date',
    order: column.order,
    parts,
    medians: values.map((column) => median(column.subarray(0, count))),
    missing: count < rows.length,
  };
}

/** The median (mean of the middle two for an even count); 0 for no values (a column blank in every row). */
function median(values: Float64Array): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The unscaled inputs of `rows` of `table` under `steps`, row-major, shape [rows.length, inputWidth]. A
 * blank gets its step's median (and "was missing" = 1 where the step has it); a category value outside the
 * vocabulary goes to "other", or sets no input when the step has none.
 */
export function encodeRows(
  table: TrainingTable,
  steps: readonly InputStep[],
  rows: ArrayLike<number>,
): Float32Array {
  const width = inputWidth(steps);
  const offsets = stepOffsets(steps);
  const x = new Float32Array(rows.length * width);
  const part = new Float64Array(8);
  steps.forEach((step, f) => {
    const column = table.columns[f];
    const at = offsets[f];
    switch (step.kind) {
      case 'number': {
        const { values } = column as NumberColumn;
        const fill = step.median ?? 0;
        for (let i = 0; i < rows.length; i++) {
          const value = values[rows[i]];
          const blank = Number.isNaN(value);
          x[i * width + at] = blank ? fill : value;
          if (step.missing) x[i * width + at + 1] = blank ? 1 : 0;
        }
        break;
      }
      case 'category': {
        const { codes, values } = column as CategoryColumn;
        const slots = categorySlotsOf(step, values);
        for (let i = 0; i < rows.length; i++) {
          const slot = slots[codes[rows[i]]];
          if (slot >= 0) x[i * width + at + slot] = 1;
        }
        break;
      }
      case 'date': {
        const { times } = column as DateColumn;
        const n = step.parts.length;
        for (let i = 0; i < rows.length; i++) {
          const time = times[rows[i]];
          const blank = Number.isNaN(time);
          if (blank) for (let p = 0; p < n; p++) part[p] = step.medians[p];
          else dateParts(time, step.parts, part, 0);
          for (let p = 0; p < n; p++) x[i * width + at + p] = part[p];
          if (step.missing) x[i * width + at + n] = blank ? 1 : 0;
        }
        break;
      }
    }
  });
  return x;
}

/**
 * `rows` of `table` as a classifier's training data: the pipeline's inputs, unscaled (the classifier applies
 * the pipeline's scaling, see FitOptions), named as modelInputs names them, and the rows' classes.
 */
export function pipelineDataset(table: TrainingTable, pipeline: Pipeline, rows: ArrayLike<number>): Dataset {
  const x = encodeRows(table, pipeline.steps, rows);
  const y = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) y[i] = table.y[rows[i]];
  const { schema } = table;
  const inputs = modelInputs(schema.features, pipeline.steps).map((input) => input.name);
  return { schema: { ...schema, features: inputs }, rows: rows.length, x, y };
}
