import type { Dataset } from '../core/dataset';
import { quoted } from '../core/short-text';
import { CsvError } from './csv-error';
import { inferSchema } from './infer-schema';
import type { CsvTable } from './parse-csv';
import { numberProblem, parseNumber } from './parse-number';

/**
 * Turns a table into a training dataset: the schema from `inferSchema` (label column `options.label`, or
 * inferred), features as float32, labels as class indices. Checks, cell by cell in reading order, then
 * per class; each failure is a CsvError naming the row and column: 'unknown-column', 'no-feature-columns',
 * 'ragged-row', 'empty-value' (feature or label), 'not-a-number', 'not-finite' (NaN, Infinity, or beyond
 * float32's range), 'too-few-classes' (fewer than 2), 'class-too-small' (a class with one row).
 */
export function tableToDataset(table: CsvTable, options: { label?: string } = {}): Dataset {
  const { header, rows } = table;
  const schema = inferSchema({ header, rows, label: options.label });
  if (schema.features.length === 0) {
    throw new CsvError({
      code: 'no-feature-columns',
      column: schema.label,
      detail: 'this is the only column, so there is nothing to predict it from. Add numeric feature columns.',
    });
  }
  const features = schema.features.length;
  const labelColumn = header.indexOf(schema.label);
  const classIndex = new Map(schema.classes.map((label, index) => [label, index]));
  const x = new Float32Array(rows.length * features);
  const y = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    const row = table.rowNumbers?.[r] ?? r + 2;
    if (cells.length !== header.length) {
      throw new CsvError({
        code: 'ragged-row',
        row,
        detail: `it has ${cells.length} values but the header has ${header.length} columns.`,
      });
    }
    let offset = r * features;
    for (let c = 0; c < cells.length; c++) {
      if (c === labelColumn) {
        const label = cells[c].trim();
        if (label === '') {
          throw new CsvError({ code: 'empty-value', row, column: header[c], detail: 'the label is empty.' });
        }
        y[r] = classIndex.get(label)!;
        continue;
      }
      const value = parseNumber(cells[c]);
      x[offset] = value ?? Number.NaN;
      // A finite double can still overflow float32 (e.g. 1e39); the stored value is what the model sees.
      if (value === undefined || !Number.isFinite(x[offset])) throw cellError(cells[c], row, header[c]);
      offset++;
    }
  }
  checkClasses(schema.label, schema.classes, y, table);
  return { schema, rows: rows.length, x, y };
}

function cellError(cell: string, row: number, column: string): CsvError {
  const problem = numberProblem(cell) ?? 'not-finite';
  if (problem === 'empty')
    return new CsvError({ code: 'empty-value', row, column, detail: 'the value is empty.' });
  if (problem === 'not-a-number') {
    return new CsvError({ code: 'not-a-number', row, column, detail: `${quoted(cell)} is not a number.` });
  }
  return new CsvError({
    code: 'not-finite',
    row,
    column,
    detail: `${quoted(cell.trim())} is not a finite number in the range a 32-bit float can hold.`,
  });
}

function checkClasses(label: string, classes: readonly string[], y: Int32Array, table: CsvTable): void {
  if (classes.length < 2) {
    throw new CsvError({
      code: 'too-few-classes',
      column: label,
      detail: `the label column has ${classes.length === 0 ? 'no values' : `only one class (${quoted(classes[0])})`}; a classifier needs at least 2 classes. Is ${quoted(label)} the right label column?`,
    });
  }
  const counts = new Int32Array(classes.length);
  const lastRow = new Int32Array(classes.length);
  for (let r = 0; r < y.length; r++) {
    counts[y[r]]++;
    lastRow[y[r]] = r;
  }
  const small = counts.findIndex((count) => count < 2);
  if (small < 0) return;
  const r = lastRow[small];
  throw new CsvError({
    code: 'class-too-small',
    row: table.rowNumbers?.[r] ?? r + 2,
    column: label,
    detail: `class ${quoted(classes[small])} has only this one row; every class needs at least 2 rows to be learned and tested. Is ${quoted(label)} the right label column?`,
  });
}
