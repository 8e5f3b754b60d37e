import { describe, expect, it } from 'vitest';
import { ColumnMappingError, mapColumns } from './map-columns';

const schema = { features: ['sepal_length', 'sepal_width', 'petal_length'], label: 'species' };

function mappingError(header: string[]): ColumnMappingError {
  try {
    mapColumns(header, schema);
  } catch (error) {
    if (error instanceof ColumnMappingError) return error;
    throw error;
  }
  throw new Error('expected a ColumnMappingError');
}

describe('mapColumns', () => {
  it('finds the features by name in any order and keeps the extra columns', () => {
    const mapping = mapColumns(['id', 'petal_length', 'note', 'sepal_width', 'sepal_length'], schema);
    expect(mapping.features.map((f) => [f.feature, f.column, f.match])).toEqual([
      ['sepal_length', 4, 'exact'],
      ['sepal_width', 3, 'exact'],
      ['petal_length', 1, 'exact'],
    ]);
    expect(mapping.extraColumns).toEqual(['id', 'note']);
    expect(mapping.label).toBeUndefined();
    expect(mapping.caseInsensitive).toEqual([]);
  });

  it('matches ignoring case when there is no exact match, and says which', () => {
    const mapping = mapColumns(['Sepal_Length', 'sepal_width', 'PETAL_LENGTH', 'Species'], schema);
    expect(mapping.caseInsensitive.map((f) => `${f.header} → ${f.feature}`)).toEqual([
      'Sepal_Length → sepal_length',
      'PETAL_LENGTH → petal_length',
    ]);
    expect(mapping.label).toEqual({ column: 3, header: 'Species', match: 'case-insensitive' });
    expect(mapping.extraColumns).toEqual([]);
  });

  it('prefers an exact match to a case-insensitive one', () => {
    const mapping = mapColumns(['SEPAL_LENGTH', 'sepal_length', 'sepal_width', 'petal_length'], schema);
    expect(mapping.features[0]).toMatchObject({ column: 1, match: 'exact' });
    expect(mapping.extraColumns).toEqual(['SEPAL_LENGTH']);
  });

  it('detects the label column for evaluation', () => {
    const mapping = mapColumns(['species', 'sepal_length', 'sepal_width', 'petal_length'], schema);
    expect(mapping.label).toEqual({ column: 0, header: 'species', match: 'exact' });
  });

  it('lists every missing feature in one error, with the file’s columns', () => {
    const error = mappingError(['sepal_width', 'colour']);
    expect(error.missing).toEqual(['sepal_length', 'petal_length']);
    expect(error.message).toBe(
      `The file has no column for 2 of the model's features: "sepal_length", "petal_length". ` +
        `The file's columns are: "sepal_width", "colour".`,
    );
  });

  it('refuses to guess between columns that differ only by case', () => {
    const error = mappingError(['Sepal_Length', 'SEPAL_LENGTH', 'sepal_width', 'petal_length']);
    expect(error.missing).toEqual([]);
    expect(error.ambiguous).toEqual([{ feature: 'sepal_length', columns: ['Sepal_Length', 'SEPAL_LENGTH'] }]);
    expect(error.message).toContain('matches several columns when case is ignored');
  });
});
