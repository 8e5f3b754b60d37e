import { describe, expect, test } from 'vitest';
import { defaultModel } from '../../test/default-model';
import { exampleValue, firstExample } from './example-values';
import { featureRange } from './feature-range';
import { type CategoryField, type DateField, formFields, type NumberField } from './form-fields';

const { metadata } = defaultModel;

const profile = { kind: 'numeric', min: 0, max: 1, deciles: [], mean: 0.5, sd: 0.2, missing: 0 } as const;
const share: NumberField = {
  kind: 'number',
  name: 's',
  label: 'S',
  range: featureRange(profile),
  imputed: null,
};
const island: CategoryField = {
  kind: 'category',
  name: 'island',
  label: 'Island',
  values: ['Dream', 'Biscoe'],
};
const seen: DateField = {
  kind: 'date',
  name: 'seen',
  label: 'Seen',
  withTime: false,
  order: 'dmy',
  profile: { ...profile, min: 0, max: 1 },
  blankAllowed: false,
};

describe('exampleValue', () => {
  test('shows the first class’s example rounded to the fields’ decimals', () => {
    // Setosa's means 5.005, 3.4375, 1.4525, 0.25; every slider steps by 0.1, so one decimal each.
    const fields = formFields(metadata);
    const first = firstExample(metadata);
    expect(fields.map((field, f) => exampleValue(field, first[f]))).toEqual(['5', '3.4', '1.5', '0.3']);
  });

  test('keeps two decimals where the slider steps by hundredths', () => {
    // A range of 1 steps by 0.01.
    expect(exampleValue(share, 0.12345)).toBe('0.12');
  });

  test('shows a date (ms) as the ISO text of its input, with the time where the field has one', () => {
    const time = Date.UTC(2013, 0, 5, 14, 30);
    expect(exampleValue(seen, time)).toBe('2013-01-05');
    expect(exampleValue({ ...seen, withTime: true }, time)).toBe('2013-01-05T14:30');
  });

  test('shows a category as its value, and as none for −1', () => {
    expect(exampleValue(island, 1)).toBe('Biscoe');
    expect(exampleValue(island, -1)).toBe('');
  });

  test('is empty when a feature has no usable value', () => {
    const [field] = formFields(metadata);
    expect(exampleValue(field, Number.NaN)).toBe('');
    expect(exampleValue(field, undefined)).toBe('');
  });
});

describe('firstExample', () => {
  test('is the first class’s typical row', () => {
    expect(firstExample(metadata)).toBe(metadata.classExamples?.[0]);
  });

  test('without class examples, is each column’s training mean, or its most frequent value', () => {
    const fields = formFields(metadata);
    const { classExamples: _, ...withoutExamples } = metadata;
    const first = firstExample(withoutExamples);
    expect(first).toEqual(metadata.featureProfiles.map((p) => (p.kind === 'numeric' ? p.mean : Number.NaN)));
    // Iris's overall means: sepal length about 5.8.
    expect(exampleValue(fields[0], first[0])).toBe('5.8');
    const category = firstExample({
      featureProfiles: [{ kind: 'category', shares: [0.7, 0.3] }, profile],
    });
    expect(category).toEqual([0, 0.5]);
    expect(exampleValue(island, category[0])).toBe('Dream');
  });
});
