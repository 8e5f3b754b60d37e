import { describe, expect, it } from 'vitest';
import { denseForward } from './dense-forward';
import { foldScaling } from './fold-scaling';

describe('foldScaling', () => {
  it('gives unscaled rows the outputs scaled rows gave, to float32 rounding', () => {
    const layer = {
      inputs: 3,
      units: 2,
      kernel: Float32Array.from([0.5, -1, 2, 0.25, -0.75, 1.5]),
      bias: Float32Array.from([0.1, -0.2]),
      activation: 'softmax' as const,
    };
    // A year-like input (mean 2008, sd 0.8): the fold must not lose it to cancellation.
    const scaling = { mean: [2008, 0, 40.5], sd: [0.8, 1, 12] };
    const scaled = denseForward({ layers: [layer], standardisation: scaling });
    const identity = { mean: [0, 0, 0], sd: [1, 1, 1] };
    const folded = denseForward({ layers: [foldScaling(layer, scaling)], standardisation: identity });
    const x = Float32Array.from([2007, 1, 20, 2009, 0, 60, 2008.5, 1, 41]);
    const expected = scaled(x);
    folded(x).forEach((p, i) => {
      expect(p).toBeCloseTo(expected[i], 4);
    });
  });

  it('refuses a scaling of another width', () => {
    const layer = {
      inputs: 2,
      units: 1,
      kernel: new Float32Array(2),
      bias: new Float32Array(1),
      activation: 'linear' as const,
    };
    expect(() => foldScaling(layer, { mean: [0], sd: [1] })).toThrow(/1 inputs; the layer has 2/);
  });
});
