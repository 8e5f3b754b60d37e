import { beforeAll, describe, expect, it } from 'vitest';
import { BundleError } from '../validate-bundle';
import { type ClassifierSpec, defaultSpec, fitClassifier, fittedFromBundle } from './classifier';
import { description, threeClusters, throughFiles } from './test-data';
import { validateClassifierBundle } from './validate-classifier-bundle';

// biome-ignore lint/suspicious/noExplicitAny: the tests reach into arbitrary JSON to break it.
type Json = Record<string, any>;
type Files = { modelJson: Json; weights: ArrayBuffer };

const train = threeClusters();
const bundles: Partial<Record<ClassifierSpec['kind'], Files>> = {};

beforeAll(async () => {
  for (const spec of [
    defaultSpec('knn'),
    defaultSpec('logistic-regression'),
    defaultSpec('random-forest', { trees: 3 }),
  ]) {
    const model = await fitClassifier({ spec, train, seed: 1 });
    bundles[spec.kind] = throughFiles(await model.toBundle(description(train))) as Files;
  }
});

/** A fresh copy of a good bundle of `kind`, changed by `edit`. */
function broken(kind: ClassifierSpec['kind'], edit: (files: Files) => void): Files {
  const files = throughFiles(bundles[kind] as never) as Files;
  edit(files);
  return files;
}

function weightSpec(files: Files, name: string): Json {
  return files.modelJson.weightsManifest[0].weights.find((spec: Json) => spec.name === name);
}

/** Byte offset of a named array in the weights file (every dtype is 4 bytes). */
function offsetOf(files: Files, name: string): number {
  let offset = 0;
  for (const spec of files.modelJson.weightsManifest[0].weights) {
    if (spec.name === name) return offset;
    offset += spec.shape.reduce((a: number, b: number) => a * b, 1) * 4;
  }
  throw new Error(`no ${name}`);
}

function expectRejected(files: unknown, message: RegExp | string): void {
  expect(() => validateClassifierBundle(files)).toThrow(BundleError);
  expect(() => validateClassifierBundle(files)).toThrow(message);
}

describe('validateClassifierBundle', () => {
  it('accepts the bundles the classifiers write', async () => {
    for (const kind of ['knn', 'logistic-regression', 'random-forest'] as const) {
      expect(validateClassifierBundle(bundles[kind]).kind).toBe(kind);
    }
    await expect(fittedFromBundle({ modelJson: {}, weights: new ArrayBuffer(0) })).rejects.toThrow(
      BundleError,
    );
  });

  it('rejects envelopes and metadata it cannot use', () => {
    expectRejected(42, 'This is not a model bundle.');
    expectRejected(
      broken('knn', (f) => {
        f.weights = undefined as never;
      }),
      'The weights file is missing.',
    );
    expectRejected(
      broken('knn', (f) => {
        f.modelJson.userDefinedMetadata.petal.kind = 'svm';
      }),
      'Unknown model kind "svm".',
    );
    expectRejected(
      broken('knn', (f) => {
        f.modelJson.userDefinedMetadata.petal.formatVersion = 99;
      }),
      /newer Petal/,
    );
    expectRejected(
      broken('knn', (f) => {
        f.modelJson.userDefinedMetadata.petal.standardisation.sd[1] = 0;
      }),
      /positive sd for each of the 2 features/,
    );
  });

  it('rejects bad k-NN bundles with a message naming the problem', () => {
    expectRejected(
      broken('knn', (f) => {
        f.modelJson.format = 'layers-model';
      }),
      'model.json has format "layers-model"; this kind of model uses "petal-knn".',
    );
    expectRejected(
      broken('knn', (f) => {
        f.weights = f.weights.slice(0, f.weights.byteLength - 4);
      }),
      /The weights file is truncated/,
    );
    expectRejected(
      broken('knn', (f) => {
        weightSpec(f, 'knn/points').shape = [120, 1];
      }),
      'Weight "knn/points" has shape [120,1] where the model needs [n, 2].',
    );
    expectRejected(
      broken('knn', (f) => {
        weightSpec(f, 'knn/labels').dtype = 'float32';
      }),
      'Weight "knn/labels" is float32; it must be int32.',
    );
    expectRejected(
      broken('knn', (f) => {
        new Int32Array(f.weights, offsetOf(f, 'knn/labels'), 60)[7] = 3;
      }),
      'Weight "knn/labels" holds class index 3 at position 7; there are 3.',
    );
    expectRejected(
      broken('knn', (f) => {
        new Float32Array(f.weights, 0, 120)[5] = Number.NaN;
      }),
      'Weight "knn/points" holds NaN at position 5.',
    );
    expectRejected(
      broken('knn', (f) => {
        f.modelJson.userDefinedMetadata.petal.settings.k = 61;
      }),
      /k-NN settings are invalid: k-NN with k = 61 needs at least 61 training rows/,
    );
    expectRejected(
      broken('knn', (f) => {
        f.modelJson.weightsManifest[0].weights.push({ name: 'extra', shape: [1], dtype: 'float32' });
      }),
      'model.json lists an unexpected weight "extra".',
    );
  });

  it('rejects bad logistic regression bundles', () => {
    expectRejected(
      broken('logistic-regression', (f) => {
        f.modelJson.modelTopology.config.layers[0].config.activation = 'relu';
      }),
      'The layer must be a softmax over the classes.',
    );
    expectRejected(
      broken('logistic-regression', (f) => {
        f.modelJson.modelTopology.config.layers.push(f.modelJson.modelTopology.config.layers[0]);
      }),
      'Logistic regression is one Dense layer; this model has 2 layers.',
    );
    expectRejected(
      broken('logistic-regression', (f) => {
        f.modelJson.modelTopology.config.layers[0].config.batch_input_shape = [null, 5];
      }),
      'The model takes 5 inputs but the schema lists 2 features.',
    );
    expectRejected(
      broken('logistic-regression', (f) => {
        f.modelJson.userDefinedMetadata.petal.settings.c = -1;
      }),
      'The logistic regression settings are invalid: C must be a positive number (got -1).',
    );
  });

  it('rejects forests that are not trees, reach out of range or are malformed', () => {
    const poke = (name: string, index: number, value: number, dtype: 'int32' | 'float32' = 'int32') =>
      broken('random-forest', (f) => {
        const View = dtype === 'int32' ? Int32Array : Float32Array;
        new View(f.weights, offsetOf(f, name), weightSpec(f, name).shape[0])[index] = value;
      });
    expectRejected(poke('forest/left', 0, 0), /Node 0 links to node 0; a child must come after its parent/);
    expectRejected(poke('forest/right', 0, 1), /Node 1 of the forest has more than one parent/);
    expectRejected(poke('forest/roots', 1, 1), /more than one parent|root of more than one tree/);
    expectRejected(poke('forest/feature', 0, 2), 'Node 0 splits on feature 2; the schema has 2 features.');
    expectRejected(
      poke('forest/threshold', 0, Number.POSITIVE_INFINITY, 'float32'),
      'Node 0 has threshold Infinity.',
    );
    expectRejected(poke('forest/roots', 0, 10_000), "Tree 1's root 10000 is not a node.");
    expectRejected(poke('forest/leaves', 0, 2, 'float32'), /Leaf 0 gives class 1 the share 2/);
    expectRejected(poke('forest/leaves', 0, 0.5, 'float32'), /Leaf 0's class shares add up to/);
    expectRejected(
      broken('random-forest', (f) => {
        f.modelJson.userDefinedMetadata.petal.settings.trees = 4;
      }),
      'The forest has 3 trees but its settings say 4.',
    );
    expectRejected(
      broken('random-forest', (f) => {
        f.modelJson.modelTopology = { class_name: 'Sequential' };
      }),
      'A "petal-forest" model.json must not have a TF.js model topology.',
    );
  });
});
