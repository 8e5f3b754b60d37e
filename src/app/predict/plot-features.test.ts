import { expect, test } from 'vitest';
import { featureRange } from './feature-range';
import { readFields } from './form-cells';
import type { FormField, NumberField } from './form-fields';
import { plotFeatures, plotPoint, plotSample } from './plot-features';

const profile = { kind: 'numeric', min: 0, max: 10, deciles: [], mean: 5, sd: 2, missing: 0 } as const;
const number = (name: string, imputed: number | null = null): NumberField => ({
  kind: 'number',
  name,
  label: name,
  range: featureRange(profile),
  imputed,
});
const fields: FormField[] = [
  { kind: 'category', name: 'island', label: 'Island', values: ['Dream'] },
  number('mass', 4),
  {
    kind: 'date',
    name: 'seen',
    label: 'Seen',
    withTime: false,
    order: 'ymd',
    profile: { min: 0, max: 1, mean: 0, sd: 0 },
    blankAllowed: false,
  },
  number('flipper'),
];

test('the plot offers the number features only', () => {
  expect(plotFeatures(fields)).toEqual([1, 3]);
  expect(plotFeatures(fields.slice(0, 3))).toEqual([1]);
});

test('the sample and the input are cut to those features', () => {
  // The sample holds NaN for a category and a date's time in ms.
  const sample = {
    x: [
      [Number.NaN, 3, 1e12, 190],
      [Number.NaN, Number.NaN, 2e12, 200],
    ],
    y: [0, 1],
  };
  expect(plotSample(sample, [1, 3])).toEqual({
    x: [
      [3, 190],
      [Number.NaN, 200],
    ],
    y: [0, 1],
  });

  const read = readFields(fields, { island: 'Dream', mass: '', seen: '2020-01-01', flipper: '181' });
  expect(plotPoint(read, [1, 3])).toEqual([Number.NaN, 181]);
});
