import { describe, expect, it } from 'vitest';
import { IRIS_TEXT } from '../test/iris';
import { CsvError, type CsvErrorCode } from './csv-error';
import { trainingTableFromCsv } from './csv-training-table';
import { parseCsvText } from './parse-csv';

function read(text: string, options: Parameters<typeof trainingTableFromCsv>[1] = {}) {
  return trainingTableFromCsv(parseCsvText(text), options);
}

function errorOf(text: string, options: Parameters<typeof trainingTableFromCsv>[1] = {}): CsvError {
  try {
    read(text, options);
  } catch (error) {
    if (error instanceof CsvError) return error;
    throw error;
  }
  throw new Error('expected a CsvError');
}

function expectLocated(error: CsvError, code: CsvErrorCode, row?: number, column?: string) {
  expect({ code: error.code, row: error.row, column: error.column }).toEqual({ code, row, column });
}

describe('trainingTableFromCsv', () => {
  it('reads iris as four number columns and the species label', () => {
    const { table, plan, unlabelled } = read(IRIS_TEXT);
    expect(table.schema).toEqual({
      features: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
      label: 'species',
      classes: ['setosa', 'versicolor', 'virginica'],
    });
    expect(plan.map((use) => use.use)).toEqual(['number', 'number', 'number', 'number', 'label']);
    expect(table.rows).toBe(150);
    expect(unlabelled).toBe(0);
    const first = table.columns.map((column) => (column.kind === 'number' ? column.values[0] : NaN));
    expect(first).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect([table.y[0], table.y[50], table.y[149]]).toEqual([0, 1, 2]);
  });

  it('reads a messy file as it is: a category, blanks, a date, an ID left out, a blank label left out', () => {
    const rows = Array.from({ length: 40 }, (_, i) =>
      [
        `id-${1000 + i}`,
        ['Biscoe', 'Dream', 'Torgersen'][i % 3],
        i % 7 === 0 ? '' : String(30 + (i % 11)),
        `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`,
        i === 5 ? '' : ['Adelie', 'Gentoo'][i % 2],
      ].join(','),
    );
    const { table, plan, unlabelled } = read(`id,island,bill,seen,species\n${rows.join('\n')}\n`);
    expect(plan.map((use) => use.use)).toEqual(['ignore', 'category', 'number', 'date', 'label']);
    expect(table.schema.features).toEqual(['island', 'bill', 'seen']);
    expect(table.columns.map((column) => column.kind)).toEqual(['category', 'number', 'date']);
    expect(unlabelled).toBe(1);
    expect(table.rows).toBe(39);
    const bill = table.columns[1];
    expect(bill.kind === 'number' && Number.isNaN(bill.values[0])).toBe(true);
  });

  it('uses the label it is given and the uses it is told, by column name', () => {
    const text = 'a,b,zip,c\n1,0,101,x\n2,1,102,y\n3,0,101,x\n4,1,102,y\n';
    const { table } = read(text, { label: 'b', uses: { zip: 'category', c: 'ignore' } });
    expect(table.schema).toEqual({ features: ['a', 'zip'], label: 'b', classes: ['0', '1'] });
    expect(table.columns.map((column) => column.kind)).toEqual(['number', 'category']);
    expectLocated(errorOf(text, { uses: { nope: 'ignore' } }), 'unknown-column', undefined, 'nope');
    expectLocated(errorOf(text, { label: 'species' }), 'unknown-column', undefined, 'species');
  });

  it('names the file row of a bad cell after blank lines, and what to do', () => {
    const error = errorOf('a,b,label\n1,2,x\n\n\n3,oops,y\n5,6,x\n7,8,y\n', { uses: { b: 'number' } });
    // "oops" among numbers makes b a category column by default; asked to read it as numbers, the plan
    // itself is refused, naming the column.
    expectLocated(error, 'wrong-use', undefined, 'b');
    expect(error.message).toContain('"oops"');
  });

  it('refuses a file with nothing to learn from, naming the column', () => {
    const constant = errorOf('a,label\n1,x\n2,x\n3,x\n', { label: 'label' });
    expectLocated(constant, 'wrong-use', undefined, 'label');
    expect(constant.message).toContain('fewer than 2 different values');
    expectLocated(errorOf('a,label\n1,x\n2,y\n3,x\n4,z\n5,y\n'), 'class-too-small', 5, 'label');
    expect(errorOf('label,other\nx,1\ny,2\nx,3\n', { uses: { other: 'ignore' } }).code).toBe(
      'no-feature-columns',
    );
  });

  it('reads a semicolon, decimal-comma iris (as a European spreadsheet writes it) as the comma file', () => {
    const european = IRIS_TEXT.replaceAll(',', ';').replaceAll('.', ',');
    expect(european).toContain('5,1;3,5;1,4;0,2;setosa');
    expect(parseCsvText(european)).toMatchObject({ delimiter: ';', decimal: ',' });
    expect(read(european).table).toEqual(read(IRIS_TEXT).table);
  });

  it('refuses more classes than a model tells apart, and a name longer than a model keeps', () => {
    const many = Array.from({ length: 1001 }, (_, i) => `1,2,class ${i}`).join('\n');
    expect(errorOf(`a,b,kind\n${many}\n`, { label: 'kind' }).code).toBe('wrong-use');
    const long = 'F'.repeat(102_400);
    const name = errorOf(`a,${long},kind\n1,2,x\n3,4,y\n1,2,x\n3,4,y\n`);
    expect(name.code).toBe('name-too-long');
    expect(name.message.length).toBeLessThan(300);
  });
});
