import { describe, expect, it } from 'vitest';
import { featureRange } from './feature-range';
import { formCells, readField, readFields } from './form-cells';
import type { CategoryField, DateField, NumberField } from './form-fields';

const profile = { kind: 'numeric', min: 2, max: 8, deciles: [], mean: 5, sd: 1.5, missing: 0 } as const;
const height: NumberField = {
  kind: 'number',
  name: 'height',
  label: 'Height',
  range: featureRange(profile),
  imputed: null,
};
const mass: NumberField = { ...height, name: 'mass', label: 'Mass', imputed: 4.2 };
const island: CategoryField = { kind: 'category', name: 'island', label: 'Island', values: ['Dream', ''] };
const colour: CategoryField = { ...island, name: 'colour', label: 'Colour', values: ['red', 'blue'] };
const seen: DateField = {
  kind: 'date',
  name: 'seen',
  label: 'Seen',
  withTime: false,
  order: 'dmy',
  profile: { min: Date.UTC(2020, 0, 1), max: Date.UTC(2020, 11, 31), mean: Date.UTC(2020, 6, 1), sd: 1e10 },
  blankAllowed: false,
};

describe('readField', () => {
  it('reads a number as the worker will, and sends it trimmed', () => {
    expect(readField(height, ' 5.25 ')).toEqual({ kind: 'value', cell: '5.25', value: 5.25 });
    expect(readField(height, '-1e3')).toEqual({ kind: 'value', cell: '-1e3', value: -1000 });
  });

  it('lets a number field be blank only where the model learned what a blank means', () => {
    expect(readField(mass, '')).toEqual({ kind: 'blank' });
    expect(readField(mass, '  ')).toEqual({ kind: 'blank' });
    expect(readField(height, '')).toEqual({ kind: 'invalid', message: 'Enter a number for Height' });
  });

  it('turns away text the model cannot read as a number', () => {
    // The worker's parser: no hexadecimal, no Infinity, no thousands separator.
    for (const text of ['abc', '0x10', 'Infinity', '1,5', '1 000']) {
      expect(readField(height, text)).toEqual({ kind: 'invalid', message: 'Enter a number for Height' });
    }
    // Finite as a double, but Infinity in the model's float32.
    expect(readField(height, '1e39')).toEqual({
      kind: 'invalid',
      message: 'Height is too large for the model',
    });
  });

  it('reads a category as its index among the training values, the blank value included', () => {
    expect(readField(island, 'Dream')).toEqual({ kind: 'value', cell: 'Dream', value: 0 });
    expect(readField(island, '')).toEqual({ kind: 'value', cell: '', value: 1 });
    // Where '' is no training value, an empty choice is one still to make.
    expect(readField(colour, '')).toEqual({ kind: 'invalid', message: 'Choose a value for Colour' });
    expect(readField(colour, 'Red')).toEqual({ kind: 'invalid', message: 'Choose a value for Colour' });
  });

  it('reads a date input’s ISO text whatever order the column wrote its dates in', () => {
    expect(readField(seen, '2020-03-04')).toEqual({
      kind: 'value',
      cell: '2020-03-04',
      value: Date.UTC(2020, 2, 4),
    });
    expect(readField(seen, '2020-03-04T05:06')).toMatchObject({ value: Date.UTC(2020, 2, 4, 5, 6) });
    expect(readField(seen, '')).toEqual({ kind: 'invalid', message: 'Enter a date for Seen' });
    expect(readField({ ...seen, blankAllowed: true }, '')).toEqual({ kind: 'blank' });
    expect(readField(seen, '2020-02-30')).toEqual({ kind: 'invalid', message: 'Enter a date for Seen' });
  });
});

describe('formCells', () => {
  const fields = [height, mass, island, seen];

  it('is the row of cells in schema order, a blank as ""', () => {
    const values = { seen: '2020-05-06', island: '', mass: '', height: '6' };
    expect(formCells(readFields(fields, values))).toEqual(['6', '', '', '2020-05-06']);
  });

  it('is null while any field is invalid or missing from the values', () => {
    expect(
      formCells(readFields(fields, { height: '6', mass: '', island: 'Dream', seen: 'soon' })),
    ).toBeNull();
    expect(formCells(readFields(fields, { mass: '', island: 'Dream', seen: '2020-05-06' }))).toBeNull();
  });

  it('reads only the values’ own properties (a column may be called "constructor")', () => {
    // Read as '' (the blank value of this field), not as Object.prototype.constructor.
    const named = { ...island, name: 'constructor', label: 'Constructor' };
    expect(readFields([named], {})).toEqual([{ kind: 'value', cell: '', value: 1 }]);
  });
});
