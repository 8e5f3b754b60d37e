import { describe, expect, it } from 'vitest';
import { defaultSpec } from './classifier-spec';
import { dataset, fitScaled } from './test-data';

/**
 * Mirror-symmetric two-class data: class A at u = −2, −1 and class B at u = 1, 2, with v = 0 throughout.
 * By symmetry the fitted bias is 0 and the boundary is u = 0, so P(A | u = 0) = 0.5 exactly, and
 * P(A | u) = P(B | −u) everywhere. The constant v gets weight 0 (its standardised value is always 0).
 */
const mirrored = dataset(
  ['u', 'v'],
  ['A', 'B'],
  [
    [-2, 0],
    [-1, 0],
    [1, 0],
    [2, 0],
  ],
  [0, 0, 1, 1],
);

describe('logistic regression', () => {
  it('puts the boundary of symmetric data at the mirror line, with probability 0.5', async () => {
    const model = await fitScaled({ spec: defaultSpec('logistic-regression'), train: mirrored, seed: 0 });
    const [a0, b0, a1, b1, a2, b2] = model.predictProbabilities(Float32Array.from([0, 5, -1.5, 0, 1.5, 0]));
    expect(a0).toBeCloseTo(0.5, 6);
    expect(b0).toBeCloseTo(0.5, 6);
    expect(a1).toBeCloseTo(b2, 6);
    expect(b1).toBeCloseTo(a2, 6);
    expect(a1).toBeGreaterThan(0.7);
  });

  it('is pulled towards 0.5 by a stronger penalty (smaller C)', async () => {
    const strong = await fitScaled({
      spec: defaultSpec('logistic-regression', { c: 0.01 }),
      train: mirrored,
      seed: 0,
    });
    const weak = await fitScaled({ spec: defaultSpec('logistic-regression'), train: mirrored, seed: 0 });
    const query = Float32Array.from([-2, 0]);
    expect(strong.predictProbabilities(query)[0]).toBeLessThan(weak.predictProbabilities(query)[0]);
    expect(strong.predictProbabilities(query)[0]).toBeGreaterThan(0.5);
  });
});
