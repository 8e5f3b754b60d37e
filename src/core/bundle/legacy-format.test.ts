// A model saved by an earlier Petal (format 2: every feature a number, standardisation beside the network)
// keeps working: it is read into the current shape and predicts exactly as it did.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifierFromBundle } from '../classifiers/classifier-from-bundle';
import { denseForward } from '../classifiers/dense-forward';
import { parseBundleFiles } from './validate-bundle';

const folder = new URL('../../test/fixtures/format-2/', import.meta.url);
const modelJson = readFileSync(new URL('model.json', folder), 'utf8');
const weights = readFileSync(new URL('weights.bin', folder));

describe('a format-2 bundle', () => {
  const bundle = parseBundleFiles({
    modelJson,
    weights: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
  });
  const old = JSON.parse(modelJson).userDefinedMetadata.petal;

  it('is read as number steps with no blanks, its standardisation applied before the network', () => {
    const { pipeline, featureProfiles, classExamples } = bundle.metadata;
    expect(old.formatVersion).toBe(2);
    expect(pipeline.steps).toEqual(old.schema.features.map(() => ({ kind: 'number', missing: false })));
    expect(pipeline.scaling).toEqual(old.standardisation);
    expect(pipeline.scaledIn).toBe('pipeline');
    expect(featureProfiles[0]).toEqual({
      kind: 'numeric',
      ...old.featureProfiles[0],
      mean: old.standardisation.mean[0],
      sd: old.standardisation.sd[0],
      missing: 0,
    });
    expect(classExamples).toEqual(old.classMeans);
  });

  it('predicts exactly what standardising and running its layers gives', () => {
    if (bundle.arrays.kind !== 'dense-network') throw new Error('the fixture is a network');
    const x = Float32Array.from([5.1, 3.5, 1.4, 0.2, 6.3, 3.3, 6.0, 2.5]);
    const expected = denseForward({ layers: bundle.arrays.layers, standardisation: old.standardisation })(x);
    expect(classifierFromBundle(bundle).predictProbabilities(x)).toEqual(expected);
  });
});
