// Reading a CSV's rows into a training table, a batch at a time as streamCsv hands them over: each column
// read as the plan says (a number, a category, a date, or left out), straight into growing typed arrays.
// Nothing keeps the rows' text, so a large file costs a few bytes per cell, and every cell that cannot be
// read is reported with its row and column.
import { BUNDLE_LIMITS } from '../core/bundle/bundle-format';
import type { DateOrder } from '../core/pipeline/date-parts';
import type { TrainingColumn, TrainingTable } from '../core/pipeline/training-table';
import { quoted } from '../core/short-text';
import { CsvError } from './csv-error';
import { isMissingMarker, parseDate } from './parse-date';
import { type Decimal, numberProblem, parseNumber } from './parse-number';

/** What one column of the file is used as. */
export type ColumnUse =
  | { readonly use: 'number' }
  | { readonly use: 'category' }
  | { readonly use: 'date'; readonly order: DateOrder }
  | { readonly use: 'ignore' }
  | { readonly use: 'label' };

/** One use per column of the file, in the header's order; exactly one is the label. */
export type TrainingPlan = readonly ColumnUse[];

/** Growable typed storage for one column. */
class Growing<T extends Float64Array | Int32Array> {
  length = 0;
  constructor(private data: T) {}

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  done(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

interface ColumnReader {
  readonly column: number;
  readonly use: ColumnUse;
  readonly numbers?: Growing<Float64Array>;
  readonly codes?: Growing<Int32Array>;
  readonly values?: Map<string, number>;
  hasTime?: boolean;
}

/**
 * Builds a TrainingTable from rows: `add` each batch of rows (with the file row number of its first), then
 * `finish`. Rows whose label is blank are left out and counted. Throws a CsvError naming the row and
 * column for a cell its column cannot hold ('not-a-number', 'not-finite', 'not-a-date'), a row of the
 * wrong length ('ragged-row'), and, at `finish`, labels a classifier cannot learn ('too-few-classes',
 * 'class-too-small', 'too-many-classes').
 */
export class TrainingTableBuilder {
  private readonly readers: ColumnReader[] = [];
  private readonly labelColumn: number;
  private readonly labels = new Map<string, number>();
  private readonly y = new Growing(new Int32Array(1024));
  /** The file row of each class's last row, for the message about a class with one row. */
  private readonly lastRowOf: number[] = [];
  private unlabelled = 0;

  constructor(
    private readonly header: readonly string[],
    plan: TrainingPlan,
    private readonly decimal: Decimal,
  ) {
    if (plan.length !== header.length) {
      throw new RangeError(`The plan has ${plan.length} columns; the file has ${header.length}.`);
    }
    const labels = plan.flatMap((use, column) => (use.use === 'label' ? [column] : []));
    if (labels.length !== 1)
      throw new RangeError(`The plan must have one label column, not ${labels.length}.`);
    this.labelColumn = labels[0];
    plan.forEach((use, column) => {
      if (use.use === 'ignore' || use.use === 'label') return;
      this.readers.push(
        use.use === 'category'
          ? { column, use, codes: new Growing(new Int32Array(1024)), values: new Map() }
          : { column, use, numbers: new Growing(new Float64Array(1024)), hasTime: false },
      );
    });
    if (this.readers.length > BUNDLE_LIMITS.features) {
      throw new CsvError({
        code: 'too-many-columns',
        detail: `${this.readers.length.toLocaleString('en')} columns are used as features; Petal trains on up to ${BUNDLE_LIMITS.features.toLocaleString('en')}. Ignore some of them.`,
      });
    }
    for (const { column } of [...this.readers, { column: this.labelColumn }]) {
      const problem = nameProblem(header[column], column);
      if (problem) throw problem;
    }
    if (this.readers.length === 0) {
      throw new CsvError({
        code: 'no-feature-columns',
        column: header[this.labelColumn],
        detail:
          'every other column is ignored, so there is nothing to predict the label from. Use at least one column as a feature.',
      });
    }
  }

  add(rows: readonly (readonly string[])[], firstRow: number): void {
    const width = this.header.length;
    for (let r = 0; r < rows.length; r++) {
      const cells = rows[r];
      const row = firstRow + r;
      if (cells.length !== width) {
        throw new CsvError({
          code: 'ragged-row',
          row,
          detail: `it has ${cells.length} values but the header has ${width} columns.`,
        });
      }
      const label = cells[this.labelColumn].trim();
      // A row without a label teaches nothing: it is left out, and counted for the report.
      if (label === '') {
        this.unlabelled++;
        continue;
      }
      this.addLabel(label, row);
      for (const reader of this.readers) this.read(reader, cells[reader.column], row);
    }
  }

  private addLabel(label: string, row: number): void {
    let index = this.labels.get(label);
    if (index === undefined) {
      if (label.length > BUNDLE_LIMITS.nameLength) {
        throw new CsvError({
          code: 'name-too-long',
          row,
          column: this.header[this.labelColumn],
          detail: `the class ${quoted(label)} is ${label.length.toLocaleString('en')} characters long; class names can be up to ${BUNDLE_LIMITS.nameLength}. Is this the right label column?`,
        });
      }
      index = this.labels.size;
      if (index === BUNDLE_LIMITS.classes) {
        throw new CsvError({
          code: 'too-many-classes',
          column: this.header[this.labelColumn],
          detail: `the label column has more than ${BUNDLE_LIMITS.classes.toLocaleString('en')} different values; Petal tells apart up to ${BUNDLE_LIMITS.classes.toLocaleString('en')} classes. Is this the right label column?`,
        });
      }
      this.labels.set(label, index);
    }
    this.y.push(index);
    this.lastRowOf[index] = row;
  }

  private read(reader: ColumnReader, cell: string, row: number): void {
    const { use } = reader;
    if (use.use === 'number') {
      const value = parseNumber(cell, this.decimal);
      if (value !== undefined && Number.isFinite(Math.fround(value))) {
        reader.numbers!.push(value);
      } else if (isMissingMarker(cell)) {
        reader.numbers!.push(Number.NaN);
      } else {
        throw this.cellError(cell, row, reader.column);
      }
      return;
    }
    if (use.use === 'category') {
      const value = cell.trim();
      let code = reader.values!.get(value);
      if (code === undefined) {
        code = reader.values!.size;
        reader.values!.set(value, code);
      }
      reader.codes!.push(code);
      return;
    }
    if (use.use === 'date') {
      const parsed = parseDate(cell, use.order);
      if (parsed) {
        reader.numbers!.push(parsed.time);
        if (parsed.hasTime) reader.hasTime = true;
      } else if (isMissingMarker(cell)) {
        reader.numbers!.push(Number.NaN);
      } else {
        throw new CsvError({
          code: 'not-a-date',
          row,
          column: this.header[reader.column],
          detail: `${quoted(cell)} is not a date (${DATE_FORMS[use.order]}). Use this column as a category, or ignore it.`,
        });
      }
    }
  }

  private cellError(cell: string, row: number, column: number): CsvError {
    const name = this.header[column];
    if (numberProblem(cell, this.decimal) === 'not-a-number') {
      return new CsvError({
        code: 'not-a-number',
        row,
        column: name,
        detail: `${quoted(cell)} is not a number. Use this column as a category, or ignore it.`,
      });
    }
    return new CsvError({
      code: 'not-finite',
      row,
      column: name,
      detail: `${quoted(cell.trim())} is not a finite number in the range a 32-bit float can hold.`,
    });
  }

  /** The table, with its classes in a stable order, and how many rows had no label. */
  finish(): { table: TrainingTable; unlabelled: number } {
    const label = this.header[this.labelColumn];
    const found = [...this.labels.keys()];
    if (found.length < 2) throw tooFewClasses(label, found);
    const classes = sortClasses(found, this.decimal);
    const remap = Int32Array.from(found, (name) => classes.indexOf(name));
    const y = this.y.done().map((index) => remap[index]);
    const counts = new Int32Array(classes.length);
    for (const index of y) counts[index]++;
    const small = counts.findIndex((count) => count < 2);
    if (small >= 0) {
      throw new CsvError({
        code: 'class-too-small',
        row: this.lastRowOf[found.indexOf(classes[small])],
        column: label,
        detail: `class ${quoted(classes[small])} has only this one row; every class needs at least 2 rows to be learned and tested. Is ${quoted(label)} the right label column?`,
      });
    }
    const columns: TrainingColumn[] = this.readers.map((reader) => {
      const { use } = reader;
      if (use.use === 'category') {
        return { kind: 'category', codes: reader.codes!.done(), values: [...reader.values!.keys()] };
      }
      if (use.use === 'date') {
        return {
          kind: 'date',
          times: reader.numbers!.done(),
          order: use.order,
          hasTime: reader.hasTime ?? false,
        };
      }
      return { kind: 'number', values: reader.numbers!.done() };
    });
    const features = this.readers.map((reader) => this.header[reader.column]);
    return {
      table: { schema: { features, label, classes }, rows: y.length, columns, y },
      unlabelled: this.unlabelled,
    };
  }
}

const DATE_FORMS: Readonly<Record<DateOrder, string>> = {
  ymd: 'dates here are written year first, as 2024-03-31',
  mdy: 'dates here are written month first, as 3/31/2024',
  dmy: 'dates here are written day first, as 31/3/2024',
};

/** A name a model cannot keep (column `column`, 0-based, of the file), or undefined. */
export function nameProblem(name: string, column: number): CsvError | undefined {
  if (name.length <= BUNDLE_LIMITS.nameLength) return undefined;
  return new CsvError({
    code: 'name-too-long',
    column: name,
    detail: `column ${column + 1}'s name is ${name.length.toLocaleString('en')} characters long; names can be up to ${BUNDLE_LIMITS.nameLength}.`,
  });
}

/** A label column with fewer than 2 classes (`classes`: the ones it has), which no classifier can learn. */
export function tooFewClasses(label: string, classes: readonly string[]): CsvError {
  return new CsvError({
    code: 'too-few-classes',
    column: label,
    detail: `the label column has ${classes.length === 0 ? 'no values' : `only one class (${quoted(classes[0])})`}; a classifier needs at least 2 classes. Is ${quoted(label)} the right label column?`,
  });
}

/**
 * Classes sorted numerically when they are all numbers, else by plain code-unit order, so the order (and so
 * every class index) is the same on every machine and locale.
 */
export function sortClasses(classes: readonly string[], decimal: Decimal): string[] {
  const numbers = new Map<string, number>();
  for (const value of classes) {
    const number = parseNumber(value, decimal);
    if (number === undefined) return [...classes].sort(byCodeUnit);
    numbers.set(value, number);
  }
  // Ties such as "1" and "1.0" are distinct classes; break them by text so the order stays total.
  return [...classes].sort((a, b) => numbers.get(a)! - numbers.get(b)! || byCodeUnit(a, b));
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
