// The `model.json` of the kinds Petal stores as named arrays rather than as a TF.js layers model: k-NN (its
// training rows) and the random forest (its flattened trees).
import { type ModelJson, type PetalMetadata, WEIGHTS_FILE_NAME } from './bundle-format';
import { type NamedWeight, packWeights } from './weights';

/** `model.json` formats of the kinds stored as named arrays. */
export const KNN_FORMAT = 'petal-knn';
export const FOREST_FORMAT = 'petal-forest';

/** A model of named arrays with its metadata: no TF.js topology, one weights group. */
export function arraysModel(options: {
  readonly format: typeof KNN_FORMAT | typeof FOREST_FORMAT;
  readonly arrays: readonly NamedWeight[];
  readonly metadata: PetalMetadata;
}): { modelJson: ModelJson; weights: ArrayBuffer } {
  const { specs, weights } = packWeights(options.arrays);
  return {
    modelJson: {
      format: options.format,
      generatedBy: 'Petal',
      convertedBy: null,
      // null says plainly that this is not a layers or graph model, so TF.js loaders refuse it instead of
      // misreading it.
      modelTopology: null,
      weightsManifest: [{ paths: [WEIGHTS_FILE_NAME], weights: specs }],
      userDefinedMetadata: { petal: options.metadata },
    },
    weights,
  };
}
