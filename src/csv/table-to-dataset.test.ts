import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsvError, type CsvErrorCode } from './csv-error';
import { type CsvTable, parseCsvText } from './parse-csv';
import { tableToDataset } from './table-to-dataset';

function datasetError(text: string, label?: string): CsvError {
  try {
    tableToDataset(parseCsvText(text), { label });
  } catch (error) {
    if (error instanceof CsvError) return error;
    throw error;
  }
  throw new Error('expected a CsvError');
}

function expectLocated(
  error: CsvError,
  code: CsvErrorCode,
  row: number | undefined,
  column: string | undefined,
) {
  expect({ code: error.code, row: error.row, column: error.column }).toEqual({ code, row, column });
}

const GOOD = 'a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n';

describe('tableToDataset', () => {
  it('turns the iris file into 150 rows of 4 features and 3 classes', () => {
    const dataset = tableToDataset(parseCsvText(readFileSync('public/data/iris.csv', 'utf8')));
    expect(dataset.schema).toEqual({
      features: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
      label: 'species',
      classes: ['setosa', 'versicolor', 'virginica'],
    });
    expect(dataset.rows).toBe(150);
    expect(dataset.x).toBeInstanceOf(Float32Array);
    expect(dataset.x).toHaveLength(600);
    expect(Array.from(dataset.x.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
    expect(Array.from(dataset.x.subarray(596))).toEqual([5.9, 3.0, 5.1, 1.8].map(Math.fround));
    expect(dataset.y).toBeInstanceOf(Int32Array);
    const counts = [0, 0, 0];
    for (const y of dataset.y) counts[y]++;
    expect(counts).toEqual([50, 50, 50]);
    expect([dataset.y[0], dataset.y[50], dataset.y[149]]).toEqual([0, 1, 2]);
  });

  it('lays x out row-major with the label column removed, wherever it is', () => {
    const dataset = tableToDataset(parseCsvText('f1,kind,f2\n1,b,-2\n3,a,4e1\n5,b,6\n7,a,8\n'));
    expect(dataset.schema.features).toEqual(['f1', 'f2']);
    expect(Array.from(dataset.x)).toEqual([1, -2, 3, 40, 5, 6, 7, 8]);
    expect(Array.from(dataset.y)).toEqual([1, 0, 1, 0]);
  });

  it('uses the label column it is given and trims labels', () => {
    const dataset = tableToDataset(parseCsvText('a,b,c\n1, 0 ,9\n2,1,9\n3,0 ,8\n4,1,8\n'), { label: 'b' });
    expect(dataset.schema).toEqual({ features: ['a', 'c'], label: 'b', classes: ['0', '1'] });
    expect(Array.from(dataset.y)).toEqual([0, 1, 0, 1]);
    expect(Array.from(dataset.x)).toEqual([1, 9, 2, 9, 3, 8, 4, 8]);
  });

  it('reports the file row after blank lines', () => {
    const error = datasetError('a,b,label\n1,2,x\n\n\n3,oops,y\n5,6,x\n7,8,y\n');
    expectLocated(error, 'not-a-number', 5, 'b');
    expect(error.message).toBe('Row 5, column "b": "oops" is not a number.');
  });

  it('rejects an unknown label column', () => {
    expectLocated(datasetError(GOOD, 'species'), 'unknown-column', undefined, 'species');
  });

  it('rejects a file with no feature columns', () => {
    expectLocated(datasetError('label\nx\ny\nx\ny\n'), 'no-feature-columns', undefined, 'label');
  });

  it.each([
    ['', 'empty-value'],
    ['  ', 'empty-value'],
    ['abc', 'not-a-number'],
    ['1,5', 'not-a-number'],
    ['0x10', 'not-a-number'],
    ['NaN', 'not-finite'],
    ['Infinity', 'not-finite'],
    ['-inf', 'not-finite'],
    ['1e400', 'not-finite'],
    ['3.5e38', 'not-finite'],
    ['-1e39', 'not-finite'],
  ])('rejects the feature value %j as %s, naming row and column', (value, code) => {
    const error = datasetError(`a,b,label\n1,2,x\n3,"${value}",y\n5,6,x\n7,8,y\n`);
    expectLocated(error, code as CsvErrorCode, 3, 'b');
  });

  it('words each cell error for the user', () => {
    expect(datasetError('a,b,label\n1,,x\n3,4,y\n').message).toBe('Row 2, column "b": the value is empty.');
    expect(datasetError('a,b,label\n1,NaN,x\n3,4,y\n').message).toBe(
      'Row 2, column "b": "NaN" is not a finite number in the range a 32-bit float can hold.',
    );
  });

  it('accepts the largest float32 values', () => {
    const dataset = tableToDataset(parseCsvText('a,label\n3.4e38,x\n-3.4e38,y\n1,x\n2,y\n'));
    expect(dataset.x[0]).toBe(Math.fround(3.4e38));
  });

  it('reports the first bad cell in reading order', () => {
    expectLocated(datasetError('a,b,label\n1,2,x\n3,z,\nq,4,y\n'), 'not-a-number', 3, 'b');
  });

  it('rejects an empty label', () => {
    const error = datasetError('a,b,label\n1,2,x\n3,4, \n5,6,y\n7,8,x\n9,10,y\n');
    expectLocated(error, 'empty-value', 3, 'label');
    expect(error.message).toBe('Row 3, column "label": the label is empty.');
  });

  it('rejects a label column with only one class', () => {
    const error = datasetError('a,label\n1,x\n2,x\n3,x\n');
    expectLocated(error, 'too-few-classes', undefined, 'label');
    expect(error.message).toContain('only one class ("x")');
  });

  it('rejects a class with only one row, naming the class and its row', () => {
    const error = datasetError('a,label\n1,x\n2,y\n3,x\n4,z\n5,y\n');
    expectLocated(error, 'class-too-small', 5, 'label');
    expect(error.message).toContain('class "z" has only this one row');
  });

  it('rejects a ragged row in a table built by hand', () => {
    const table: CsvTable = { header: ['a', 'label'], rows: [['1', 'x'], ['2']], delimiter: ',' };
    expect(() => tableToDataset(table)).toThrow(CsvError);
    try {
      tableToDataset(table);
    } catch (error) {
      expectLocated(error as CsvError, 'ragged-row', 3, undefined);
    }
  });

  it('reads a hand-built table with no row numbers as data starting at row 2', () => {
    const table: CsvTable = {
      header: ['a', 'label'],
      rows: [
        ['1', 'x'],
        ['2', 'y'],
        ['?', 'x'],
      ],
      delimiter: ',',
    };
    try {
      tableToDataset(table);
      expect.unreachable();
    } catch (error) {
      expectLocated(error as CsvError, 'not-a-number', 4, 'a');
    }
  });
});
