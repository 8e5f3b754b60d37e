// A trained dense network as Petal keeps it: plain arrays that predict through the one forward pass
// (dense-forward.ts) and save as a standard TF.js layers model. Free of TensorFlow.js: only training needs
// it (fit-dense-network.ts).
import type { PetalMetadata } from '../bundle/bundle-format';
import { layersModel } from '../bundle/layers-topology';
import type { Schema } from '../schema';
import type { Standardisation } from '../standardise';
import { type Classifier, describedModel } from './classifier';
import type { DenseNetworkSettings } from './classifier-spec';
import { type DenseLayer, denseForward } from './dense-forward';
import { foldedNetwork } from './fold-scaling';

export interface DenseNetworkModel {
  readonly schema: Schema;
  readonly settings: DenseNetworkSettings;
  /** The seed its initial weights and batch order came from. */
  readonly seed: number;
  /** Applied to the inputs first: the pipeline's scaling, or none (identity) once folded into the layers. */
  readonly standardisation: Standardisation;
  /** Input side first: ReLU hidden layers, then a softmax over the classes. */
  readonly layers: readonly DenseLayer[];
  /** Fewer than `settings.epochs` when the run was stopped. */
  readonly epochsRun: number;
  /** How a run stopped before its last epoch ended, and the epoch it kept (metadata-schema.ts). */
  readonly stopped?: NetworkStop;
}

/** A network's record of an early end to its run (early stopping or "Stop and keep"). */
export type NetworkStop = NonNullable<Extract<PetalMetadata, { kind: 'dense-network' }>['stopped']>;

/** The seed of layer `index`'s kernel: different per layer, or every layer would start correlated. */
export function kernelSeed(seed: number, index: number): number {
  return (seed + 7919 * (index + 1)) >>> 0;
}

export function denseNetworkClassifier(model: DenseNetworkModel): Classifier {
  const { layers, standardisation } = model;
  return {
    kind: 'dense-network',
    schema: model.schema,
    predictProbabilities: denseForward({ layers, standardisation }),
    toBundle: (description) => {
      const folded = foldedNetwork(layers, standardisation, description.pipeline);
      const metadata = describedModel(
        { ...description, pipeline: folded.pipeline },
        { kind: 'dense-network', ...model },
      );
      const bundle = layersModel({
        name: 'petal_dense',
        layers: folded.layers,
        kernelSeeds: layers.map((_, i) => kernelSeed(model.seed, i)),
        metadata,
      });
      return { bundle, metadata };
    },
  };
}
