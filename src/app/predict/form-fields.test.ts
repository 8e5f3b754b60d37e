import { describe, expect, it } from 'vitest';
import type { PetalMetadata } from '../../core/bundle/bundle-format';
import { fitPipeline } from '../../core/pipeline/fit-pipeline';
import { classExamples, profileInputs } from '../../core/pipeline/input-profiles';
import { numberSteps } from '../../core/pipeline/input-steps';
import type { TrainingTable } from '../../core/pipeline/training-table';
import { formFields } from './form-fields';

const NaN_ = Number.NaN;

/**
 * Six rows of a number column with a blank, one without, a category column with a blank value and a date
 * column (with times in `timed`), two classes: the metadata is what training would write for them.
 */
function metadataOf(
  timed: boolean,
): Pick<PetalMetadata, 'schema' | 'pipeline' | 'featureProfiles' | 'classExamples'> {
  const table: TrainingTable = {
    schema: { features: ['body_mass', 'flipper', 'island', 'seenOn'], label: 'species', classes: ['a', 'b'] },
    rows: 6,
    columns: [
      { kind: 'number', values: Float64Array.from([3.2, NaN_, 4.2, 5, 5.2, 6]) },
      { kind: 'number', values: Float64Array.from([180, 190, 200, 210, 220, 230]) },
      { kind: 'category', values: ['Dream', '', 'Biscoe'], codes: Int32Array.from([0, 0, 1, 2, 2, 2]) },
      {
        kind: 'date',
        order: 'dmy',
        hasTime: timed,
        times: Float64Array.from([1, 2, 3, 4, 5, 6], (d) => Date.UTC(2020, 0, d, timed ? 12 : 0)),
      },
    ],
    y: Int32Array.from([0, 0, 0, 1, 1, 1]),
  };
  const rows = [0, 1, 2, 3, 4, 5];
  const pipeline = fitPipeline(table, rows);
  return {
    schema: table.schema,
    pipeline,
    featureProfiles: profileInputs(table, pipeline.steps, rows),
    classExamples: classExamples(table, pipeline.steps, rows),
  } as Pick<PetalMetadata, 'schema' | 'pipeline' | 'featureProfiles' | 'classExamples'>;
}

describe('formFields', () => {
  it('makes a field of each column’s kind, labelled, with what its step and profile say', () => {
    const fields = formFields(metadataOf(false));
    expect(fields.map((field) => [field.kind, field.name, field.label])).toEqual([
      ['number', 'body_mass', 'Body mass'],
      ['number', 'flipper', 'Flipper'],
      ['category', 'island', 'Island'],
      ['date', 'seenOn', 'Seen on'],
    ]);
    const [mass, flipper, island, seen] = fields;
    // The training rows had a blank in body mass: a blank is imputed with the median of 3.2 4.2 5 5.2 6.
    expect(mass).toMatchObject({ imputed: 5, range: { min: 3.2, max: 6 } });
    expect(flipper).toMatchObject({ imputed: null, range: { min: 180, max: 230, mean: 205 } });
    // Most frequent first; '' is a value like any other.
    expect(island).toEqual({
      kind: 'category',
      name: 'island',
      label: 'Island',
      values: ['Biscoe', 'Dream', ''],
    });
    expect(seen).toEqual({
      kind: 'date',
      name: 'seenOn',
      label: 'Seen on',
      withTime: false,
      order: 'dmy',
      profile: {
        min: Date.UTC(2020, 0, 1),
        max: Date.UTC(2020, 0, 6),
        mean: Date.UTC(2020, 0, 3, 12),
        sd: expect.any(Number),
      },
      blankAllowed: false,
    });
  });

  it('gives a date column with times a date-and-time field', () => {
    expect(formFields(metadataOf(true))[3]).toMatchObject({ kind: 'date', withTime: true });
  });

  it('allows no blank in a number column from before pipelines (its step has no median)', () => {
    const metadata = metadataOf(false);
    const steps = numberSteps(1).map((step) => ({ ...step, missing: true }));
    const [field] = formFields({
      schema: { ...metadata.schema, features: ['x'] },
      pipeline: { ...metadata.pipeline, steps },
      featureProfiles: [metadata.featureProfiles[0]],
    });
    expect(field).toMatchObject({ kind: 'number', imputed: null });
  });
});
