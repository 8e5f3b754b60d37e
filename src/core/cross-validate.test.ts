import { describe, expect, it } from 'vitest';
import { type CrossValidationFold, crossValidate } from './cross-validate';
import { type Dataset, subsetDataset } from './dataset';

const FEATURES = 2;

/**
 * 30 rows, 10 per class, interleaved a, b, c, a, …; class k sits near (10k, −10k) with jitter under 1, so
 * the classes are far apart and any sensible classifier separates them perfectly.
 */
function toyDataset(): Dataset {
  const rows = 30;
  const x = new Float32Array(rows * FEATURES);
  const y = new Int32Array(rows);
  for (let row = 0; row < rows; row++) {
    const label = row % 3;
    y[row] = label;
    x[row * FEATURES] = 10 * label + ((row * 7) % 10) / 10;
    x[row * FEATURES + 1] = -10 * label + ((row * 3) % 10) / 10;
  }
  return { schema: { features: ['x', 'y'], label: 'class', classes: ['a', 'b', 'c'] }, rows, x, y };
}

const TOY = toyDataset();

/** crossValidate's labels and classes for the toy dataset. */
function toy() {
  return { labels: TOY.y, classes: TOY.schema.classes };
}

/**
 * A nearest-class-mean classifier: learns each class's mean from the `train` rows and gives each test row
 * probability 1 for the class with the nearest mean. Deterministic and independent of the seed.
 */
async function nearestMean(fold: CrossValidationFold): Promise<Float32Array> {
  const train = subsetDataset(TOY, fold.train);
  const test = subsetDataset(TOY, fold.test);
  const classes = train.schema.classes.length;
  const sums = new Float64Array(classes * FEATURES);
  const counts = new Float64Array(classes);
  for (let row = 0; row < train.rows; row++) {
    counts[train.y[row]]++;
    for (let f = 0; f < FEATURES; f++) sums[train.y[row] * FEATURES + f] += train.x[row * FEATURES + f];
  }
  const probabilities = new Float32Array(test.rows * classes);
  for (let row = 0; row < test.rows; row++) {
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let k = 0; k < classes; k++) {
      let distance = 0;
      for (let f = 0; f < FEATURES; f++) {
        distance += (test.x[row * FEATURES + f] - sums[k * FEATURES + f] / counts[k]) ** 2;
      }
      if (distance < bestDistance) {
        bestDistance = distance;
        best = k;
      }
    }
    probabilities[row * classes + best] = 1;
  }
  return probabilities;
}

describe('crossValidate', () => {
  it('scores a nearest-class-mean classifier perfectly on separable data, over repeats × folds', async () => {
    const progress: { fold: number; of: number; accuracy: number }[] = [];
    const result = await crossValidate({
      ...toy(),
      seed: 1,
      fit: nearestMean,
      onFold: (p) => progress.push(p),
    });
    // Defaults: 5 folds × 3 repeats.
    expect(result.folds).toHaveLength(15);
    expect(progress.map((p) => p.fold)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(progress.every((p) => p.of === 15 && p.accuracy === 1)).toBe(true);
    expect(result.accuracy).toEqual({ mean: 1, sd: 0, min: 1, max: 1 });
    expect(result.macroF1).toEqual({ mean: 1, sd: 0, min: 1, max: 1 });
    expect(result.logLoss.mean).toBe(0);
  });

  it('gives exactly 1/3 accuracy in every fold to a classifier that always answers class a', async () => {
    // 10 rows per class over 5 folds: each test fold holds exactly 2 rows of each class, so a constant
    // "a" is right on 2 of 6 rows every time, and pays −ln(1e-15) on the other 4.
    const alwaysA = async ({ test }: CrossValidationFold) => {
      const probabilities = new Float32Array(test.length * 3);
      for (let row = 0; row < test.length; row++) probabilities[row * 3] = 1;
      return probabilities;
    };
    const result = await crossValidate({
      ...toy(),
      folds: 5,
      repeats: 2,
      seed: 4,
      fit: alwaysA,
    });
    expect(result.folds).toHaveLength(10);
    expect(result.accuracy.mean).toBeCloseTo(1 / 3, 12);
    expect(result.accuracy.sd).toBeCloseTo(0, 12);
    expect(result.logLoss.mean).toBeCloseTo((2 / 3) * 15 * Math.LN10, 9);
    // F1: a has P 1/3, R 1 → 0.5; b and c are 0 → macro (0.5 + 0 + 0) / 3.
    expect(result.macroF1.mean).toBeCloseTo(0.5 / 3, 12);
    for (const fold of result.folds) expect(fold.confusion.map((row) => row[0])).toEqual([2, 2, 2]);
  });

  it('hands fit disjoint train and test subsets, distinct seeds, and repeats exactly for a seed', async () => {
    const record = async (seed: number) => {
      const calls: { train: number[]; test: number[]; seed: number }[] = [];
      await crossValidate({
        ...toy(),
        folds: 3,
        repeats: 2,
        seed,
        fit: async (fold) => {
          calls.push({ train: Array.from(fold.train), test: Array.from(fold.test), seed: fold.seed });
          expect(fold.train.length + fold.test.length).toBe(TOY.rows);
          return nearestMean(fold);
        },
      });
      return calls;
    };
    const calls = await record(9);
    expect(calls).toHaveLength(6);
    expect(new Set(calls.map((call) => call.seed)).size).toBe(6);
    for (const call of calls) {
      const train = new Set(call.train);
      expect(call.test.some((id) => train.has(id))).toBe(false);
    }
    expect(await record(9)).toEqual(calls);
    expect((await record(10)).map((call) => call.test)).not.toEqual(calls.map((call) => call.test));
  });

  it('rejects with the abort reason between folds and stops calling fit', async () => {
    const controller = new AbortController();
    let fits = 0;
    const run = crossValidate({
      ...toy(),
      seed: 1,
      signal: controller.signal,
      fit: (fold) => {
        fits++;
        return nearestMean(fold);
      },
      onFold: ({ fold }) => {
        if (fold === 2) controller.abort(new Error('user cancelled'));
      },
    });
    await expect(run).rejects.toThrow('user cancelled');
    expect(fits).toBe(2);
  });

  it('rejects when aborted during a fit, and before any fit when already aborted', async () => {
    const controller = new AbortController();
    const duringFit = crossValidate({
      ...toy(),
      seed: 1,
      signal: controller.signal,
      fit: async (fold) => {
        expect(fold.signal).toBe(controller.signal);
        controller.abort();
        return nearestMean(fold);
      },
    });
    await expect(duringFit).rejects.toMatchObject({ name: 'AbortError' });

    let fits = 0;
    const alreadyAborted = crossValidate({
      ...toy(),
      seed: 1,
      signal: AbortSignal.abort(),
      fit: async (fold) => {
        fits++;
        return nearestMean(fold);
      },
    });
    await expect(alreadyAborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(fits).toBe(0);
  });

  it('rejects a fold count larger than the smallest class before training anything', async () => {
    await expect(crossValidate({ ...toy(), folds: 11, seed: 1, fit: nearestMean })).rejects.toThrow(
      /smallest class size/,
    );
  });
});
