import { describe, expect, it } from 'vitest';
import { numericMetadata } from '../test/numeric-metadata';
import { Cell, RowEncoder } from './row-encoder';

const metadata = numericMetadata({
  schema: { features: ['bill'], label: 'species', classes: ['a', 'b'] },
  standardisation: { mean: [45], sd: [5] },
  featureProfiles: [{ min: 38.1, max: 56.9, deciles: [40, 41, 42, 43, 44, 45, 46, 47, 48] }],
});

describe('RowEncoder', () => {
  it('reads the smallest and largest training values as inside the range, the next ones out', () => {
    const encoder = new RowEncoder(metadata);
    const x = new Float32Array(1);
    // In float32 56.9 is 56.900002: compared as stored, it must still be inside.
    expect(encoder.encode(0, '56.9', x, 0)).toBe(Cell.Ok);
    expect(encoder.encode(0, '38.1', x, 0)).toBe(Cell.Ok);
    expect(encoder.encode(0, '56.91', x, 0)).toBe(Cell.Outside);
    expect(encoder.encode(0, '38.09', x, 0)).toBe(Cell.Outside);
    expect(x[0]).toBe(Math.fround(38.09));
  });
});
