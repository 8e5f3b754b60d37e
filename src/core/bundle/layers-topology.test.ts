import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { describedModel, placeholderDescription } from '../classifiers/classifier';
import { DEFAULT_DENSE_NETWORK_SETTINGS } from '../classifiers/classifier-spec';
import { kernelSeed } from '../classifiers/dense-network';
import { layerName, layersModel } from './layers-topology';

describe('layersModel', () => {
  it('writes the topology tfjs-layers writes for the same Sequential model', () => {
    for (const hidden of [[8], [6, 5], []]) {
      const widths = [4, ...hidden, 3];
      const seed = 42;
      const model = tfl.sequential({ name: 'petal_dense' });
      for (let i = 0; i < widths.length - 1; i++) {
        model.add(
          tfl.layers.dense({
            name: layerName(i, widths.length - 1),
            units: widths[i + 1],
            activation: i === widths.length - 2 ? 'softmax' : 'relu',
            inputShape: i === 0 ? [4] : undefined,
            kernelInitializer: tfl.initializers.glorotUniform({ seed: kernelSeed(seed, i) }),
            biasInitializer: 'zeros',
          }),
        );
      }
      const expected = model.toJSON(null, false);
      model.dispose();
      const schema = { features: ['a', 'b', 'c', 'd'], label: 'y', classes: ['x', 'y', 'z'] };
      const layers = widths.slice(1).map((units, i) => ({
        inputs: widths[i],
        units,
        kernel: new Float32Array(widths[i] * units),
        bias: new Float32Array(units),
        activation: i === widths.length - 2 ? ('softmax' as const) : ('relu' as const),
      }));
      const metadata = describedModel(placeholderDescription(schema), {
        kind: 'dense-network',
        settings: { ...DEFAULT_DENSE_NETWORK_SETTINGS, hidden },
        seed,
        epochsRun: 1,
      });
      const { modelJson } = layersModel({
        name: 'petal_dense',
        layers,
        kernelSeeds: layers.map((_, i) => kernelSeed(seed, i)),
        metadata,
      });
      expect(modelJson.modelTopology).toEqual(expected);
    }
  });
});
