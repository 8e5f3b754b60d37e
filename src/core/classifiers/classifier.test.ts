import { describe, expect, it } from 'vitest';
import { irisDataset } from '../../test/iris';
import { validateBundle } from '../bundle/validate-bundle';
import { crossValidate } from '../cross-validate';
import { subsetDataset } from '../dataset';
import { DEFAULT_TRAIN_SETTINGS } from '../train-settings';
import { classifierFromBundle } from './classifier-from-bundle';
import {
  CLASSIFIER_KINDS,
  type ClassifierSpec,
  DEFAULT_DENSE_NETWORK_SETTINGS,
  defaultSpec,
  describeClassifier,
} from './classifier-spec';
import { description, fitScaled, threeClusters, throughFiles } from './test-data';

/** Small, quick versions of every kind: the network trains for a few epochs only. */
const QUICK_SPECS: ClassifierSpec[] = [
  defaultSpec('dense-network', { epochs: 20, learningRate: 0.05 }),
  defaultSpec('knn'),
  defaultSpec('knn', { k: 3, weighting: 'distance' }),
  defaultSpec('logistic-regression'),
  defaultSpec('random-forest', { trees: 20 }),
];

const iris = irisDataset();

describe.each(QUICK_SPECS.map((spec) => [describeClassifier(spec), spec] as const))('%s', (_, spec) => {
  const train = threeClusters();

  it('predicts [rows, classes] probabilities that sum to 1, and fits the training data', async () => {
    const model = await fitScaled({ spec, train, seed: 7 });
    const probabilities = model.predictProbabilities(train.x);
    expect(probabilities).toHaveLength(train.rows * 3);
    let correct = 0;
    for (let row = 0; row < train.rows; row++) {
      const p = Array.from(probabilities.subarray(row * 3, row * 3 + 3));
      expect(p.reduce((a, b) => a + b)).toBeCloseTo(1, 5);
      for (const value of p) expect(value).toBeGreaterThanOrEqual(0);
      if (p.indexOf(Math.max(...p)) === train.y[row]) correct++;
    }
    expect(correct / train.rows).toBeGreaterThan(0.8);
    expect(model.kind).toBe(spec.kind);
  });

  it('is bit-for-bit deterministic for a seed', async () => {
    const a = await fitScaled({ spec, train, seed: 11 });
    const b = await fitScaled({ spec, train, seed: 11 });
    expect(b.predictProbabilities(train.x)).toEqual(a.predictProbabilities(train.x));
  });

  it('predicts the same after a round trip through the bundle files', async () => {
    const model = await fitScaled({ spec, train, seed: 3 });
    const { bundle } = model.toBundle(description(train));
    const loaded = classifierFromBundle(validateBundle(throughFiles(bundle)));
    expect(loaded.kind).toBe(spec.kind);
    expect(loaded.schema).toEqual(train.schema);
    const queries = Float32Array.from([0, 0, 3.3, 1.9, 6.1, -0.4, 100, -100]);
    // A network's bundle has its scaling folded into the first layer: equal to float32 rounding.
    const expected = model.predictProbabilities(queries);
    const actual = loaded.predictProbabilities(queries);
    expect(actual).toHaveLength(expected.length);
    actual.forEach((p, i) => {
      expect(p).toBeCloseTo(expected[i], 5);
    });
    const metadata = bundle.modelJson.userDefinedMetadata.petal;
    expect(metadata.kind).toBe(spec.kind);
    // The run's settings are kept beside the model's own.
    expect(metadata.settings).toMatchObject({ ...spec.settings, testFraction: 0.2 });
  });

  it('rejects a row of the wrong width and stops when aborted', async () => {
    const model = await fitScaled({ spec, train, seed: 1 });
    expect(() => model.predictProbabilities(new Float32Array(3))).toThrow(/rows of 2 features/);
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(fitScaled({ spec, train, seed: 1, signal: controller.signal })).rejects.toThrow('cancelled');
  });
});

describe('describeClassifier', () => {
  it('names each kind with the settings that matter', () => {
    expect(describeClassifier(defaultSpec('knn', { weighting: 'distance' }))).toBe(
      'k-NN (k = 5, distance-weighted)',
    );
    expect(describeClassifier(defaultSpec('knn'))).toBe('k-NN (k = 5, uniform votes)');
    expect(describeClassifier(defaultSpec('logistic-regression'))).toBe('Logistic regression (C = 1)');
    expect(describeClassifier(defaultSpec('random-forest'))).toBe(
      'Random forest (100 trees, √features per split)',
    );
    expect(describeClassifier(defaultSpec('dense-network'))).toBe('Dense network (hidden 8, 60 epochs)');
    expect(CLASSIFIER_KINDS).toHaveLength(4);
  });

  it('keeps the network defaults equal to the training defaults', () => {
    const { hidden, epochs, batchSize, learningRate, patience, l2 } = DEFAULT_TRAIN_SETTINGS;
    expect(DEFAULT_DENSE_NETWORK_SETTINGS).toEqual({ hidden, epochs, batchSize, learningRate, patience, l2 });
  });

  it('refuses settings out of range, naming the setting', async () => {
    const train = threeClusters();
    await expect(
      fitScaled({ spec: defaultSpec('dense-network', { epochs: 0 }), train, seed: 1 }),
    ).rejects.toThrow('Epochs must be a whole number from 1 to 10000 (got 0).');
    await expect(
      fitScaled({ spec: defaultSpec('dense-network', { learningRate: -1 }), train, seed: 1 }),
    ).rejects.toThrow('Learning rate must be above 0 and at most 10 (got -1).');
    await expect(fitScaled({ spec: defaultSpec('knn', { k: 0 }), train, seed: 1 })).rejects.toThrow(
      'k must be a whole number from 1 to 100000 (got 0).',
    );
    await expect(fitScaled({ spec: defaultSpec('knn', { k: 61 }), train, seed: 1 })).rejects.toThrow(
      'k-NN with k = 61 needs at least 61 training rows; there are 60.',
    );
    await expect(
      fitScaled({
        spec: defaultSpec('random-forest', { featuresPerSplit: 'half' as 'all' }),
        train,
        seed: 1,
      }),
    ).rejects.toThrow('Features per split must be "sqrt" or "all".');
  });
});

/**
 * Iris, repeated stratified 5-fold × 3, seed 42: each kind against scikit-learn's figure on the same
 * protocol (the targets of issue 6). The dense network is left to the slower network tests.
 */
describe('iris cross-validation', () => {
  async function accuracy(spec: ClassifierSpec): Promise<number> {
    const result = await crossValidate({
      labels: iris.y,
      classes: iris.schema.classes,
      folds: 5,
      repeats: 3,
      seed: 42,
      fit: async ({ train, test, seed }) => {
        const model = await fitScaled({ spec, train: subsetDataset(iris, train), seed });
        return model.predictProbabilities(subsetDataset(iris, test).x);
      },
    });
    return result.accuracy.mean;
  }

  it('logistic regression is within 2 points of 0.955', async () => {
    expect(Math.abs((await accuracy(defaultSpec('logistic-regression'))) - 0.955)).toBeLessThan(0.02);
  });

  it('a random forest of 100 trees is within 2 points of 0.953', async () => {
    expect(Math.abs((await accuracy(defaultSpec('random-forest'))) - 0.953)).toBeLessThan(0.02);
  });

  // scikit-learn's 0.967 is k-NN on raw features; on standardised features (Petal's k-NN, and sklearn's
  // StandardScaler + KNeighborsClassifier(5)) it scores 0.948 averaged over 10 protocol seeds
  // (sklearn 1.2.1, RepeatedStratifiedKFold(5, 3)): standardising gives sepal width more say.
  it('k-NN (k = 5) on standardised features is within 2 points of 0.948', async () => {
    expect(Math.abs((await accuracy(defaultSpec('knn'))) - 0.948)).toBeLessThan(0.02);
  });
});
