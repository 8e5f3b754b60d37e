import { describe, expect, it } from 'vitest';
import { Cell } from '../../csv/cell-reading';
import { featureRange } from './feature-range';
import type { CategoryField, DateField, NumberField } from './form-fields';
import { unreliableInput, unreliableInputs } from './unreliable-inputs';

// Iris's petal width as training stored it: float32 bounds.
const petalWidth: NumberField = {
  kind: 'number',
  name: 'petal_width',
  label: 'Petal width',
  range: featureRange({
    kind: 'numeric',
    min: Math.fround(0.1),
    max: 2.5,
    deciles: [],
    mean: 1.2,
    sd: 0.77,
    missing: 0,
  }),
  imputed: null,
};
const island: CategoryField = {
  kind: 'category',
  name: 'island',
  label: 'Island',
  values: ['Dream', 'Biscoe'],
};
const day = 86_400_000;
const seen: DateField = {
  kind: 'date',
  name: 'seen',
  label: 'Seen',
  withTime: false,
  order: 'ymd',
  profile: {
    min: Date.UTC(2020, 0, 1),
    max: Date.UTC(2020, 11, 31),
    mean: Date.UTC(2020, 6, 1),
    sd: 30 * day,
  },
  blankAllowed: true,
};

describe('unreliableInput', () => {
  it('names a number outside the training range, compared in float32 as the worker compares it', () => {
    expect(unreliableInput(petalWidth, 3, '7')).toEqual({
      feature: 3,
      concern: 'outside',
      message: 'Petal width 7 is outside the training range 0.1–2.5',
    });
    expect(unreliableInput(petalWidth, 3, '-0.5')).toMatchObject({ concern: 'outside' });
    // 0.1 typed is the stored minimum (0.1 in float32), not below it.
    expect(unreliableInput(petalWidth, 3, '0.1')).toBeNull();
    expect(unreliableInput(petalWidth, 3, '0.2')).toBeNull();
  });

  it('names a number inside the range but more than 3 standard deviations from the mean', () => {
    const wide = { ...petalWidth, range: { ...petalWidth.range, max: 100 } };
    expect(unreliableInput(wide, 0, '50')).toEqual({
      feature: 0,
      concern: 'far',
      message: 'Petal width 50 is more than 3 standard deviations from the training mean 1.2',
    });
    expect(unreliableInput(wide, 0, '3.5')).toBeNull();
  });

  it('trusts the worker’s reading of a number too', () => {
    expect(unreliableInput(petalWidth, 0, '1', Cell.Outside)).toMatchObject({ concern: 'outside' });
  });

  it('says nothing of a blank or of text that is not a value', () => {
    expect(unreliableInput(petalWidth, 0, '')).toBeNull();
    expect(unreliableInput(petalWidth, 0, 'abc')).toBeNull();
    expect(unreliableInput(seen, 0, '', Cell.Imputed)).toBeNull();
  });

  it('names a category value the model never saw, or reads as "other", from the worker’s reading', () => {
    expect(unreliableInput(island, 1, 'Mars', Cell.Unseen)).toEqual({
      feature: 1,
      concern: 'unseen',
      message: 'Island "Mars" never appeared in the training data',
    });
    expect(unreliableInput(island, 1, 'Torgersen', Cell.Other)).toEqual({
      feature: 1,
      concern: 'other',
      message: 'Island "Torgersen" is not one of the values the model learned (it counts as "other")',
    });
    expect(unreliableInput(island, 1, 'Dream', Cell.Ok)).toBeNull();
    // Before the worker has read it, a category is not judged.
    expect(unreliableInput(island, 1, 'Mars')).toBeNull();
  });

  it('quotes a long category value shortened', () => {
    const message = unreliableInput(island, 1, 'x'.repeat(10_000), Cell.Unseen)?.message ?? '';
    expect(message.length).toBeLessThan(200);
    expect(message).toContain('(10,000 characters)');
  });

  it('names a date outside the training range or far from its mean, as ISO dates', () => {
    expect(unreliableInput(seen, 2, '2021-03-04')).toEqual({
      feature: 2,
      concern: 'outside',
      message: 'Seen 2021-03-04 is outside the training range 2020-01-01 to 2020-12-31',
    });
    const spread = { ...seen, profile: { ...seen.profile, sd: 10 * day } };
    expect(unreliableInput(spread, 2, '2020-12-01')).toEqual({
      feature: 2,
      concern: 'far',
      message: 'Seen 2020-12-01 is more than 3 standard deviations from the training mean 2020-07-01',
    });
    expect(unreliableInput(seen, 2, '2020-08-01')).toBeNull();
  });
});

describe('unreliableInputs', () => {
  it('lists every input of a prediction outside the training data, in schema order', () => {
    const fields = [petalWidth, island, seen];
    expect(
      unreliableInputs(fields, ['9', 'Mars', '2019-05-01'], [Cell.Outside, Cell.Unseen, Cell.Outside]).map(
        (input) => [input.feature, input.concern],
      ),
    ).toEqual([
      [0, 'outside'],
      [1, 'unseen'],
      [2, 'outside'],
    ]);
    expect(unreliableInputs(fields, ['1', 'Dream', ''], [Cell.Ok, Cell.Ok, Cell.Imputed])).toEqual([]);
  });
});
