import { describe, expect, it } from 'vitest';
import type { ScoreFileInspection } from '../worker-bridge/protocol';
import { type BatchModel, inspectionProblem, modelName } from './batch-model';

const model: BatchModel = { id: 'id3', version: 3, name: 'iris' };

const inspection: ScoreFileInspection = {
  name: 'short.csv',
  size: 30,
  delimiter: ',',
  header: ['id', 'Sepal_Length', 'petal_length'],
  columns: 3,
  rows: [['1', '5.1', '1.4']],
  features: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
  label: 'species',
  mapping: null,
  missing: ['sepal_width', 'petal_width'],
  error: { name: 'ColumnMappingError', code: 'missing-features', message: 'The file has no column for …' },
};

describe('modelName', () => {
  it('names a model by its name and version, a long name shortened', () => {
    expect(modelName(model)).toBe('“iris” (v3)');
    expect(modelName({ ...model, name: 'x'.repeat(500) })).toBe(`“${'x'.repeat(60)}… (500 characters)” (v3)`);
  });
});

describe('inspectionProblem', () => {
  it('names the model, the columns it needs and the columns the file has', () => {
    expect(inspectionProblem(inspection, model).message).toBe(
      'Model “iris” (v3) needs 2 columns this file does not have: "sepal_width", "petal_width". The file\'s columns are "id", "Sepal_Length", "petal_length". The CSV template above has every column it expects.',
    );
    expect(inspectionProblem({ ...inspection, missing: ['petal_width'] }, model).message).toMatch(
      /^Model “iris” \(v3\) needs a column this file does not have: "petal_width"\./,
    );
  });

  it('says how many columns a wide file has when only its first ones are listed', () => {
    expect(inspectionProblem({ ...inspection, columns: 5000 }, model).message).toContain(
      'The file\'s columns are "id", "Sepal_Length", "petal_length" (5,000 in all).',
    );
  });

  it('names the model for another mismatch of columns (two matching one feature)', () => {
    const ambiguous = {
      ...inspection,
      missing: [],
      error: { ...inspection.error!, message: 'Rename all but one.' },
    };
    expect(inspectionProblem(ambiguous, model)).toEqual({
      message: 'Model “iris” (v3) cannot score this file: Rename all but one.',
    });
  });

  it('passes a CSV error on as it is, with its row', () => {
    const csv = {
      ...inspection,
      missing: [],
      error: { name: 'CsvError', code: 'malformed-quotes', message: 'Row 4 has an unclosed quote.', row: 4 },
    };
    expect(inspectionProblem(csv, model)).toEqual({ message: 'Row 4 has an unclosed quote.', row: 4 });
  });
});
