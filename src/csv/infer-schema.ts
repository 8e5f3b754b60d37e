import { BUNDLE_LIMITS } from '../core/bundle/bundle-format';
import type { Schema } from '../core/schema';
import { quoted, quotedList } from '../core/short-text';
import { CsvError } from './csv-error';
import { numberProblem, parseNumber } from './parse-number';

/**
 * Works out which column is the label, which are features, and what the classes are.
 *
 * The label is `label` when given; otherwise the last column whose values are not all numeric (people put
 * the species or outcome after the measurements), or the last column when every column is numeric.
 * Features are all other columns, in file order. Classes are the distinct non-empty label values (trimmed),
 * sorted numerically when they are all numbers, else by plain code-unit order so the order (and so every
 * class index) is the same on every machine and locale. Header names are assumed trimmed and unique.
 */
export function inferSchema(options: {
  header: readonly string[];
  rows: readonly (readonly string[])[];
  label?: string;
}): Schema {
  const { header, rows } = options;
  // A model holds at most BUNDLE_LIMITS.features features (one column is the label), and names it keeps
  // within BUNDLE_LIMITS.nameLength: a file beyond them is refused before any work is done on it.
  if (header.length > BUNDLE_LIMITS.features + 1) {
    throw new CsvError({
      code: 'too-many-columns',
      detail: `The file has ${header.length.toLocaleString('en')} columns; Petal trains on up to ${BUNDLE_LIMITS.features.toLocaleString('en')} feature columns and a label.`,
    });
  }
  const seen = new Set<string>();
  for (const [index, name] of header.entries()) {
    if (name.length > BUNDLE_LIMITS.nameLength) {
      throw new CsvError({
        code: 'name-too-long',
        column: name,
        detail: `column ${index + 1}'s name is ${name.length.toLocaleString('en')} characters long; names can be up to ${BUNDLE_LIMITS.nameLength}.`,
      });
    }
    if (seen.has(name)) {
      throw new CsvError({
        code: 'duplicate-column-name',
        column: name,
        detail: `the column name ${quoted(name)} appears more than once.`,
      });
    }
    seen.add(name);
  }
  const labelIndex =
    options.label === undefined ? inferLabelIndex(header, rows) : header.indexOf(options.label);
  if (labelIndex < 0) {
    throw new CsvError({
      code: 'unknown-column',
      column: options.label,
      detail: `there is no such column. The columns are: ${quotedList(header)}.`,
    });
  }
  const distinct = new Set<string>();
  for (const [r, row] of rows.entries()) {
    const value = (row[labelIndex] ?? '').trim();
    if (value === '' || distinct.has(value)) continue;
    if (value.length > BUNDLE_LIMITS.nameLength) {
      throw new CsvError({
        code: 'name-too-long',
        row: r + 2,
        column: header[labelIndex],
        detail: `the class ${quoted(value)} is ${value.length.toLocaleString('en')} characters long; class names can be up to ${BUNDLE_LIMITS.nameLength}. Is this the right label column?`,
      });
    }
    distinct.add(value);
    if (distinct.size > BUNDLE_LIMITS.classes) {
      throw new CsvError({
        code: 'too-many-classes',
        column: header[labelIndex],
        detail: `the label column has more than ${BUNDLE_LIMITS.classes.toLocaleString('en')} different values; Petal tells apart up to ${BUNDLE_LIMITS.classes.toLocaleString('en')} classes. Is this the right label column?`,
      });
    }
  }
  return {
    features: header.filter((_, index) => index !== labelIndex),
    label: header[labelIndex],
    classes: sortClasses([...distinct]),
  };
}

function inferLabelIndex(header: readonly string[], rows: readonly (readonly string[])[]): number {
  // Scanning from the right stops at the first cell of a text label column, so the usual layout (label
  // last) costs one cell, and only all-numeric columns to the right of the label are read in full.
  for (let column = header.length - 1; column >= 0; column--) {
    if (!rows.every((row) => looksNumeric(row[column] ?? ''))) return column;
  }
  return header.length - 1;
}

/**
 * Blank, NaN and Infinity cells still mark a column as meant to be numeric: a gap in a measurement column
 * must not turn it into the label, it should be reported as the bad cell it is.
 */
function looksNumeric(cell: string): boolean {
  return parseNumber(cell) !== undefined || numberProblem(cell) !== 'not-a-number';
}

function sortClasses(classes: string[]): string[] {
  const numbers = new Map<string, number>();
  for (const value of classes) {
    const number = parseNumber(value);
    if (number === undefined) return classes.sort(byCodeUnit);
    numbers.set(value, number);
  }
  // Ties such as "1" and "1.0" are distinct classes; break them by text so the order stays total.
  return classes.sort((a, b) => numbers.get(a)! - numbers.get(b)! || byCodeUnit(a, b));
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
