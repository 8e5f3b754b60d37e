import { describe, expect, it } from 'vitest';
import { ColumnMappingError, looseName, mapColumns } from './map-columns';

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
    expect(mapping.loose).toEqual([]);
  });

  it('matches ignoring case when there is no exact match, and says which', () => {
    const mapping = mapColumns(['Sepal_Length', 'sepal_width', 'PETAL_LENGTH', 'Species'], schema);
    expect(mapping.loose.map((f) => `${f.header} → ${f.feature}`)).toEqual([
      'Sepal_Length → sepal_length',
      'PETAL_LENGTH → petal_length',
    ]);
    expect(mapping.features[1]).toMatchObject({ header: 'sepal_width', match: 'exact' });
    expect(mapping.label).toEqual({ column: 3, header: 'Species', match: 'loose' });
    expect(mapping.extraColumns).toEqual([]);
  });

  it('matches ignoring spaces, "_" and "-" differences too', () => {
    const mapping = mapColumns([' Sepal Length ', 'sepal-width', 'Petal  __ Length', 'SPECIES'], schema);
    expect(mapping.features.map((f) => [f.feature, f.column, f.header, f.match])).toEqual([
      ['sepal_length', 0, 'Sepal Length', 'loose'],
      ['sepal_width', 1, 'sepal-width', 'loose'],
      ['petal_length', 2, 'Petal  __ Length', 'loose'],
    ]);
    expect(mapping.loose).toHaveLength(3);
    expect(mapping.label).toEqual({ column: 3, header: 'SPECIES', match: 'loose' });
  });

  it('matches a model feature named with spaces to a file column with "_"', () => {
    const mapping = mapColumns(['sepal_length', 'sepal_width', 'petal_length'], {
      features: ['Sepal Length', 'Sepal Width', 'petal_length'],
      label: 'Species',
    });
    expect(mapping.features.map((f) => `${f.header} → ${f.feature} (${f.match})`)).toEqual([
      'sepal_length → Sepal Length (loose)',
      'sepal_width → Sepal Width (loose)',
      'petal_length → petal_length (exact)',
    ]);
    expect(mapping.label).toBeUndefined();
  });

  it('does not match names that differ by more than case and separators', () => {
    expect(mappingError(['sepallength', 'sepal_width', 'petal_length']).missing).toEqual(['sepal_length']);
    expect(mappingError(['sepal.length', 'sepal_width', 'petal_length']).missing).toEqual(['sepal_length']);
    expect(mappingError(['sepal_lengths', 'sepal_width', 'petal_length']).missing).toEqual(['sepal_length']);
  });

  it('compares names lower-cased, each run of separators one space, none at the ends', () => {
    expect(looseName('  Sepal_-_Length\t')).toBe('sepal length');
    expect(looseName('A-B c_D')).toBe('a b c d');
    expect(looseName('_x_')).toBe('x');
  });

  it('prefers an exact match to a loose one', () => {
    const mapping = mapColumns(['SEPAL_LENGTH', 'sepal_length', 'sepal_width', 'petal_length'], schema);
    expect(mapping.features[0]).toMatchObject({ column: 1, match: 'exact' });
    expect(mapping.extraColumns).toEqual(['SEPAL_LENGTH']);
    expect(mapping.loose).toEqual([]);
  });

  it('never lets a loose match take a column another feature names exactly', () => {
    // "Sepal Width" would match sepal_width loosely, but the file has sepal_width's own column.
    const mapping = mapColumns(['sepal length', 'Sepal Width', 'sepal_width', 'petal_length'], schema);
    expect(mapping.features.map((f) => [f.column, f.match])).toEqual([
      [0, 'loose'],
      [2, 'exact'],
      [3, 'exact'],
    ]);
    expect(mapping.extraColumns).toEqual(['Sepal Width']);
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
    expect(error.message).toContain('matches several columns when case, spaces, "_" and "-" are ignored');
  });

  it('refuses to guess between two columns that both match loosely, naming both', () => {
    const error = mappingError(['Sepal Length', 'sepal-length', 'sepal_width', 'petal_length']);
    expect(error.missing).toEqual([]);
    expect(error.ambiguous).toEqual([{ feature: 'sepal_length', columns: ['Sepal Length', 'sepal-length'] }]);
    expect(error.message).toBe(
      'The feature "sepal_length" matches several columns when case, spaces, "_" and "-" are ignored: ' +
        '"Sepal Length", "sepal-length". Rename all but one. ' +
        `The file's columns are: "Sepal Length", "sepal-length", "sepal_width", "petal_length".`,
    );
  });

  it('takes no label from two columns that both match it loosely', () => {
    const mapping = mapColumns(['sepal_length', 'sepal_width', 'petal_length', 'Species', 'SPECIES'], schema);
    expect(mapping.label).toBeUndefined();
    expect(mapping.extraColumns).toEqual(['Species', 'SPECIES']);
  });
});
