// Reading and writing the parts of a bundle shared by every kind of classifier that is not a TF.js layers
// model (k-NN, random forest): named typed arrays packed into `weights.bin`, and the metadata Petal stores.
import type * as tf from '@tensorflow/tfjs-core';
import { type ModelBundle, type PetalMetadata, WEIGHTS_FILE_NAME } from '../bundle-format';
import type { ClassifierKind } from './classifier-spec';

/**
 * Everything a bundle's metadata holds that the caller knows and the fitted classifier does not: data
 * profiles, metrics, row counts, fingerprint, creation time, backend. The classifier adds its kind, schema,
 * standardisation and settings (and, for a network, the epochs run) itself, so they always match the model.
 */
export type BundleDescription = Omit<
  PetalMetadata,
  'kind' | 'schema' | 'standardisation' | 'settings' | 'epochsRun'
> & {
  /** Settings of the run that produced the model (seed, test fraction…), stored beside the model's own. */
  readonly settings?: object;
};

/** The metadata a classifier bundle stores in `userDefinedMetadata.petal`. */
export type ClassifierMetadata = Omit<PetalMetadata, 'kind' | 'settings' | 'epochsRun'> & {
  readonly kind: ClassifierKind;
  /** The kind's own settings (see classifier-spec.ts) merged over the run's settings. */
  readonly settings: object;
  readonly epochsRun?: number;
};

export type WeightArray = Float32Array | Int32Array;

/** One named array of a bundle: row-major values of the given shape. */
export interface NamedWeight {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: WeightArray;
}

/** `model.json` formats of the kinds Petal stores as named arrays rather than as a TF.js layers model. */
export const KNN_FORMAT = 'petal-knn';
export const FOREST_FORMAT = 'petal-forest';

/** Packs arrays, in order, into one buffer (every dtype is 4 bytes, so each starts 4-byte aligned). */
export function packWeights(arrays: readonly NamedWeight[]): {
  specs: tf.io.WeightsManifestEntry[];
  weights: ArrayBuffer;
} {
  const bytes = arrays.reduce((total, array) => total + array.data.byteLength, 0);
  const weights = new ArrayBuffer(bytes);
  const view = new Uint8Array(weights);
  let offset = 0;
  const specs = arrays.map(({ name, shape, data }) => {
    const expected = shape.reduce((a, b) => a * b, 1);
    if (expected !== data.length) {
      throw new RangeError(`Weight "${name}" has ${data.length} values but shape [${shape}].`);
    }
    view.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), offset);
    offset += data.byteLength;
    const dtype: 'float32' | 'int32' = data instanceof Float32Array ? 'float32' : 'int32';
    return { name, shape: [...shape], dtype };
  });
  return { specs, weights };
}

/**
 * Copies each array of a checked manifest out of the weights buffer, by name. Copies, not views, so the
 * model keeps working if the caller transfers or reuses the buffer.
 */
export function unpackWeights(
  specs: readonly tf.io.WeightsManifestEntry[],
  weights: ArrayBuffer,
): Map<string, WeightArray> {
  const arrays = new Map<string, WeightArray>();
  let offset = 0;
  for (const spec of specs) {
    const length = spec.shape.reduce((a, b) => a * b, 1);
    const bytes = weights.slice(offset, offset + length * 4);
    arrays.set(spec.name, spec.dtype === 'int32' ? new Int32Array(bytes) : new Float32Array(bytes));
    offset += length * 4;
  }
  return arrays;
}

/** The `model.json` of a kind stored as named arrays: no TF.js topology, one weights group. */
export function arraysModelJson(options: {
  format: string;
  specs: tf.io.WeightsManifestEntry[];
  metadata: ClassifierMetadata;
}): tf.io.ModelJSON {
  return {
    format: options.format,
    generatedBy: 'Petal',
    convertedBy: null,
    // TF.js types the topology as `{}`; null says plainly that this is not a layers or graph model, so
    // TF.js loaders refuse it instead of misreading it.
    // biome-ignore lint/complexity/noBannedTypes: tf.io.ModelJSON types the topology as `{}`.
    modelTopology: null as unknown as {},
    weightsManifest: [{ paths: [WEIGHTS_FILE_NAME], weights: options.specs }],
    // biome-ignore lint/complexity/noBannedTypes: tf.io.ModelJSON types metadata values as `{}`.
    userDefinedMetadata: { petal: options.metadata as unknown as {} },
  };
}

/** A bundle of named arrays with its metadata. */
export function arraysBundle(options: {
  format: string;
  arrays: readonly NamedWeight[];
  metadata: ClassifierMetadata;
}): ModelBundle {
  const { specs, weights } = packWeights(options.arrays);
  return {
    modelJson: arraysModelJson({ format: options.format, specs, metadata: options.metadata }),
    weights,
  };
}
