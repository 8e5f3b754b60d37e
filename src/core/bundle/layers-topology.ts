// A stack of Dense layers as a standard TF.js "layers-model": written by hand (so no TensorFlow.js is needed
// to save a model, and the main thread can check one), in exactly the form tfjs-layers 4.x writes, so
// `tf.loadLayersModel` loads it anywhere (layers-topology.test.ts compares the two).
import { DENSE_ACTIVATIONS, type DenseActivation, type DenseLayer } from '../classifiers/dense-forward';
import { shorten } from '../short-text';
import { BundleError } from './bundle-error';
import { type ModelJson, type PetalMetadata, WEIGHTS_FILE_NAME } from './bundle-format';
import { expectShape, isRecord, packWeights, readWeights } from './weights';

/** Layer names Petal writes: hidden_1 … hidden_n, then the softmax output. */
export function layerName(index: number, layers: number): string {
  return index === layers - 1 ? 'probabilities' : `hidden_${index + 1}`;
}

/**
 * The `model.json` and weights of a Sequential model of `layers` (input side first). `initializers` says
 * what the kernels started from, as TF.js records it: Glorot-uniform with each layer's seed for a network
 * (`kernelSeeds`), zeros for logistic regression.
 */
export function layersModel(options: {
  readonly name: string;
  readonly layers: readonly DenseLayer[];
  readonly kernelSeeds?: readonly number[];
  readonly metadata: PetalMetadata;
}): { modelJson: ModelJson; weights: ArrayBuffer } {
  const { layers, kernelSeeds } = options;
  const configs = layers.map((layer, i) => ({
    class_name: 'Dense',
    config: {
      units: layer.units,
      activation: layer.activation,
      use_bias: true,
      kernel_initializer: kernelSeeds
        ? {
            class_name: 'VarianceScaling',
            config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: kernelSeeds[i] },
          }
        : { class_name: 'Zeros', config: {} },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      name: layerName(i, layers.length),
      trainable: true,
      ...(i === 0 ? { batch_input_shape: [null, layer.inputs], dtype: 'float32' } : {}),
    },
  }));
  const { specs, weights } = packWeights(
    layers.flatMap((layer, i) => [
      {
        name: `${layerName(i, layers.length)}/kernel`,
        shape: [layer.inputs, layer.units],
        data: layer.kernel,
      },
      { name: `${layerName(i, layers.length)}/bias`, shape: [layer.units], data: layer.bias },
    ]),
  );
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: 'Petal',
      convertedBy: null,
      modelTopology: {
        class_name: 'Sequential',
        config: { name: options.name, layers: configs },
        keras_version: 'tfjs-layers 4.22.0',
        backend: 'tensor_flow.js',
      },
      weightsManifest: [{ paths: [WEIGHTS_FILE_NAME], weights: specs }],
      userDefinedMetadata: { petal: options.metadata },
    },
    weights,
  };
}

/**
 * Checks that `modelJson` is a TF.js layers model Petal can run — a Sequential stack of Dense layers with
 * known activations, the last a softmax, whose weight shapes chain from `features` inputs to `classes`
 * outputs — and reads its layers out of `weights`. Anything else (other layer types, custom code) is
 * refused with a BundleError naming the problem.
 */
export function readLayers(
  modelJson: Readonly<Record<string, unknown>>,
  weights: ArrayBuffer,
  features: number,
  classes: number,
): DenseLayer[] {
  if (modelJson.format !== 'layers-model') {
    throw new BundleError(
      `model.json has format "${shorten(String(modelJson.format))}"; Petal reads TF.js "layers-model" files.`,
    );
  }
  const topology = modelJson.modelTopology;
  const config = isRecord(topology) && isRecord(topology.config) ? topology.config : undefined;
  if (
    !isRecord(topology) ||
    topology.class_name !== 'Sequential' ||
    !config ||
    !Array.isArray(config.layers)
  ) {
    throw new BundleError('model.json does not describe a sequential model.');
  }
  if (config.layers.length < 1 || config.layers.length > 9) {
    throw new BundleError(`The model has ${config.layers.length} layers; Petal reads 1 to 9 Dense layers.`);
  }
  const plan: { name: string; inputs: number; units: number; activation: DenseActivation; bias: boolean }[] =
    [];
  let width = features;
  for (const [index, layer] of (config.layers as unknown[]).entries()) {
    const layerConfig = isRecord(layer) && isRecord(layer.config) ? layer.config : undefined;
    if (!isRecord(layer) || !layerConfig)
      throw new BundleError(`Layer ${index + 1} in model.json is malformed.`);
    if (layer.class_name !== 'Dense') {
      throw new BundleError(
        `Layer ${index + 1} has type "${shorten(String(layer.class_name))}"; Petal only loads Dense layers.`,
      );
    }
    const { name, units, activation, batch_input_shape: inputShape } = layerConfig;
    if (typeof name !== 'string' || !Number.isInteger(units) || typeof activation !== 'string') {
      throw new BundleError(`Layer ${index + 1} is missing its name, units or activation.`);
    }
    if (!(units as number) || (units as number) < 1 || (units as number) > 1 << 16) {
      throw new BundleError(`Layer "${shorten(name)}" has ${String(units)} units.`);
    }
    if (!(DENSE_ACTIVATIONS as readonly string[]).includes(activation)) {
      throw new BundleError(`Layer "${shorten(name)}" uses unknown activation "${shorten(activation)}".`);
    }
    if (index === 0 && (!Array.isArray(inputShape) || inputShape[1] !== width)) {
      throw new BundleError(
        `The model takes ${Array.isArray(inputShape) ? String(inputShape[1]) : '?'} inputs but its pipeline makes ${width}.`,
      );
    }
    plan.push({
      name,
      inputs: width,
      units: units as number,
      activation: activation as DenseActivation,
      bias: layerConfig.use_bias !== false,
    });
    width = units as number;
  }
  if (width !== classes) {
    throw new BundleError(`The model outputs ${width} values but the schema lists ${classes} classes.`);
  }
  if (plan[plan.length - 1].activation !== 'softmax') {
    throw new BundleError('The last layer must be a softmax over the classes.');
  }
  const expected = new Map<string, 'float32'>();
  for (const layer of plan) {
    expected.set(`${layer.name}/kernel`, 'float32');
    if (layer.bias) expected.set(`${layer.name}/bias`, 'float32');
  }
  const arrays = readWeights(modelJson.weightsManifest, weights, expected);
  return plan.map((layer) => ({
    inputs: layer.inputs,
    units: layer.units,
    activation: layer.activation,
    kernel: expectShape(arrays, `${layer.name}/kernel`, [layer.inputs, layer.units]) as Float32Array,
    bias: layer.bias
      ? (expectShape(arrays, `${layer.name}/bias`, [layer.units]) as Float32Array)
      : new Float32Array(layer.units),
  }));
}
