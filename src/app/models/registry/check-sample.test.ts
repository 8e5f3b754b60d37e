import { describe, expect, it } from 'vitest';
import type { PetalMetadata } from '../../../core/bundle/bundle-format';
import { MAX_SAMPLE_ROWS } from '../../../core/training-sample';
import { checkSample } from './check-sample';

const metadata = {
  schema: { features: ['a', 'b'], label: 'kind', classes: ['x', 'y', 'z'] },
} as unknown as PetalMetadata;

describe('checkSample', () => {
  it('returns a copy, reading JSON’s null (an archive’s blank) as NaN', () => {
    const value = {
      x: [
        [1, null],
        [Number.NaN, 2],
      ],
      y: [0, 2],
    };
    const sample = checkSample(value, metadata);
    expect(sample).toEqual({
      x: [
        [1, Number.NaN],
        [Number.NaN, 2],
      ],
      y: [0, 2],
    });
    expect(sample.x[0]).not.toBe(value.x[0]);
  });

  it.each([
    ['not an object', 'oops', /up to 300 rows, each with its class/],
    ['rows without classes', { x: [[1, 2]], y: [] }, /each with its class/],
    [
      'too many rows',
      { x: Array(MAX_SAMPLE_ROWS + 1).fill([1, 2]), y: Array(MAX_SAMPLE_ROWS + 1).fill(0) },
      /up to 300/,
    ],
    ['a row of the wrong width', { x: [[1, 2, 3]], y: [0] }, /does not have 2 values/],
    ['text for a value', { x: [[1, '2']], y: [0] }, /not a number/],
    ['a class beyond the model’s', { x: [[1, 2]], y: [3] }, /beyond the model's 3/],
    ['a fractional class', { x: [[1, 2]], y: [0.5] }, /beyond the model's 3/],
  ])('refuses %s', (_, value, message) => {
    expect(() => checkSample(value, metadata)).toThrow(message);
  });
});
