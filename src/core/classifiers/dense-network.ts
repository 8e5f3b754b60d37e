import type * as tfl from '@tensorflow/tfjs-layers';
import { bundleFromModel, modelFromBundle } from '../bundle';
import { BundleError } from '../bundle-error';
import { BUNDLE_FORMAT_VERSION, type PetalMetadata } from '../bundle-format';
import { predictProbabilities } from '../predict';
import type { Schema } from '../schema';
import type { Standardisation } from '../standardise';
import { fitStandardisation, standardise } from '../standardise';
import { DEFAULT_TRAIN_SETTINGS, fitNetwork } from '../train-model';
import { trainNetworkJs } from '../train-network-js';
import type { FittedClassifier } from './classifier';
import type { DenseNetworkSettings } from './classifier-spec';
import type { FitOptions } from './fit-options';

/** Fits the dense network exactly as trainModel and network cross-validation do (fitNetwork). */
export async function fitDenseNetwork(
  options: FitOptions<{ kind: 'dense-network'; settings: DenseNetworkSettings }>,
): Promise<FittedClassifier> {
  const { spec, train, seed, signal, onProgress } = options;
  const trained = await fitNetwork({
    train,
    settings: { ...DEFAULT_TRAIN_SETTINGS, ...spec.settings, seed, validationFraction: 0 },
    onEpoch: (progress) => onProgress?.({ fraction: progress.epoch / progress.epochs }),
    signal,
  });
  return fittedDenseNetwork({
    model: trained.model,
    schema: train.schema,
    settings: spec.settings,
    seed,
    standardisation: trained.standardisation,
    epochsRun: trained.history.length,
  });
}

/**
 * fitDenseNetwork computed with trainNetworkJs: the same initial weights, batch order, loss and Adam
 * updates in plain JavaScript, about a hundred times faster for small networks and equal to float32
 * rounding rather than bit for bit. For runs no one watches: cross-validation in the Compare view.
 */
export async function fitDenseNetworkJs(
  options: FitOptions<{ kind: 'dense-network'; settings: DenseNetworkSettings }>,
): Promise<FittedClassifier> {
  const { spec, train, seed, signal } = options;
  const features = train.schema.features.length;
  const standardisation = fitStandardisation({ x: train.x, features });
  const model = await trainNetworkJs({
    ...spec.settings,
    seed,
    train: {
      x: standardise(train.x, standardisation),
      y: train.y,
      features,
      classes: train.schema.classes.length,
    },
    signal,
  });
  return fittedDenseNetwork({
    model,
    schema: train.schema,
    settings: spec.settings,
    seed,
    standardisation,
    epochsRun: spec.settings.epochs,
  });
}

/** Reads a dense network bundle (checked by validateBundle) into the common interface. */
export async function denseNetworkFromBundle(bundle: unknown): Promise<FittedClassifier> {
  const { model, metadata } = await modelFromBundle(bundle);
  // Narrows the metadata once PetalMetadata is a union over kinds; validateBundle already checked it.
  if (metadata.kind !== 'dense-network') {
    model.dispose();
    throw new BundleError(`Expected a dense network, got a "${metadata.kind}" model.`);
  }
  const { hidden, epochs, batchSize, learningRate, patience, seed } = metadata.settings;
  // Bundles from before the L2 setting trained without it.
  const l2 = metadata.settings.l2 ?? 0;
  return fittedDenseNetwork({
    model,
    schema: metadata.schema,
    settings: { hidden, epochs, batchSize, learningRate, patience, l2 },
    seed,
    standardisation: metadata.standardisation,
    epochsRun: metadata.epochsRun,
  });
}

function fittedDenseNetwork(options: {
  model: tfl.LayersModel;
  schema: Schema;
  settings: DenseNetworkSettings;
  seed: number;
  standardisation: Standardisation;
  epochsRun: number;
}): FittedClassifier {
  const { model, schema, settings, seed, standardisation, epochsRun } = options;
  return {
    kind: 'dense-network',
    spec: { kind: 'dense-network', settings },
    schema,
    standardisation,
    predictProbabilities: (x) => predictProbabilities({ model, standardisation, x }),
    toBundle: async (description) => {
      const metadata: PetalMetadata = {
        ...description,
        formatVersion: BUNDLE_FORMAT_VERSION,
        kind: 'dense-network',
        schema,
        standardisation,
        // The run's settings first, so a caller's TrainSettings (test fraction…) are kept; the network's
        // own settings and seed last, so they always describe the weights in the bundle.
        settings: { ...DEFAULT_TRAIN_SETTINGS, ...description.settings, ...settings, seed },
        epochsRun,
      };
      return bundleFromModel(model, metadata);
    },
    dispose: () => model.dispose(),
  };
}
