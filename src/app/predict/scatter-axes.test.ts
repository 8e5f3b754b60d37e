import { expect, test } from 'vitest';
import { defaultAxes, leftMargin, niceTicks, tickLabels } from './scatter-axes';

test('the default axes are the two features that separate the classes best, in schema order', () => {
  // Feature 1 and 3 follow the class; 0 and 2 are noise.
  const sample = {
    x: [
      [5, 0, 3, 10],
      [1, 0.1, 7, 10.2],
      [4, 5, 2, 20],
      [2, 5.2, 6, 20.1],
    ],
    y: [0, 0, 1, 1],
  };
  expect(defaultAxes(sample, 4)).toEqual([1, 3]);
  expect(defaultAxes(null, 4)).toEqual([2, 3]);
  expect(defaultAxes(null, 1)).toEqual([0, 0]);
});

test('ticks are round numbers covering the range', () => {
  expect(niceTicks(0, 2.6)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
  expect(niceTicks(3, 3)).toEqual([3]);
});

test('a blank training value (NaN) does not spoil a feature’s score', () => {
  // Feature 2 follows the class but has a blank; feature 0 is noise; feature 1 follows the class weakly.
  const sample = {
    x: [
      [5, 1, 1],
      [1, 2, Number.NaN],
      [9, 1.5, 1.1],
      [5, 2.5, 9],
      [1, 3, 9.1],
      [9, 2, 8.9],
    ],
    y: [0, 0, 0, 1, 1, 1],
  };
  expect(defaultAxes(sample, 3)).toEqual([1, 2]);
});

test('tick labels of wide ranges are short, and neighbours never read the same', () => {
  expect(tickLabels(niceTicks(0, 2.6))).toEqual(['0', '0.5', '1', '1.5', '2', '2.5']);
  expect(tickLabels([2000, 4000, 6000, 8000])).toEqual(['2000', '4000', '6000', '8000']);
  expect(tickLabels([0, 20000, 40000, 60000])).toEqual(['0', '20k', '40k', '60k']);
  expect(tickLabels([10000, 10250, 10500, 10750])).toEqual(['10.00k', '10.25k', '10.50k', '10.75k']);
  expect(tickLabels([0, 500000, 1000000, 1500000])).toEqual(['0', '0.5M', '1.0M', '1.5M']);
  expect(tickLabels([-20000, 0, 20000])).toEqual(['-20k', '0', '20k']);
});

test('the left margin leaves room for the longest y tick label beside the y-axis title', () => {
  expect(leftMargin(['0', '1', '2'])).toBe(52);
  // "12.25k" needs 6 characters of about 7.5 units, right of the title's 24 units and a 6-unit gap.
  expect(leftMargin(['12.25k'])).toBe(75);
  expect(leftMargin(['-1000000'])).toBeGreaterThan(24 + 6 + 8 * 7);
});
