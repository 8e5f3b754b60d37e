import { describe, expect, it } from 'vitest';
import { validateBundle } from '../bundle/validate-bundle';
import { defaultSpec } from './classifier-spec';
import { fitRandomForest, predictForest } from './random-forest';
import { dataset, description, fitScaled, threeClusters, throughFiles } from './test-data';

describe('random forest', () => {
  it('fits a forest of stumps on separable 1-D data by hand', async () => {
    // x = 0, 1 are class A and x = 2, 3 class B. Without bootstrap every stump sees all four rows, and the
    // only pure split is between 1 and 2: threshold 1.5, leaves [1, 0] and [0, 1].
    const train = dataset(['x'], ['A', 'B'], [[0], [1], [2], [3]], [0, 0, 1, 1]);
    const spec = defaultSpec('random-forest', { trees: 5, maxDepth: 1, bootstrap: false });
    const model = await fitScaled({ spec, train, seed: 1 });
    expect(Array.from(model.predictProbabilities(Float32Array.from([-10, 1.5, 1.6, 2.5])))).toEqual([
      1, 0, 1, 0, 0, 1, 0, 1,
    ]);
  });

  it('gives a mixed leaf the class shares of its rows, by hand', async () => {
    // Rows (x, class): (0, A) (1, A) (2, B) (3, B) (3, A): 3 A, 2 B. Weighted Gini of the children:
    //   x ≤ 0.5: {A} | {A, B, B, A}     0 + 4/5 · (1 − ¼ − ¼)   = 0.400
    //   x ≤ 1.5: {A, A} | {B, B, A}     0 + 3/5 · (1 − 4/9 − 1/9) = 0.267  ← best
    //   x ≤ 2.5: {A, A, B} | {B, A}     3/5 · 4/9 + 2/5 · ½       = 0.467
    // so the right leaf holds B, B, A: P(A) = 1/3, P(B) = 2/3.
    const train = dataset(['x'], ['A', 'B'], [[0], [1], [2], [3], [3]], [0, 0, 1, 1, 0]);
    const spec = defaultSpec('random-forest', { trees: 1, maxDepth: 1, bootstrap: false });
    const model = await fitScaled({ spec, train, seed: 1 });
    const p = model.predictProbabilities(Float32Array.from([1, 2.5]));
    expect(Array.from(p.subarray(0, 2))).toEqual([1, 0]);
    expect(p[2]).toBeCloseTo(1 / 3, 6);
    expect(p[3]).toBeCloseTo(2 / 3, 6);
  });

  it('grows each tree from its own seed, so different seeds give different forests', async () => {
    const train = threeClusters();
    const spec = defaultSpec('random-forest', { trees: 10 });
    const a = await fitScaled({ spec, train, seed: 1 });
    const b = await fitScaled({ spec, train, seed: 2 });
    const query = Float32Array.from([1.5, 1, 4.5, 1, 2, -1]);
    expect(b.predictProbabilities(query)).not.toEqual(a.predictProbabilities(query));
  });

  it('stores every tree flat: children after parents, each node reached once, leaves that sum to 1', async () => {
    const train = threeClusters();
    const progress: number[] = [];
    const fitted = await fitRandomForest({
      spec: defaultSpec('random-forest', { trees: 8 }),
      train,
      scaling: { mean: [0, 0], sd: [1, 1] },
      seed: 5,
      onProgress: ({ fraction }) => progress.push(fraction),
    });
    expect(progress).toHaveLength(8);
    expect(progress.at(-1)).toBe(1);
    const { arrays } = validateBundle(throughFiles(fitted.toBundle(description(train)).bundle));
    if (arrays.kind !== 'random-forest') throw new Error('expected a forest');
    const { feature, left, right, leaves, roots } = arrays.forest;
    expect(roots).toHaveLength(8);
    expect(roots[0]).toBe(0);
    const parents = new Int32Array(feature.length);
    for (const root of roots) parents[root]++;
    for (let node = 0; node < feature.length; node++) {
      if (feature[node] < 0) continue;
      expect(left[node]).toBeGreaterThan(node);
      expect(right[node]).toBeGreaterThan(node);
      parents[left[node]]++;
      parents[right[node]]++;
    }
    expect(Array.from(parents).every((count) => count === 1)).toBe(true);
    for (let leaf = 0; leaf < leaves.length / 3; leaf++) {
      expect(leaves[leaf * 3] + leaves[leaf * 3 + 1] + leaves[leaf * 3 + 2]).toBeCloseTo(1, 6);
    }
  });

  it('averages the trees’ leaf distributions', () => {
    // Two hand-built stumps on feature 0. Tree 1 (nodes 0–2) splits at 0 into leaf rows 0 [1, 0] and
    // 1 [0, 1]; tree 2 (nodes 3–5) splits at 10 into leaf rows 2 [0.5, 0.5] and 3 [0, 1].
    // x = 5: tree 1 → [0, 1], tree 2 → [0.5, 0.5]; mean [0.25, 0.75]. x = −1: [1, 0] and [0.5, 0.5] → [0.75, 0.25].
    const forest = {
      feature: Int32Array.from([0, -1, -1, 0, -1, -1]),
      threshold: Float32Array.from([0, 0, 0, 10, 0, 0]),
      left: Int32Array.from([1, 0, 1, 4, 2, 3]),
      right: Int32Array.from([2, -1, -1, 5, -1, -1]),
      leaves: Float32Array.from([1, 0, 0, 1, 0.5, 0.5, 0, 1]),
      roots: Int32Array.from([0, 3]),
    };
    const schema = { features: ['x'], label: 'class', classes: ['A', 'B'] };
    expect(Array.from(predictForest(forest, schema, Float32Array.from([5, -1])))).toEqual([
      0.25, 0.75, 0.75, 0.25,
    ]);
  });
});
