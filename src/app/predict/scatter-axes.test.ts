import { expect, test } from 'vitest';
import { defaultAxes, niceTicks } from './scatter-axes';

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
