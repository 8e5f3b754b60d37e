// How a model reads each of its input columns: the fitted steps of its preprocessing. They travel in the
// bundle's metadata, so Predict, batch scoring, the CLI and an exported model all turn a row of text cells
// into the model's inputs the same way. A column becomes one or more inputs; the order is the columns'
// order, and within a column the order below.
import type { Standardisation } from '../standardise';
import type { DateOrder, DatePart } from './date-parts';

/** Most one-hot inputs a category column gets (its most frequent training values); the rest share "other". */
export const CATEGORY_LIMIT = 50;

/**
 * A number column: its value, then, when the training rows had blanks (`missing`), a 0/1 "was missing"
 * input. A blank becomes the training rows' median (with the indicator at 1). Where the training rows had
 * no blanks, Predict and batch scoring treat a blank as an error (the model never saw one there); only a
 * held-out test row during training is imputed silently, as scikit-learn's SimpleImputer does.
 */
export interface NumberStep {
  readonly kind: 'number';
  /** Absent only in bundles from before pipelines, whose blanks are always errors. */
  readonly median?: number;
  readonly missing: boolean;
}

/**
 * A category column: one 0/1 input per value in `values` (most frequent in training first; '' is the blank
 * cell, a value like any other), then one "other" input when `other` is true — the training rows had more
 * values than CATEGORY_LIMIT, and those and any value never seen share it. Without `other`, a value never
 * seen sets no input at all (all zero) and is reported as unseen.
 */
export interface CategoryStep {
  readonly kind: 'category';
  readonly values: readonly string[];
  readonly other: boolean;
}

/**
 * A date column: one input per part (date-parts.ts), then, when the training rows had blanks (`missing`),
 * a "was missing" input. A blank gets each part's training median, on the same terms as a number's.
 */
export interface DateStep {
  readonly kind: 'date';
  readonly order: DateOrder;
  readonly parts: readonly DatePart[];
  /** Per part. */
  readonly medians: readonly number[];
  readonly missing: boolean;
}

export type InputStep = NumberStep | CategoryStep | DateStep;

export type InputKind = InputStep['kind'];

/**
 * The whole preprocessing: a step per feature column (the schema's order), then the scaling of the inputs
 * they produce. `scaledIn` says where the scaling is applied: 'pipeline' — to the inputs, before the model
 * (k-NN, the forest); 'model' — folded into a network's first layer, so the stored model takes unscaled
 * inputs and plain TensorFlow.js gets Petal's answers from them.
 */
export interface Pipeline {
  readonly steps: readonly InputStep[];
  /** Per input: (value − mean) / sd; the 0/1 inputs keep mean 0 and sd 1. */
  readonly scaling: Standardisation;
  readonly scaledIn: 'pipeline' | 'model';
}

/** How many inputs a step produces. */
export function stepWidth(step: InputStep): number {
  switch (step.kind) {
    case 'number':
      return step.missing ? 2 : 1;
    case 'category':
      return step.values.length + (step.other ? 1 : 0);
    case 'date':
      return step.parts.length + (step.missing ? 1 : 0);
  }
}

/** How many inputs the steps produce together: the model's input width. */
export function inputWidth(steps: readonly InputStep[]): number {
  let width = 0;
  for (const step of steps) width += stepWidth(step);
  return width;
}

/** The first input of each step, and the width after the last: offsets[f] … offsets[f + 1] − 1. */
export function stepOffsets(steps: readonly InputStep[]): Int32Array {
  const offsets = new Int32Array(steps.length + 1);
  for (let f = 0; f < steps.length; f++) offsets[f + 1] = offsets[f] + stepWidth(steps[f]);
  return offsets;
}

/** One input of the model, described: the column it comes from and what it holds. */
export interface ModelInput {
  /** Index of the feature column. */
  readonly feature: number;
  /** "bill_length_mm", "island = Dream", "island: other", "date: month", "sex: missing". */
  readonly name: string;
  /** A 0/1 input (one-hot or "was missing"), which scaling leaves as it is. */
  readonly binary: boolean;
}

/**
 * Every input the steps produce, in order, with the column it comes from: what explanations will add
 * contributions up by, so they are reported per column, not per one-hot input.
 */
export function modelInputs(features: readonly string[], steps: readonly InputStep[]): ModelInput[] {
  const inputs: ModelInput[] = [];
  steps.forEach((step, feature) => {
    const column = features[feature];
    const add = (name: string, binary: boolean) => inputs.push({ feature, name, binary });
    switch (step.kind) {
      case 'number':
        add(column, false);
        if (step.missing) add(`${column}: missing`, true);
        break;
      case 'category':
        for (const value of step.values) add(`${column} = ${value === '' ? '(blank)' : value}`, true);
        if (step.other) add(`${column}: other`, true);
        break;
      case 'date':
        for (const part of step.parts) add(`${column}: ${part}`, false);
        if (step.missing) add(`${column}: missing`, true);
        break;
    }
  });
  return inputs;
}

/** Steps that read every feature as a number with no blanks: what a bundle from before pipelines means. */
export function numberSteps(features: number): NumberStep[] {
  return Array.from({ length: features }, () => ({ kind: 'number', missing: false }) as const);
}
