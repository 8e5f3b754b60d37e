import { describe, expect, it } from 'vitest';
import { sampleRows } from '../../core/training-sample';
import { trainingTableFromCsv } from '../../csv/csv-training-table';
import { parseCsvText } from '../../csv/parse-csv';
import { Cell, RowEncoder } from '../../csv/row-encoder';
import { mapColumns } from '../../score/map-columns';
import { defaultModel } from '../../test/default-model';
import { trainedBundle } from '../../test/trained-bundle';
import { SAMPLE_ROWS, sampleCsv, type TemplateMetadata, templateCsv, templateFileName } from './csv-template';

/** A small file of every kind of column: numbers (one with blanks), a category, a date with a time. */
function mixedCsv(): string {
  const lines = ['weight,colour,seen,height,kind'];
  const colours = ['red', 'green', 'blue'];
  for (let i = 0; i < 60; i++) {
    const kind = i % 3;
    const weight = (10 + kind * 5 + (i % 7) * 0.25).toFixed(2);
    const height = i % 10 === 4 ? '' : String(100 + kind * 20 + (i % 5));
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(
      `${weight},${colours[(kind + (i % 4 === 0 ? 1 : 0)) % 3]},2024-03-${day} 1${kind}:30,${height},k${kind}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** What the row encoder (the one every scorer uses) finds in each cell of a CSV's rows, for `metadata`. */
function readings(metadata: TemplateMetadata, text: string) {
  const csv = parseCsvText(text);
  const mapping = mapColumns(csv.header, metadata.schema);
  const encoder = new RowEncoder(metadata);
  const out = new Float32Array(encoder.width);
  return {
    csv,
    mapping,
    cells: csv.rows.map((row) =>
      mapping.features.map((column, f) => encoder.encode(f, row[column.column], out, 0)),
    ),
  };
}

describe('templateCsv', () => {
  it('is the header of the model’s features in schema order, then its label', () => {
    expect(templateCsv(defaultModel.metadata.schema)).toBe(
      'sepal_length,sepal_width,petal_length,petal_width,species\n',
    );
    expect(templateCsv({ features: ['b', 'a, "quoted"'], label: 'y', classes: ['p', 'q'] })).toBe(
      'b,"a, ""quoted""",y\n',
    );
  });

  it('names the files after the version', () => {
    expect(templateFileName(3, 'template')).toBe('petal-v3-template.csv');
    expect(templateFileName(3, 'sample')).toBe('petal-v3-sample.csv');
  });
});

describe('sampleCsv', () => {
  it('takes kept training rows in turn from each class, every cell readable and inside the training range', async () => {
    const { table } = trainingTableFromCsv(parseCsvText(mixedCsv()));
    const bundle = await trainedBundle({ table });
    const { metadata } = bundle;
    expect(metadata.pipeline.steps.map((step) => step.kind)).toEqual([
      'number',
      'category',
      'date',
      'number',
    ]);
    const text = sampleCsv(metadata, sampleRows(table, 1));
    const { csv, mapping, cells } = readings(metadata, text);
    expect(csv.header).toEqual([...metadata.schema.features, metadata.schema.label]);
    expect(mapping.features.map((column) => column.match)).toEqual(
      metadata.schema.features.map(() => 'exact'),
    );
    expect(csv.rows).toHaveLength(SAMPLE_ROWS);
    // Taken in turn: the classes cycle k0, k1, k2, …
    expect(csv.rows.slice(0, 6).map((row) => row.at(-1))).toEqual(['k0', 'k1', 'k2', 'k0', 'k1', 'k2']);
    for (const row of cells) expect(row.every((cell) => cell === Cell.Ok)).toBe(true);
    // The date keeps its time, since the model reads the time of day.
    expect(csv.rows[0][csv.header.indexOf('seen')]).toMatch(/^2024-03-\d\dT1\d:30$/);
    // A category (not kept with the rows) is its class's most common value.
    const colour = csv.header.indexOf('colour');
    expect(csv.rows.slice(0, 3).map((row) => row[colour])).toEqual(['red', 'green', 'blue']);
    // No blank is written, though the kept rows have some.
    expect(csv.rows.every((row) => row.every((cell) => cell !== ''))).toBe(true);
  });

  it('without kept rows, writes one row per class from the class examples, which score as their class reads them', () => {
    const { metadata } = defaultModel;
    const text = sampleCsv(metadata, null);
    const { csv, cells } = readings(metadata, text);
    expect(csv.header).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']);
    expect(csv.rows.map((row) => row.at(-1))).toEqual(['setosa', 'versicolor', 'virginica']);
    for (const row of cells) expect(row.every((cell) => cell === Cell.Ok)).toBe(true);
  });

  it('without examples either, spreads rows over the deciles and leaves the unknown label out', () => {
    const { classExamples: _, ...metadata } = defaultModel.metadata;
    const text = sampleCsv(metadata, null);
    const { csv, cells } = readings(metadata, text);
    expect(csv.header).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(csv.rows).toHaveLength(9);
    for (const row of cells) expect(row.every((cell) => cell === Cell.Ok)).toBe(true);
  });

  it('skips kept rows outside the training range and falls back when none is left', () => {
    const { metadata } = defaultModel;
    const far = { x: [[100, 100, 100, 100]], y: [0] };
    expect(sampleCsv(metadata, far)).toBe(sampleCsv(metadata, null));
  });
});
