import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { blobs } from '../test/blobs';
import { bundleFiles, bundleFromModel, type ModelBundle, metadataFor, modelFromBundle } from './bundle';
import { predictProbabilities } from './predict';
import { trainModel } from './train-model';
import { BundleError, parseBundleFiles, validateBundle } from './validate-bundle';

const dataset = blobs({ perClass: 20 });
let bundle: ModelBundle;
let expected: Float32Array;

beforeAll(async () => {
  const trained = await trainModel({ dataset, settings: { epochs: 10 } });
  expected = predictProbabilities({
    model: trained.model,
    standardisation: trained.standardisation,
    x: dataset.x,
  });
  bundle = await bundleFromModel(
    trained.model,
    metadataFor(trained, { createdAt: '2026-01-02T03:04:05.000Z' }),
  );
  trained.model.dispose();
});

/** A deep copy of the bundle's model.json with `edit` applied, paired with the given weights. */
// biome-ignore lint/suspicious/noExplicitAny: the tests poke at arbitrary parsed JSON.
function tampered(edit: (json: any) => void, weights = bundle.weights): unknown {
  const modelJson = JSON.parse(JSON.stringify(bundle.modelJson));
  edit(modelJson);
  return { modelJson, weights };
}

describe('model bundle', () => {
  it('is a standard TF.js model.json with Petal metadata in userDefinedMetadata', () => {
    const json = bundle.modelJson;
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest).toEqual([{ paths: ['weights.bin'], weights: expect.any(Array) }]);
    const petal = (json.userDefinedMetadata as { petal: Record<string, unknown> }).petal;
    expect(petal).toMatchObject({
      formatVersion: 1,
      kind: 'dense-network',
      schema: dataset.schema,
      createdAt: '2026-01-02T03:04:05.000Z',
      backend: 'cpu',
      tfjsVersion: tf.version_core,
    });
    expect(Object.keys(petal)).toEqual(
      expect.arrayContaining([
        'standardisation',
        'featureProfiles',
        'settings',
        'metrics',
        'dataFingerprint',
        'rows',
      ]),
    );
  });

  it('round-trips through its two files to a model with identical predictions', async () => {
    const files = bundleFiles(bundle);
    const restored = parseBundleFiles({ modelJson: files.modelJson, weights: files.weights.slice(0) });
    const before = tf.memory().numTensors;
    const { model, metadata } = await modelFromBundle(restored);
    const again = predictProbabilities({ model, standardisation: metadata.standardisation, x: dataset.x });
    expect(again).toEqual(expected);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('accepts itself', () => {
    expect(validateBundle(bundle).metadata.schema).toEqual(dataset.schema);
  });

  it.each([
    [
      'a truncated weights file',
      () => ({ modelJson: bundle.modelJson, weights: bundle.weights.slice(0, 40) }),
      /truncated.*expects \d+ bytes, the file has 40/,
    ],
    [
      'an oversized weights file',
      () => ({ modelJson: bundle.modelJson, weights: new ArrayBuffer(33 * 1024 * 1024) }),
      /limit/,
    ],
    [
      'a weights file longer than described',
      () => ({ modelJson: bundle.modelJson, weights: new ArrayBuffer(bundle.weights.byteLength + 4) }),
      /longer than model.json describes/,
    ],
    ['a missing weights file', () => ({ modelJson: bundle.modelJson }), /weights file is missing/],
    [
      'an unknown layer type',
      () =>
        tampered((j) => {
          j.modelTopology.config.layers[0].class_name = 'Lambda';
        }),
      /type "Lambda"/,
    ],
    [
      'a kernel shape that does not chain',
      () =>
        tampered((j) => {
          j.weightsManifest[0].weights[0].shape.reverse();
        }),
      /shape \[8,4\] where the layers need \[4,8\]/,
    ],
    [
      'a schema with more features than inputs',
      () =>
        tampered((j) => {
          const p = j.userDefinedMetadata.petal;
          p.schema.features.push('extra');
          p.standardisation.mean.push(0);
          p.standardisation.sd.push(1);
          p.featureProfiles.push(p.featureProfiles[0]);
          for (const means of p.classMeans) means.push(0);
        }),
      /takes 4 inputs but the schema lists 5 features/,
    ],
    [
      'a schema with fewer classes than outputs',
      () =>
        tampered((j) => {
          j.userDefinedMetadata.petal.schema.classes.pop();
          j.userDefinedMetadata.petal.classMeans.pop();
        }),
      /outputs 3 values but the schema lists 2 classes/,
    ],
    [
      'a zero standard deviation',
      () =>
        tampered((j) => {
          j.userDefinedMetadata.petal.standardisation.sd[1] = 0;
        }),
      /positive sd/,
    ],
    [
      'no Petal metadata',
      () =>
        tampered((j) => {
          delete j.userDefinedMetadata;
        }),
      /no Petal metadata/,
    ],
    [
      'a newer format',
      () =>
        tampered((j) => {
          j.userDefinedMetadata.petal.formatVersion = 2;
        }),
      /newer Petal/,
    ],
    [
      'duplicate class names',
      () =>
        tampered((j) => {
          j.userDefinedMetadata.petal.schema.classes[1] = 'class_1';
        }),
      /unique classes/,
    ],
    [
      'quantised weights',
      () =>
        tampered((j) => {
          j.weightsManifest[0].weights[0].quantization = { dtype: 'uint8' };
        }),
      /quantised/,
    ],
    [
      'not a layers model',
      () =>
        tampered((j) => {
          j.format = 'graph-model';
        }),
      /"graph-model"/,
    ],
  ])('rejects %s with a clear message', (_, make, message) => {
    expect(() => validateBundle(make())).toThrow(BundleError);
    expect(() => validateBundle(make())).toThrow(message);
  });

  it('rejects a model.json that is not JSON', () => {
    expect(() => parseBundleFiles({ modelJson: '{"format": ', weights: bundle.weights })).toThrow(
      /not valid JSON/,
    );
  });

  it('is byte-identical when the same data, settings and seed are trained again', async () => {
    const trained = await trainModel({ dataset, settings: { epochs: 10 } });
    const again = await bundleFromModel(
      trained.model,
      metadataFor(trained, { createdAt: '2026-01-02T03:04:05.000Z' }),
    );
    trained.model.dispose();
    expect(bundleFiles(again).modelJson).toBe(bundleFiles(bundle).modelJson);
    expect(new Uint8Array(again.weights)).toEqual(new Uint8Array(bundle.weights));
  });
});
