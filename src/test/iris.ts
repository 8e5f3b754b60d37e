// The iris file as tests read it: the table the Train tab would build from it, and its rows as numbers.
import { readFileSync } from 'node:fs';
import type { Dataset } from '../core/dataset';
import type { TrainingTable } from '../core/pipeline/training-table';
import { trainingTableFromCsv } from '../csv/csv-training-table';
import { parseCsvText } from '../csv/parse-csv';

export const IRIS_TEXT = readFileSync(new URL('../../public/data/iris.csv', import.meta.url), 'utf8');

/** Iris as a training table, read as the Train tab reads it (four number columns, "species" the label). */
export function irisTable(): TrainingTable {
  return trainingTableFromCsv(parseCsvText(IRIS_TEXT)).table;
}

/** Iris's rows as float32 inputs (what a folded model takes), with their classes. */
export function irisDataset(): Dataset {
  return datasetOf(irisTable());
}

/** An all-number table's rows as float32 inputs, row-major. */
export function datasetOf(table: TrainingTable): Dataset {
  const width = table.columns.length;
  const x = new Float32Array(table.rows * width);
  table.columns.forEach((column, f) => {
    if (column.kind !== 'number') throw new TypeError(`Column ${f} is a ${column.kind} column.`);
    for (let row = 0; row < table.rows; row++) x[row * width + f] = column.values[row];
  });
  return { schema: table.schema, rows: table.rows, x, y: table.y };
}
