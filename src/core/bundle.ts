import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  BUNDLE_FORMAT_VERSION,
  type ModelBundle,
  type PetalMetadata,
  WEIGHTS_FILE_NAME,
} from './bundle-format';
import type { TrainedModel } from './train-model';
import { validateBundle } from './validate-bundle';

export type { ModelBundle, PetalMetadata } from './bundle-format';

/** Describes a freshly trained model in the form the bundle stores. */
export function metadataFor(
  trained: TrainedModel,
  extra: {
    readonly createdAt: string;
    readonly crossValidation?: PetalMetadata['metrics']['crossValidation'];
  },
): PetalMetadata {
  return {
    formatVersion: BUNDLE_FORMAT_VERSION,
    kind: 'dense-network',
    schema: trained.schema,
    standardisation: trained.standardisation,
    featureProfiles: trained.featureProfiles,
    classMeans: trained.classMeans,
    settings: trained.settings,
    metrics: {
      test: trained.testMetrics,
      ...(extra.crossValidation ? { crossValidation: extra.crossValidation } : {}),
    },
    rows: trained.rows,
    epochsRun: trained.history.length,
    dataFingerprint: trained.dataFingerprint,
    createdAt: extra.createdAt,
    backend: tf.getBackend(),
    tfjsVersion: tf.version_core,
  };
}

/** Serialises a model and its metadata into a bundle (nothing is written anywhere). */
export async function bundleFromModel(model: tfl.LayersModel, metadata: PetalMetadata): Promise<ModelBundle> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts?.modelTopology || !artifacts.weightSpecs || artifacts.weightData === undefined) {
    throw new Error('TensorFlow.js returned an incomplete model when saving.');
  }
  const weights = Array.isArray(artifacts.weightData)
    ? tf.io.concatenateArrayBuffers(artifacts.weightData)
    : artifacts.weightData;
  const modelJson: tf.io.ModelJSON = {
    format: 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_FILE_NAME], weights: artifacts.weightSpecs }],
    // biome-ignore lint/complexity/noBannedTypes: tf.io.ModelJSON types metadata values as `{}`.
    userDefinedMetadata: { petal: metadata as unknown as {} },
  };
  return { modelJson, weights };
}

/** Validates a bundle, then builds the TF.js model it describes. The caller owns (and disposes) the model. */
export async function modelFromBundle(
  bundle: unknown,
): Promise<{ model: tfl.LayersModel; metadata: PetalMetadata }> {
  const { modelJson, weights, metadata } = validateBundle(bundle);
  const model = await tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: weights,
      format: modelJson.format,
      generatedBy: modelJson.generatedBy,
    }),
  );
  return { model, metadata };
}

/** The two files of a bundle, as written to disk or offered for download. */
export function bundleFiles(bundle: ModelBundle): { modelJson: string; weights: ArrayBuffer } {
  return { modelJson: `${JSON.stringify(bundle.modelJson, null, 1)}\n`, weights: bundle.weights };
}
