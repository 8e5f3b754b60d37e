import { beforeAll, describe, expect, it } from 'vitest';
import { BundleError as MovedBundleError } from './bundle-error';
import { type ClassifierSpec, defaultSpec, fitClassifier } from './classifiers/classifier';
import { description, threeClusters, throughFiles } from './classifiers/test-data';
import { BundleError, parseBundleFiles, validateBundle } from './validate-bundle';

// biome-ignore lint/suspicious/noExplicitAny: the tests reach into arbitrary JSON to break it.
type Json = Record<string, any>;
type Files = { modelJson: Json; weights: ArrayBuffer };

const train = threeClusters();
const bundles: Partial<Record<ClassifierSpec['kind'], Files>> = {};

beforeAll(async () => {
  for (const spec of [
    defaultSpec('knn', { k: 3 }),
    defaultSpec('logistic-regression'),
    defaultSpec('random-forest', { trees: 4 }),
  ]) {
    const model = await fitClassifier({ spec, train, seed: 7 });
    bundles[spec.kind] = throughFiles(await model.toBundle(description(train))) as Files;
  }
});

function copy(kind: ClassifierSpec['kind']): Files {
  return throughFiles(bundles[kind] as never) as Files;
}

describe('validateBundle with every kind', () => {
  it('keeps BundleError importable from validate-bundle.ts', () => {
    expect(BundleError).toBe(MovedBundleError);
  });

  it('accepts k-NN, logistic regression and random forest bundles and returns their metadata', () => {
    for (const kind of ['knn', 'logistic-regression', 'random-forest'] as const) {
      const { metadata } = validateBundle(copy(kind));
      expect(metadata.kind).toBe(kind);
      expect(metadata.schema.classes).toEqual(['red', 'green', 'blue']);
    }
    const knn = validateBundle(copy('knn')).metadata;
    expect(knn.kind === 'knn' && knn.settings.k).toBe(3);
    expect(knn.kind === 'knn' && knn.settings.seed).toBe(42);
  });

  it('reads the two files of a k-NN model', () => {
    const files = copy('knn');
    const valid = parseBundleFiles({ modelJson: JSON.stringify(files.modelJson), weights: files.weights });
    expect(valid.metadata.kind).toBe('knn');
  });

  it('refuses a k-NN bundle with a truncated weights file, saying so', () => {
    const files = copy('knn');
    files.weights = files.weights.slice(0, files.weights.byteLength - 8);
    expect(() => validateBundle(files)).toThrow(BundleError);
    expect(() => validateBundle(files)).toThrow(/truncated/);
  });

  it('refuses a forest whose node links point backwards', () => {
    const files = copy('random-forest');
    const specs = files.modelJson.weightsManifest[0].weights as Json[];
    let offset = 0;
    for (const spec of specs) {
      if (spec.name === 'forest/left') break;
      offset += spec.shape.reduce((a: number, b: number) => a * b, 1) * 4;
    }
    // The root's left child becomes the root itself: a cycle.
    new Int32Array(files.weights, offset, 1)[0] = 0;
    expect(() => validateBundle(files)).toThrow(/links to node 0|more than one parent/);
  });

  it('refuses a forest with invalid settings', () => {
    const files = copy('random-forest');
    files.modelJson.userDefinedMetadata.petal.settings.trees = 0;
    expect(() => validateBundle(files)).toThrow(/random forest settings are invalid/);
  });

  it('checks the metadata before the format, so an unknown kind is named', () => {
    const files = copy('knn');
    files.modelJson.userDefinedMetadata.petal.kind = 'svm';
    expect(() => validateBundle(files)).toThrow('Unknown model kind "svm".');
  });

  it('refuses a k-NN bundle that claims to be a layers model', () => {
    const files = copy('knn');
    files.modelJson.format = 'layers-model';
    expect(() => validateBundle(files)).toThrow(/this kind of model uses "petal-knn"/);
  });

  it('refuses a non-network bundle without settings', () => {
    const files = copy('logistic-regression');
    delete files.modelJson.userDefinedMetadata.petal.settings;
    expect(() => validateBundle(files)).toThrow('The Petal metadata has no model settings.');
  });
});
