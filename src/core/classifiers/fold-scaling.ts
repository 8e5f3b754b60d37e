// A network trained on scaled inputs, rewritten to take unscaled ones: the scaling folded into its first
// layer. Stock TensorFlow.js then gets Petal's probabilities from a row's inputs without knowing about the
// scaling, which otherwise lives only in the metadata (the most common surprise with exported models).
import type { Pipeline } from '../pipeline/input-steps';
import type { Standardisation } from '../standardise';
import type { DenseLayer } from './dense-forward';

/**
 * The first layer with (x − mean) / sd folded in: kernel[i][j] / sd[i], and bias[j] − Σᵢ mean[i] · kernel[i][j]
 * / sd[i] (summed in float64). Equal to scaling then the layer, up to float32 rounding of the new weights.
 */
export function foldScaling(layer: DenseLayer, scaling: Standardisation): DenseLayer {
  const { inputs, units, kernel, bias } = layer;
  if (scaling.mean.length !== inputs) {
    throw new RangeError(`The scaling has ${scaling.mean.length} inputs; the layer has ${inputs}.`);
  }
  const folded = new Float32Array(kernel.length);
  const shift = Float64Array.from(bias);
  for (let i = 0; i < inputs; i++) {
    const mean = scaling.mean[i];
    const sd = scaling.sd[i];
    for (let j = 0; j < units; j++) {
      const weight = kernel[i * units + j] / sd;
      folded[i * units + j] = weight;
      shift[j] -= mean * weight;
    }
  }
  return { ...layer, kernel: folded, bias: Float32Array.from(shift) };
}

/**
 * A network's layers and its description's pipeline as a bundle stores them: the scaling the network
 * applies folded into its first layer, and the pipeline marked `scaledIn: 'model'`, with that scaling kept
 * as a record of what was folded.
 */
export function foldedNetwork(
  layers: readonly DenseLayer[],
  scaling: Standardisation,
  pipeline: Pipeline,
): { layers: DenseLayer[]; pipeline: Pipeline } {
  return {
    layers: [foldScaling(layers[0], scaling), ...layers.slice(1)],
    pipeline: { ...pipeline, scaling, scaledIn: 'model' },
  };
}
