import type { Dataset } from '../dataset';
import { type Standardisation, standardise } from '../standardise';
import type { Classifier } from './classifier';
import type { DenseNetworkSettings } from './classifier-spec';
import { denseNetworkClassifier } from './dense-network';
import type { FitOptions } from './fit-options';
import { type TrainingRows, trainNetwork } from './train-network';

/**
 * Scales the inputs with the pipeline's scaling (fitted on the training rows alone), then trains the network
 * with TensorFlow.js (train-network.ts). Reports each epoch through `onProgress` when someone listens.
 */
export async function fitDenseNetwork(
  options: FitOptions<{ kind: 'dense-network'; settings: DenseNetworkSettings }>,
): Promise<Classifier> {
  const { spec, train, validation, seed, signal, finish, onProgress, classWeights } = options;
  const standardisation = options.scaling;
  const trained = await trainNetwork({
    train: trainingRows(train, standardisation),
    validation: validation && trainingRows(validation, standardisation),
    settings: spec.settings,
    classWeights,
    seed,
    signal,
    finish,
    onEpoch: onProgress && ((epoch) => onProgress({ fraction: epoch.epoch / epoch.epochs, epoch })),
  });
  return denseNetworkClassifier({
    schema: train.schema,
    settings: spec.settings,
    seed,
    standardisation,
    layers: trained.layers,
    epochsRun: trained.epochsRun,
    ...(trained.stoppedBy ? { stopped: { by: trained.stoppedBy, keptEpoch: trained.bestEpoch } } : {}),
  });
}

function trainingRows(data: Dataset, standardisation: Standardisation): TrainingRows {
  return {
    x: standardise(data.x, standardisation),
    y: data.y,
    features: data.schema.features.length,
    classes: data.schema.classes.length,
  };
}
