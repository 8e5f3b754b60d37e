import { describe, expect, test } from 'vitest';
import { formatNumber, formatPercent } from '../shared/format-number';
import { featureLabel, featureLabels } from './feature-label';
import { parseFieldValue, rangeWarning } from './feature-range';

describe('featureLabel', () => {
  test.each([
    ['sepal_length', 'Sepal length'],
    ['petalWidth', 'Petal width'],
    ['BMI_at_entry', 'BMI at entry'],
    ['HTTPStatus', 'HTTP status'],
    ['age', 'Age'],
    ['x1', 'X1'],
    ['__', '__'],
  ])('%s → %s', (name, label) => expect(featureLabel(name)).toBe(label));

  test('labels that read the same keep the column name', () => {
    expect(featureLabels(['sepal_length', 'sepalLength', 'b'])).toEqual([
      'Sepal length (sepal_length)',
      'Sepal length (sepalLength)',
      'B',
    ]);
  });
});

describe('range warnings', () => {
  const range = {
    name: 'petal_width',
    label: 'Petal width',
    min: 0.10000000149011612,
    max: 2.5,
    mean: 1.2,
    sd: 0.77,
    sliderMin: 0,
    sliderMax: 2.8,
    step: 0.1,
  };
  test('outside the range', () => {
    expect(rangeWarning(range, 7)).toBe(
      'Petal width 7 is outside the training range 0.1–2.5: this prediction is unreliable.',
    );
    expect(rangeWarning(range, 0.2)).toBeNull();
  });
  test('far from the mean inside the range', () => {
    expect(rangeWarning({ ...range, max: 100 }, 50)).toMatch(/more than 3 standard deviations/);
  });
});

test('formatting and parsing', () => {
  expect(formatNumber(4.400000095367432)).toBe('4.4');
  expect(formatPercent(0.97349)).toBe('97.3%');
  expect(parseFieldValue(' 5.1 ')).toBe(5.1);
  expect(parseFieldValue('')).toBeUndefined();
  expect(parseFieldValue('abc')).toBeUndefined();
});
