import { describe, expect, test } from 'vitest';
import { formatNumber, formatPercent } from '../shared/format-number';
import { featureLabel, featureLabels } from './feature-label';

describe('featureLabel', () => {
  test.each([
    ['sepal_length', 'Sepal length'],
    ['petalWidth', 'Petal width'],
    ['BMI_at_entry', 'BMI at entry'],
    ['HTTPStatus', 'HTTP status'],
    ['age', 'Age'],
    ['x1', 'X1'],
    ['__', '__'],
    // A unit as the last word is shown as one; alone, or a word that is no unit, it stays a word.
    ['flipper_length_mm', 'Flipper length (mm)'],
    ['body_mass_g', 'Body mass (g)'],
    ['energy_kwh', 'Energy (kWh)'],
    ['price_usd', 'Price (USD)'],
    ['growth_pct', 'Growth (%)'],
    ['g', 'G'],
    ['gross_margin', 'Gross margin'],
  ])('%s → %s', (name, label) => expect(featureLabel(name)).toBe(label));

  test('labels that read the same keep the column name', () => {
    expect(featureLabels(['sepal_length', 'sepalLength', 'b'])).toEqual([
      'Sepal length (sepal_length)',
      'Sepal length (sepalLength)',
      'B',
    ]);
  });
});

test('formatting', () => {
  expect(formatNumber(4.400000095367432)).toBe('4.4');
  expect(formatPercent(0.97349)).toBe('97.3%');
});
