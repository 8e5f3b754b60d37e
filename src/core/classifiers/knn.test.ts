import { describe, expect, it } from 'vitest';
import { defaultSpec } from './classifier-spec';
import { dataset, fitScaled } from './test-data';

/**
 * Four corners of a square, already standardised: each feature has mean 0 and population sd 1, so the
 * fitted standardisation is the identity and distances can be worked out by hand.
 *   row 0 (−1, −1) A    row 1 (−1, 1) A    row 2 (1, −1) B    row 3 (1, 1) B
 */
const corners = dataset(
  ['u', 'v'],
  ['A', 'B'],
  [
    [-1, -1],
    [-1, 1],
    [1, -1],
    [1, 1],
  ],
  [0, 0, 1, 1],
);

describe('k-NN', () => {
  it('votes with the 3 nearest rows, by hand', async () => {
    // Query (0.5, 0.8); squared distances:
    //   row 0: 1.5² + 1.8² = 2.25 + 3.24 = 5.49
    //   row 1: 1.5² + 0.2² = 2.25 + 0.04 = 2.29
    //   row 2: 0.5² + 1.8² = 0.25 + 3.24 = 3.49
    //   row 3: 0.5² + 0.2² = 0.25 + 0.04 = 0.29
    // The 3 nearest are rows 3 (B), 1 (A), 2 (B): uniform votes give A 1/3, B 2/3.
    const query = Float32Array.from([0.5, 0.8]);
    const uniform = await fitScaled({ spec: defaultSpec('knn', { k: 3 }), train: corners, seed: 0 });
    const [a, b] = uniform.predictProbabilities(query);
    expect(a).toBeCloseTo(1 / 3, 6);
    expect(b).toBeCloseTo(2 / 3, 6);

    // Distance weights 1/d: row 3 1/√0.29 ≈ 1.8570, row 1 1/√2.29 ≈ 0.6608, row 2 1/√3.49 ≈ 0.5353;
    // A gets 0.6608 / (1.8570 + 0.6608 + 0.5353) ≈ 0.2164 and B the rest ≈ 0.7836.
    const weighted = await fitScaled({
      spec: defaultSpec('knn', { k: 3, weighting: 'distance' }),
      train: corners,
      seed: 0,
    });
    const [wa, wb] = weighted.predictProbabilities(query);
    expect(wa).toBeCloseTo(0.2164, 4);
    expect(wb).toBeCloseTo(0.7836, 4);
  });

  it('breaks ties in distance by row order', async () => {
    // (0, 0) is at squared distance 2 from all four rows, so k = 3 takes rows 0, 1, 2 (A, A, B): A 2/3.
    const model = await fitScaled({ spec: defaultSpec('knn', { k: 3 }), train: corners, seed: 0 });
    const [a, b] = model.predictProbabilities(Float32Array.from([0, 0]));
    expect(a).toBeCloseTo(2 / 3, 6);
    expect(b).toBeCloseTo(1 / 3, 6);
  });

  it('gives an exact match the whole vote when weighting by distance', async () => {
    // (1, 1) is row 3 itself (distance 0): the other neighbours get no weight.
    const model = await fitScaled({
      spec: defaultSpec('knn', { k: 3, weighting: 'distance' }),
      train: corners,
      seed: 0,
    });
    expect(Array.from(model.predictProbabilities(Float32Array.from([1, 1])))).toEqual([0, 1]);
  });

  it('refuses k larger than the training rows, with a message', async () => {
    await expect(fitScaled({ spec: defaultSpec('knn', { k: 5 }), train: corners, seed: 0 })).rejects.toThrow(
      'k-NN with k = 5 needs at least 5 training rows; there are 4.',
    );
    await expect(fitScaled({ spec: defaultSpec('knn', { k: 0 }), train: corners, seed: 0 })).rejects.toThrow(
      'k must be a whole number from 1 to 100000 (got 0).',
    );
  });

  it('predicts many rows quickly', async () => {
    const rows = 2000;
    const train = dataset(
      ['u', 'v', 'w', 'z'],
      ['A', 'B'],
      Array.from({ length: rows }, (_, i) => [i % 7, (i * 3) % 11, (i * 5) % 13, i % 2]),
      Array.from({ length: rows }, (_, i) => i % 2),
    );
    const model = await fitScaled({ spec: defaultSpec('knn'), train, seed: 0 });
    const started = performance.now();
    const probabilities = model.predictProbabilities(train.x);
    // 2,000 queries × 2,000 rows: a few tens of milliseconds on a laptop; generous for a busy CI machine.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(probabilities).toHaveLength(rows * 2);
  });
});
