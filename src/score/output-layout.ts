// What a scored file's rows are made of besides the input's cells, worked out once per file: the header line,
// each class's "predicted" cell and the fixed tails, as bytes ready to copy; and the words of a bad row.

import { describeCell, type RowEncoder } from '../csv/row-encoder';
import { ByteWriter } from './byte-writer';
import { csvCell } from './csv-cell';
import type { ColumnMapping } from './map-columns';

const NEWLINE = '\n';

export interface OutputLayout {
  readonly delimiter: string;
  /** The output's column names: the input's, then the predictions (renamed on a clash). */
  readonly columns: string[];
  readonly headerLine: string;
  /** Per class: the delimiter and the class as the `predicted_<label>` cell, UTF-8. */
  readonly predictedCells: Uint8Array[];
  /** Per class: its label, UTF-8, to compare a plain record's label cell with. */
  readonly classBytes: Uint8Array[];
  /** The row's tail after the probabilities, inside and outside the training range. */
  readonly inRange: Uint8Array;
  readonly outOfRange: Uint8Array;
  /** A bad row's empty prediction cells, up to its error cell. */
  readonly emptyPredictions: string;
  /**
   * The input columns other than number features (whose cells were just read as numbers): the cells
   * addRecord checks for a formula-like start.
   */
  readonly otherColumns: Int32Array;
}

export const EMPTY_LAYOUT: OutputLayout = {
  delimiter: ',',
  columns: [],
  headerLine: '',
  predictedCells: [],
  classBytes: [],
  inRange: new Uint8Array(0),
  outOfRange: new Uint8Array(0),
  emptyPredictions: '',
  otherColumns: new Int32Array(0),
};

/**
 * How many columns the scored file adds after the input's: the predicted class, one probability per
 * class, the range flag and the error (the order `outputLayout` writes them in).
 */
export function addedColumnCount(classes: number): number {
  return classes + 3;
}

/**
 * The layout of the scored file for an input `header`: its columns, then `predicted_<label>`, one
 * `probability_<class>` per class, `outside_training_range` and `error`, each renamed `_2` (`_3`…) when the
 * input has a column of that name.
 */
export function outputLayout(
  header: readonly string[],
  delimiter: string,
  label: string,
  classes: readonly string[],
  numberColumns: Int32Array,
): OutputLayout {
  const taken = new Set(header);
  const added = [
    `predicted_${label}`,
    ...classes.map((name) => `probability_${name}`),
    'outside_training_range',
    'error',
  ].map((name) => uniqueName(name, taken));
  const columns = [...header, ...added];
  const encoded = (text: string) => {
    const writer = new ByteWriter(text.length * 3);
    writer.text(text);
    return writer.take();
  };
  const numbers = new Set(numberColumns);
  return {
    delimiter,
    columns,
    headerLine: columns.map((name) => csvCell(name, delimiter)).join(delimiter) + NEWLINE,
    predictedCells: classes.map((name) => encoded(delimiter + csvCell(name, delimiter))),
    classBytes: classes.map((name) => encoded(name)),
    inRange: encoded(`${delimiter}false${delimiter}${NEWLINE}`),
    outOfRange: encoded(`${delimiter}true${delimiter}${NEWLINE}`),
    // predicted, one per class, outside_training_range, then the error cell follows its delimiter.
    emptyPredictions: delimiter.repeat(addedColumnCount(classes.length)),
    otherColumns: Int32Array.from(header.keys()).filter((column) => !numbers.has(column)),
  };
}

/**
 * What is wrong with a row that cannot be scored (every bad value in it), and the columns at fault; its
 * feature cells are read as the run reads them, by the model's `encoder`.
 */
export function describeBadRow(
  cells: readonly string[],
  width: number,
  featureColumns: Int32Array,
  names: ColumnMapping['header'],
  encoder: RowEncoder,
): { message: string; columns: string[] } {
  const columns: string[] = [];
  if (cells.length !== width) {
    let message = `the row has ${cells.length} ${cells.length === 1 ? 'value' : 'values'} but the header has ${width} columns`;
    if (cells.length > width) message += '; the extra values are not written';
    return { message, columns };
  }
  const parts: string[] = [];
  featureColumns.forEach((column, f) => {
    const text = cells[column];
    const problem = encoder.problemOf(f, text);
    if (problem === undefined) return;
    const name = names[column];
    parts.push(describeCell(name, text, problem));
    columns.push(name);
  });
  return { message: parts.join('; '), columns };
}

function uniqueName(name: string, taken: Set<string>): string {
  let unique = name;
  for (let n = 2; taken.has(unique); n++) unique = `${name}_${n}`;
  taken.add(unique);
  return unique;
}
