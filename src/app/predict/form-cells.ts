// What the Predict form's text means, field by field, and the row of cells the worker predicts from. The
// cells are read with the same parsers the worker's pipeline uses (src/csv), so a field this accepts is
// one the model can read, and a field it rejects gets its message here, before anything is sent.
import { parseDate } from '../../csv/parse-date';
import { parseNumber } from '../../csv/parse-number';
import type { FormField } from './form-fields';

/**
 * A field's text, read: a value (its cell as sent, and as a number — the number, the date's time in ms,
 * or the category's index among the field's values); a blank the model imputes (sent as ''); or text the
 * model cannot take, with the message to show.
 */
export type FieldValue =
  | { readonly kind: 'value'; readonly cell: string; readonly value: number }
  | { readonly kind: 'blank' }
  | { readonly kind: 'invalid'; readonly message: string };

const BLANK: FieldValue = { kind: 'blank' };

/** What one field's text means for the model. */
export function readField(field: FormField, text: string): FieldValue {
  const invalid = (message: string): FieldValue => ({ kind: 'invalid', message });
  switch (field.kind) {
    case 'number': {
      const cell = text.trim();
      if (cell === '') return field.imputed !== null ? BLANK : invalid(`Enter a number for ${field.label}`);
      const value = parseNumber(cell, '.');
      if (value === undefined) return invalid(`Enter a number for ${field.label}`);
      // The model computes in float32: a larger number would reach it as Infinity.
      if (!Number.isFinite(Math.fround(value))) return invalid(`${field.label} is too large for the model`);
      return { kind: 'value', cell, value };
    }
    case 'category': {
      // Not trimmed: the select offers the training values exactly.
      const slot = field.values.indexOf(text);
      return slot >= 0
        ? { kind: 'value', cell: text, value: slot }
        : invalid(`Choose a value for ${field.label}`);
    }
    case 'date': {
      const cell = text.trim();
      if (cell === '') return field.blankAllowed ? BLANK : invalid(`Enter a date for ${field.label}`);
      const parsed = parseDate(cell, field.order);
      return parsed
        ? { kind: 'value', cell, value: parsed.time }
        : invalid(`Enter a date for ${field.label}`);
    }
  }
}

/** Every field read, in schema order; a field with no text in `values` reads as empty. */
export function readFields(
  fields: readonly FormField[],
  values: Readonly<Record<string, string>>,
): FieldValue[] {
  return fields.map((field) => readField(field, Object.hasOwn(values, field.name) ? values[field.name] : ''));
}

/** The row of cells to predict (schema order, '' for a blank), or null while a field is invalid. */
export function formCells(read: readonly FieldValue[]): string[] | null {
  const cells: string[] = [];
  for (const field of read) {
    if (field.kind === 'invalid') return null;
    cells.push(field.kind === 'value' ? field.cell : '');
  }
  return cells;
}
