// Which inputs of a prediction lie outside what the model learned from. A model answers for any input,
// and as confidently far outside its training data as inside it: the Predict tab says which values it
// never saw anything like, and marks the prediction made from them unreliable.
import { isoDate } from '../../core/pipeline/date-parts';
import { quoted } from '../../core/short-text';
import { Cell } from '../../csv/cell-reading';
import { parseDate } from '../../csv/parse-date';
import { parseNumber } from '../../csv/parse-number';
import { formatNumber } from '../shared/format-number';
import type { FormField } from './form-fields';

/** Beyond this many training standard deviations from the training mean a value is treated as unusual. */
export const MAX_ABS_Z = 3;

/**
 * Why an input is outside the training data: a number or date outside the training range, or inside it
 * but more than MAX_ABS_Z standard deviations from the mean; a category value the model never saw
 * (`unseen`, no input at all) or one it reads as "other" (a value too rare to get an input of its own).
 */
export type Concern = 'outside' | 'far' | 'unseen' | 'other';

export interface UnreliableInput {
  /** Index of the feature in the model's schema. */
  readonly feature: number;
  readonly concern: Concern;
  /** Names the feature and the value: "Petal width 7 is outside the training range 0.1–2.5". */
  readonly message: string;
}

/**
 * Why one field's cell is outside the training data, or null. `reading` is what the worker found when it
 * read the cell (row-encoder.ts), when known: only it can tell an unseen category value; numbers and dates
 * are also checked here against the training profile, so a field warns before any prediction is back.
 */
export function unreliableInput(
  field: FormField,
  feature: number,
  cell: string,
  reading?: Cell,
): UnreliableInput | null {
  const found = (concern: Concern, message: string) => ({ feature, concern, message });
  switch (field.kind) {
    case 'category':
      if (reading === Cell.Unseen) {
        return found('unseen', `${field.label} ${quoted(cell)} never appeared in the training data`);
      }
      if (reading === Cell.Other) {
        return found(
          'other',
          `${field.label} ${quoted(cell)} is not one of the values the model learned (it counts as "other")`,
        );
      }
      return null;
    case 'number': {
      const value = parseNumber(cell, '.');
      if (value === undefined) return null;
      const { min, max, mean, sd } = field.range;
      // Compared as the worker compares it: in float32, as the model receives it and as the range is stored.
      const stored = Math.fround(value);
      if (reading === Cell.Outside || stored < min || stored > max) {
        return found(
          'outside',
          `${field.label} ${formatNumber(value)} is outside the training range ${formatNumber(min)}–${formatNumber(max)}`,
        );
      }
      if (sd > 0 && Math.abs(value - mean) / sd > MAX_ABS_Z) {
        return found(
          'far',
          `${field.label} ${formatNumber(value)} is more than ${MAX_ABS_Z} standard deviations from the training mean ${formatNumber(mean, 3)}`,
        );
      }
      return null;
    }
    case 'date': {
      const parsed = parseDate(cell.trim(), field.order);
      if (parsed === undefined) return null;
      const { min, max, mean, sd } = field.profile;
      const time = parsed.time;
      const show = (t: number) => isoDate(t, field.withTime);
      if (reading === Cell.Outside || time < min || time > max) {
        return found(
          'outside',
          `${field.label} ${show(time)} is outside the training range ${show(min)} to ${show(max)}`,
        );
      }
      if (sd > 0 && Math.abs(time - mean) / sd > MAX_ABS_Z) {
        return found(
          'far',
          `${field.label} ${show(time)} is more than ${MAX_ABS_Z} standard deviations from the training mean ${show(mean)}`,
        );
      }
      return null;
    }
  }
}

/** Every input of a prediction outside the training data, in schema order (cells and readings as sent). */
export function unreliableInputs(
  fields: readonly FormField[],
  cells: readonly string[],
  readings: readonly Cell[],
): UnreliableInput[] {
  const found: UnreliableInput[] = [];
  fields.forEach((field, f) => {
    const input = unreliableInput(field, f, cells[f] ?? '', readings[f]);
    if (input) found.push(input);
  });
  return found;
}
