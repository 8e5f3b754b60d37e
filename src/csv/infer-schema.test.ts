import { describe, expect, it } from 'vitest';
import { CsvError } from './csv-error';
import { inferSchema } from './infer-schema';

function catchError(run: () => unknown): CsvError {
  try {
    run();
  } catch (error) {
    if (error instanceof CsvError) return error;
    throw error;
  }
  throw new Error('expected a CsvError');
}

describe('inferSchema', () => {
  it('picks the last non-numeric column as the label, features in file order', () => {
    const schema = inferSchema({
      header: ['id', 'colour', 'width', 'species', 'height'],
      rows: [
        ['1', 'red', '2.5', 'b', '3'],
        ['2', 'blue', '1.5', 'a', '4'],
        ['3', 'red', '0.5', 'b', '5'],
      ],
    });
    expect(schema).toEqual({
      features: ['id', 'colour', 'width', 'height'],
      label: 'species',
      classes: ['a', 'b'],
    });
  });

  it('uses the last column when every column is numeric, sorting numeric classes by value', () => {
    const schema = inferSchema({
      header: ['x', 'y', 'grade'],
      rows: [
        ['1', '2', '10'],
        ['1', '2', '2'],
        ['1', '2', '-1'],
        ['1', '2', '1.5'],
        ['1', '2', '2'],
      ],
    });
    expect(schema.label).toBe('grade');
    expect(schema.features).toEqual(['x', 'y']);
    expect(schema.classes).toEqual(['-1', '1.5', '2', '10']);
  });

  it('sorts text classes by code unit, independent of locale', () => {
    const schema = inferSchema({
      header: ['x', 'c'],
      rows: [
        ['1', 'b'],
        ['1', 'B'],
        ['1', 'a'],
        ['1', 'é'],
      ],
    });
    expect(schema.classes).toEqual(['B', 'a', 'b', 'é']);
  });

  it('keeps numerically equal but differently written labels apart, in a stable order', () => {
    const schema = inferSchema({
      header: ['x', 'c'],
      rows: [
        ['1', '1.0'],
        ['1', '1'],
        ['1', '0'],
      ],
    });
    expect(schema.classes).toEqual(['0', '1', '1.0']);
  });

  it('trims label values and leaves empty ones out of the classes', () => {
    const schema = inferSchema({
      header: ['x', 'c'],
      rows: [
        ['1', ' yes'],
        ['1', 'no '],
        ['1', ' '],
      ],
    });
    expect(schema.classes).toEqual(['no', 'yes']);
  });

  it('does not take a numeric column with gaps, NaN or Infinity for the label', () => {
    const schema = inferSchema({
      header: ['species', 'a', 'b', 'c'],
      rows: [
        ['setosa', '1', '', 'NaN'],
        ['virginica', '2', '3', 'Infinity'],
      ],
    });
    expect(schema.label).toBe('species');
    expect(schema.features).toEqual(['a', 'b', 'c']);
  });

  it('uses the label it is given', () => {
    const schema = inferSchema({ header: ['a', 'b', 'c'], rows: [['1', 'x', '2']], label: 'a' });
    expect(schema).toEqual({ features: ['b', 'c'], label: 'a', classes: ['1'] });
  });

  it('returns no features for a single column', () => {
    expect(inferSchema({ header: ['c'], rows: [['x']] }).features).toEqual([]);
  });

  it('rejects an unknown label column', () => {
    const error = catchError(() => inferSchema({ header: ['a', 'b'], rows: [['1', 'x']], label: 'species' }));
    expect(error.code).toBe('unknown-column');
    expect(error.column).toBe('species');
    expect(error.row).toBeUndefined();
    expect(error.message).toBe('Column "species": there is no such column. The columns are: "a", "b".');
  });

  it('rejects duplicate column names', () => {
    const error = catchError(() => inferSchema({ header: ['a', 'b', 'a'], rows: [] }));
    expect(error.code).toBe('duplicate-column-name');
    expect(error.column).toBe('a');
  });
});

describe('inferSchema within what a model can hold', () => {
  const rows = [
    ['1', '2', 'x'],
    ['3', '4', 'y'],
  ];

  it('refuses more columns than a model holds, before reading the rows', () => {
    const header = Array.from({ length: 20_000 }, (_, i) => `c${i}`);
    const error = catchError(() => inferSchema({ header, rows: [] }));
    expect(error.code).toBe('too-many-columns');
    expect(error.message).toBe(
      'The file has 20,000 columns; Petal trains on up to 1,000 feature columns and a label.',
    );
  });

  it('refuses a name or a class longer than a model keeps, quoting only its start', () => {
    const long = 'F'.repeat(102_400);
    const name = catchError(() => inferSchema({ header: ['a', long, 'kind'], rows }));
    expect(name.code).toBe('name-too-long');
    expect(name.message).toMatch(
      /^Column "F{60}… \(102,400 characters\)": column 2's name is 102,400 characters long; names can be up to 200\.$/,
    );
    const label = 'x'.repeat(3 * 1024 * 1024);
    const cls = catchError(() =>
      inferSchema({ header: ['a', 'b', 'kind'], rows: [...rows, ['5', '6', label]] }),
    );
    expect(cls).toMatchObject({ code: 'name-too-long', row: 4, column: 'kind' });
    expect(cls.message.length).toBeLessThan(400);
  });

  it('refuses more classes than a model tells apart', () => {
    const many = Array.from({ length: 1001 }, (_, i) => ['1', '2', `class ${i}`]);
    const error = catchError(() => inferSchema({ header: ['a', 'b', 'kind'], rows: many }));
    expect(error).toMatchObject({ code: 'too-many-classes', column: 'kind' });
    expect(inferSchema({ header: ['a', 'b', 'kind'], rows: many.slice(0, 1000) }).classes).toHaveLength(1000);
  });
});
