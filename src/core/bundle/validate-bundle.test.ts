import { beforeAll, describe, expect, it } from 'vitest';
import { blobs } from '../../test/blobs';
import { classifierFromBundle } from '../classifiers/classifier-from-bundle';
import { type ClassifierKind, defaultSpec } from '../classifiers/classifier-spec';
import { description, fitScaled, threeClusters, throughFiles } from '../classifiers/test-data';
import { numberTable } from '../pipeline/training-table';
import { trainClassifier } from '../train-classifier';
import { bundleFiles, type ModelBundle } from './bundle-format';
import { BundleError, parseBundleFiles, validateBundle } from './validate-bundle';

// biome-ignore lint/suspicious/noExplicitAny: the tests reach into arbitrary JSON to break it.
type Json = Record<string, any>;
type Files = { modelJson: Json; weights: ArrayBuffer };

const CREATED = '2026-01-02T03:04:05.000Z';
const network = blobs({ perClass: 20 });
let dense: ModelBundle;
const others: Partial<Record<ClassifierKind, Files>> = {};

beforeAll(async () => {
  dense = (
    await trainClassifier({
      table: numberTable(network),
      spec: defaultSpec('dense-network', { epochs: 10 }),
      createdAt: CREATED,
    })
  ).bundle;
  const train = threeClusters();
  for (const spec of [
    defaultSpec('knn', { k: 3 }),
    defaultSpec('logistic-regression'),
    defaultSpec('random-forest', { trees: 3 }),
  ]) {
    const classifier = await fitScaled({ spec, train, seed: 1 });
    others[spec.kind] = throughFiles(classifier.toBundle(description(train)).bundle) as Files;
  }
});

/** A fresh copy of a good bundle of `kind`, changed by `edit`. */
function broken(kind: ClassifierKind, edit: (files: Files) => void): Files {
  const files = throughFiles((kind === 'dense-network' ? dense : others[kind]) as ModelBundle) as Files;
  edit(files);
  return files;
}

function petal(files: Files): Json {
  return files.modelJson.userDefinedMetadata.petal;
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
  expect(() => validateBundle(files)).toThrow(BundleError);
  expect(() => validateBundle(files)).toThrow(message);
}

describe('validateBundle', () => {
  it('accepts the bundles every kind writes, and reads their arrays once', () => {
    const valid = validateBundle(throughFiles(dense));
    expect(valid.metadata.kind).toBe('dense-network');
    expect(valid.metadata.schema).toEqual(network.schema);
    expect(valid.arrays.kind).toBe('dense-network');
    for (const kind of ['knn', 'logistic-regression', 'random-forest'] as const) {
      const checked = validateBundle(others[kind]);
      expect(checked.metadata.kind).toBe(kind);
      expect(checked.arrays.kind).toBe(kind);
      expect(checked.metadata.schema.classes).toEqual(['red', 'green', 'blue']);
    }
  });

  it('round-trips every kind through its two files to a classifier with identical predictions', async () => {
    const train = threeClusters();
    for (const spec of [
      defaultSpec('dense-network', { epochs: 5 }),
      defaultSpec('knn'),
      defaultSpec('random-forest', { trees: 4 }),
    ]) {
      const fitted = await fitScaled({ spec, train, seed: 3 });
      const files = bundleFiles(fitted.toBundle(description(train)).bundle);
      const restored = classifierFromBundle(
        parseBundleFiles({ modelJson: files.modelJson, weights: files.weights.slice(0) }),
      );
      const expected = fitted.predictProbabilities(train.x);
      const actual = restored.predictProbabilities(train.x);
      if (spec.kind === 'dense-network') {
        // Its scaling is folded into the first layer of the stored network: equal to float32 rounding.
        actual.forEach((p, i) => {
          expect(p).toBeCloseTo(expected[i], 6);
        });
      } else {
        expect(actual).toEqual(expected);
      }
    }
  });

  it('is byte-identical when the same data, settings and seed are trained again', async () => {
    const again = await trainClassifier({
      table: numberTable(network),
      spec: defaultSpec('dense-network', { epochs: 10 }),
      createdAt: CREATED,
    });
    expect(bundleFiles(again.bundle).modelJson).toBe(bundleFiles(dense).modelJson);
    expect(new Uint8Array(again.bundle.weights)).toEqual(new Uint8Array(dense.weights));
  });

  it('rejects envelopes and metadata it cannot use, naming the field', () => {
    expectRejected(42, 'This is not a model bundle.');
    expectRejected(
      broken('knn', (f) => {
        f.weights = undefined as never;
      }),
      'The weights file is missing.',
    );
    expectRejected({ modelJson: dense.modelJson, weights: new ArrayBuffer(33 * 1024 * 1024) }, /limit/);
    expectRejected(
      broken('knn', (f) => {
        petal(f).kind = 'svm';
      }),
      'Unknown model kind "svm".',
    );
    expectRejected(
      broken('knn', (f) => {
        petal(f).formatVersion = 99;
      }),
      /newer Petal \(format 99\)/,
    );
    expectRejected(
      broken('dense-network', (f) => {
        delete f.modelJson.userDefinedMetadata;
      }),
      /no Petal metadata/,
    );
    expectRejected(
      broken('knn', (f) => {
        petal(f).pipeline.scaling.sd[1] = 0;
      }),
      /"pipeline.scaling.sd.1" is invalid: A standard deviation must be above 1e-30/,
    );
    expectRejected(
      broken('dense-network', (f) => {
        petal(f).schema.classes[1] = petal(f).schema.classes[0];
      }),
      /"schema.classes" is invalid: The classes must have different names/,
    );
    expectRejected(
      broken('logistic-regression', (f) => {
        delete petal(f).settings;
      }),
      /"settings" is invalid/,
    );
    expectRejected(
      broken('knn', (f) => {
        petal(f).featureProfiles[0].max = Number.NaN;
      }),
      /"featureProfiles.0.max" is invalid/,
    );
  });

  it('reads how a network run stopped when it is recorded, and bundles from before without it', () => {
    const without = validateBundle(broken('dense-network', () => {}));
    expect(without.metadata).not.toHaveProperty('stopped');
    for (const stopped of [
      { by: 'user', keptEpoch: 7 },
      { by: 'early-stopping', keptEpoch: 4 },
    ]) {
      const files = broken('dense-network', (f) => {
        petal(f).settings.patience = 3;
        petal(f).epochsRun = 7;
        petal(f).stopped = stopped;
      });
      const read = validateBundle(files).metadata;
      expect(read.kind === 'dense-network' && read.stopped).toEqual(stopped);
    }
    expectRejected(
      broken('dense-network', (f) => {
        petal(f).stopped = { by: 'boredom', keptEpoch: 1 };
      }),
      /"stopped.by" is invalid/,
    );
    expectRejected(
      broken('dense-network', (f) => {
        petal(f).epochsRun = 5;
        petal(f).stopped = { by: 'user', keptEpoch: 6 };
      }),
      /stopped at epoch 5 of 10, keeping epoch 6/,
    );
    expectRejected(
      broken('dense-network', (f) => {
        petal(f).settings.patience = 0;
        petal(f).stopped = { by: 'early-stopping', keptEpoch: 2 };
      }),
      /early stopping ended its run, but its patience is 0/,
    );
  });

  it('rejects dense networks whose layers Petal cannot run', () => {
    expectRejected(
      { modelJson: dense.modelJson, weights: dense.weights.slice(0, 40) },
      /truncated.*expects \d+ bytes, the file has 40/,
    );
    expectRejected(
      { modelJson: dense.modelJson, weights: new ArrayBuffer(dense.weights.byteLength + 4) },
      /longer than model.json describes/,
    );
    expectRejected(
      broken('dense-network', (f) => {
        f.modelJson.modelTopology.config.layers[0].class_name = 'Lambda';
      }),
      /type "Lambda"/,
    );
    expectRejected(
      broken('dense-network', (f) => {
        f.modelJson.weightsManifest[0].weights[0].shape.reverse();
      }),
      /shape \[8,4\] where the model needs \[4,8\]/,
    );
    expectRejected(
      broken('dense-network', (f) => {
        const p = petal(f);
        p.schema.features.push('extra');
        p.pipeline.steps.push({ kind: 'number', median: 0, missing: false });
        p.pipeline.scaling.mean.push(0);
        p.pipeline.scaling.sd.push(1);
        p.featureProfiles.push(p.featureProfiles[0]);
        for (const means of p.classExamples) means.push(0);
      }),
      /takes 4 inputs but its pipeline makes 5/,
    );
    expectRejected(
      broken('dense-network', (f) => {
        petal(f).schema.classes.pop();
        petal(f).classExamples.pop();
        petal(f).metrics.test.confusion = [
          [0, 0],
          [0, 0],
        ];
        petal(f).metrics.test.perClass.pop();
      }),
      /outputs 3 values but the schema lists 2 classes/,
    );
    expectRejected(
      broken('dense-network', (f) => {
        f.modelJson.weightsManifest[0].weights[0].quantization = { dtype: 'uint8' };
      }),
      /quantised/,
    );
    expectRejected(
      broken('dense-network', (f) => {
        f.modelJson.format = 'graph-model';
      }),
      /"graph-model"/,
    );
    expectRejected(
      broken('dense-network', (f) => {
        new Float32Array(f.weights)[3] = Number.POSITIVE_INFINITY;
      }),
      'Weight "hidden_1/kernel" holds Infinity at position 3.',
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
      'Weight "knn/points" has shape [120,1] where the model needs [n,2].',
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
        petal(f).settings.k = 61;
      }),
      'k-NN with k = 61 needs at least 61 stored rows; there are 60.',
    );
    expectRejected(
      broken(
        'knn',
        (f) =>
          void f.modelJson.weightsManifest[0].weights.push({ name: 'extra', shape: [1], dtype: 'float32' }),
      ),
      'model.json lists an unexpected weight "extra".',
    );
  });

  it('rejects bad logistic regression bundles', () => {
    expectRejected(
      broken('logistic-regression', (f) => {
        f.modelJson.modelTopology.config.layers[0].config.activation = 'relu';
      }),
      'The last layer must be a softmax over the classes.',
    );
    expectRejected(
      broken('logistic-regression', (f) => {
        const { layers } = f.modelJson.modelTopology.config;
        layers.unshift({
          class_name: 'Dense',
          config: { ...layers[0].config, name: 'first', units: 2, activation: 'relu' },
        });
        delete layers[1].config.batch_input_shape;
        f.modelJson.weightsManifest[0].weights.push(
          { name: 'first/kernel', shape: [2, 2], dtype: 'float32' },
          { name: 'first/bias', shape: [2], dtype: 'float32' },
        );
        const weights = new Uint8Array(f.weights.byteLength + 24);
        weights.set(new Uint8Array(f.weights));
        f.weights = weights.buffer;
      }),
      /Logistic regression is one Dense layer; this model has 2 layers|shape/,
    );
    expectRejected(
      broken('logistic-regression', (f) => {
        f.modelJson.modelTopology.config.layers[0].config.batch_input_shape = [null, 5];
      }),
      'The model takes 5 inputs but its pipeline makes 2.',
    );
    expectRejected(
      broken('logistic-regression', (f) => {
        petal(f).settings.c = -1;
      }),
      /"settings.c" is invalid: C must be above 0 and at most 1000000000000 \(got -1\)/,
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
    expectRejected(poke('forest/feature', 0, 2), 'Node 0 splits on input 2; the model has 2 inputs.');
    expectRejected(
      poke('forest/threshold', 0, Number.POSITIVE_INFINITY, 'float32'),
      'Weight "forest/threshold" holds Infinity at position 0.',
    );
    expectRejected(poke('forest/roots', 0, 10_000), "Tree 1's root 10000 is not a node.");
    expectRejected(poke('forest/leaves', 0, 2, 'float32'), /Leaf 0 gives class 1 the share 2/);
    expectRejected(poke('forest/leaves', 0, 0.5, 'float32'), /Leaf 0's class shares add up to/);
    expectRejected(
      broken('random-forest', (f) => {
        petal(f).settings.trees = 4;
      }),
      'The forest has 3 trees but its settings say 4.',
    );
    expectRejected(
      broken('random-forest', (f) => {
        petal(f).settings.trees = 0;
      }),
      /"settings.trees" is invalid: Trees must be a whole number from 1 to 10000 \(got 0\)/,
    );
    expectRejected(
      broken('random-forest', (f) => {
        f.modelJson.modelTopology = { class_name: 'Sequential' };
      }),
      'A "petal-forest" model.json must not have a TF.js model topology.',
    );
  });

  it('rejects a model.json that is not JSON', () => {
    expect(() => parseBundleFiles({ modelJson: '{"format": ', weights: dense.weights })).toThrow(
      /not valid JSON/,
    );
  });
});
