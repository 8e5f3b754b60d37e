import type * as tf from '@tensorflow/tfjs-core';
import { BundleError } from './bundle-error';
import { BUNDLE_FORMAT_VERSION, type PetalMetadata } from './bundle-format';
import { CLASSIFIER_KINDS, type ClassifierKind } from './classifiers/classifier-spec';
import { type ValidClassifierModel, validateClassifierModel } from './classifiers/validate-classifier-bundle';

export { BundleError } from './bundle-error';

/** Larger than any dense network Petal trains by orders of magnitude, small enough to never hang a tab. */
export const MAX_MODEL_JSON_BYTES = 2 * 1024 * 1024;
export const MAX_WEIGHTS_BYTES = 32 * 1024 * 1024;

/** Layer types a Petal network may contain; anything else (Lambda layers, custom code) is refused. */
const ALLOWED_LAYERS = new Set(['Dense']);
const ALLOWED_ACTIVATIONS = new Set(['relu', 'softmax', 'linear', 'tanh', 'sigmoid', 'elu', 'selu']);

export interface ValidBundle {
  readonly modelJson: tf.io.ModelJSON & { readonly weightsManifest: tf.io.WeightsManifestConfig };
  readonly weights: ArrayBuffer;
  readonly metadata: PetalMetadata;
}

/** Reads the two files of an exported model (text of `model.json`, bytes of `weights.bin`) into a bundle. */
export function parseBundleFiles(files: {
  readonly modelJson: string;
  readonly weights: ArrayBuffer;
}): ValidBundle {
  if (files.modelJson.length > MAX_MODEL_JSON_BYTES) {
    throw new BundleError(
      `model.json is ${files.modelJson.length} bytes; the limit is ${MAX_MODEL_JSON_BYTES}.`,
    );
  }
  let modelJson: unknown;
  try {
    modelJson = JSON.parse(files.modelJson);
  } catch (error) {
    throw new BundleError(`model.json is not valid JSON (${(error as Error).message}).`);
  }
  return validateBundle({ modelJson, weights: files.weights });
}

/**
 * Checks that a bundle is one Petal can load and use: complete, consistent metadata naming a known kind;
 * for a dense network, a TF.js layers model of dense layers whose weight shapes chain from the schema's
 * feature count to its class count and weights bytes that match the manifest exactly; for the other kinds,
 * their own checks (validateClassifierModel). Throws a BundleError naming the first problem.
 */
export function validateBundle(bundle: unknown): ValidBundle {
  return checkBundle(bundle).bundle;
}

/**
 * validateBundle, also returning what the per-kind checks read out of a non-network bundle (so a caller
 * that needs the arrays, fittedFromBundle, does not read them twice); `model` is null for a dense network.
 */
export function checkBundle(bundle: unknown): { bundle: ValidBundle; model: ValidClassifierModel | null } {
  if (!isRecord(bundle)) throw new BundleError('This is not a model bundle.');
  const { modelJson, weights } = bundle;
  if (!isRecord(modelJson)) throw new BundleError('model.json is missing or is not a JSON object.');
  if (!(weights instanceof ArrayBuffer)) throw new BundleError('The weights file is missing.');
  if (weights.byteLength > MAX_WEIGHTS_BYTES) {
    throw new BundleError(
      `The weights file is ${weights.byteLength} bytes; the limit is ${MAX_WEIGHTS_BYTES}.`,
    );
  }
  // The metadata first: its kind says which format the rest of model.json must have.
  const metadata = validateMetadata(
    isRecord(modelJson.userDefinedMetadata) ? modelJson.userDefinedMetadata.petal : undefined,
  );
  const valid = { modelJson: modelJson as unknown as ValidBundle['modelJson'], weights, metadata };
  if (metadata.kind !== 'dense-network') {
    return { bundle: valid, model: validateClassifierModel({ modelJson, weights, metadata }) };
  }
  if (modelJson.format !== 'layers-model') {
    throw new BundleError(
      `model.json has format "${String(modelJson.format)}"; Petal reads TF.js "layers-model" files.`,
    );
  }
  const specs = validateManifest(modelJson.weightsManifest, weights.byteLength);
  validateTopology(modelJson.modelTopology, specs, metadata);
  return { bundle: valid, model: null };
}

function validateManifest(manifest: unknown, weightBytes: number): tf.io.WeightsManifestEntry[] {
  if (
    !Array.isArray(manifest) ||
    manifest.length !== 1 ||
    !isRecord(manifest[0]) ||
    !Array.isArray(manifest[0].weights)
  ) {
    throw new BundleError('model.json must have a weights manifest with exactly one group of weights.');
  }
  const specs = manifest[0].weights as unknown[];
  let expected = 0;
  for (const spec of specs) {
    if (!isRecord(spec) || typeof spec.name !== 'string' || !isShape(spec.shape)) {
      throw new BundleError('A weight in model.json has no name or an invalid shape.');
    }
    if (spec.dtype !== 'float32')
      throw new BundleError(`Weight "${spec.name}" is ${String(spec.dtype)}; only float32 is supported.`);
    if (spec.quantization !== undefined)
      throw new BundleError(`Weight "${spec.name}" is quantised; Petal reads plain float32 weights.`);
    expected += spec.shape.reduce((a, b) => a * b, 1) * 4;
  }
  if (expected !== weightBytes) {
    const what = weightBytes < expected ? 'truncated' : 'longer than model.json describes';
    throw new BundleError(
      `The weights file is ${what}: model.json expects ${expected} bytes, the file has ${weightBytes}.`,
    );
  }
  return specs as tf.io.WeightsManifestEntry[];
}

function validateTopology(
  topology: unknown,
  specs: tf.io.WeightsManifestEntry[],
  metadata: PetalMetadata,
): void {
  const config = isRecord(topology) && isRecord(topology.config) ? topology.config : undefined;
  if (
    !isRecord(topology) ||
    topology.class_name !== 'Sequential' ||
    !config ||
    !Array.isArray(config.layers)
  ) {
    throw new BundleError('model.json does not describe a sequential model.');
  }
  const byName = new Map(specs.map((spec) => [spec.name, spec.shape]));
  let width = metadata.schema.features.length;
  let lastActivation = '';
  for (const [index, layer] of (config.layers as unknown[]).entries()) {
    const layerConfig = isRecord(layer) && isRecord(layer.config) ? layer.config : undefined;
    if (!isRecord(layer) || !layerConfig)
      throw new BundleError(`Layer ${index + 1} in model.json is malformed.`);
    if (typeof layer.class_name !== 'string' || !ALLOWED_LAYERS.has(layer.class_name)) {
      throw new BundleError(
        `Layer ${index + 1} has type "${String(layer.class_name)}"; Petal only loads Dense layers.`,
      );
    }
    const { name, units, activation, batch_input_shape: inputShape } = layerConfig;
    if (typeof name !== 'string' || !Number.isInteger(units) || typeof activation !== 'string') {
      throw new BundleError(`Layer ${index + 1} is missing its name, units or activation.`);
    }
    if (!ALLOWED_ACTIVATIONS.has(activation))
      throw new BundleError(`Layer "${name}" uses unknown activation "${activation}".`);
    if (index === 0 && (!Array.isArray(inputShape) || inputShape[1] !== width)) {
      throw new BundleError(
        `The model takes ${Array.isArray(inputShape) ? inputShape[1] : '?'} inputs but the schema lists ${width} features.`,
      );
    }
    expectShape(byName, `${name}/kernel`, [width, units as number]);
    if (layerConfig.use_bias !== false) expectShape(byName, `${name}/bias`, [units as number]);
    width = units as number;
    lastActivation = activation;
  }
  if (width !== metadata.schema.classes.length) {
    throw new BundleError(
      `The model outputs ${width} values but the schema lists ${metadata.schema.classes.length} classes.`,
    );
  }
  if (lastActivation !== 'softmax')
    throw new BundleError('The last layer must be a softmax over the classes.');
}

function expectShape(byName: Map<string, number[]>, name: string, shape: number[]): void {
  const actual = byName.get(name);
  if (!actual) throw new BundleError(`The weights manifest has no "${name}".`);
  if (actual.length !== shape.length || actual.some((d, i) => d !== shape[i])) {
    throw new BundleError(`Weight "${name}" has shape [${actual}] where the layers need [${shape}].`);
  }
}

function validateMetadata(value: unknown): PetalMetadata {
  if (!isRecord(value))
    throw new BundleError('model.json has no Petal metadata (userDefinedMetadata.petal).');
  if (typeof value.formatVersion !== 'number')
    throw new BundleError('The Petal metadata has no format version.');
  if (value.formatVersion > BUNDLE_FORMAT_VERSION) {
    throw new BundleError(
      `This model was saved by a newer Petal (format ${value.formatVersion}); update Petal to open it.`,
    );
  }
  if (value.formatVersion !== BUNDLE_FORMAT_VERSION)
    throw new BundleError(`Unknown model format version ${value.formatVersion}.`);
  if (!CLASSIFIER_KINDS.includes(value.kind as ClassifierKind)) {
    throw new BundleError(`Unknown model kind "${String(value.kind)}".`);
  }
  const schema = value.schema;
  if (
    !isRecord(schema) ||
    !isNameList(schema.features, 1) ||
    !isNameList(schema.classes, 2) ||
    typeof schema.label !== 'string'
  ) {
    throw new BundleError(
      'The model schema must list unique feature names, a label column and at least two unique classes.',
    );
  }
  if (schema.features.includes(schema.label))
    throw new BundleError(`"${schema.label}" is both a feature and the label.`);
  const features = schema.features.length;
  const s = value.standardisation;
  if (
    !isRecord(s) ||
    !isFiniteList(s.mean, features) ||
    !isFiniteList(s.sd, features) ||
    s.sd.some((sd) => !(sd > 0))
  ) {
    throw new BundleError(
      `The standardisation must give a finite mean and a positive sd for each of the ${features} features.`,
    );
  }
  const profiles = value.featureProfiles;
  if (!Array.isArray(profiles) || profiles.length !== features || !profiles.every(isProfile)) {
    throw new BundleError(`The model must describe the training range of each of its ${features} features.`);
  }
  const means = value.classMeans;
  if (
    !Array.isArray(means) ||
    means.length !== schema.classes.length ||
    !means.every((m) => isFiniteList(m, features))
  ) {
    throw new BundleError(
      `The model must give a typical value of each feature for each of its ${schema.classes.length} classes.`,
    );
  }
  if (typeof value.createdAt !== 'string' || Number.isNaN(Date.parse(value.createdAt))) {
    throw new BundleError('The model has no valid creation time.');
  }
  if (
    !isRecord(value.metrics) ||
    !isRecord(value.metrics.test) ||
    typeof value.metrics.test.accuracy !== 'number'
  ) {
    throw new BundleError('The model has no test metrics.');
  }
  if (value.kind !== 'dense-network' && !isRecord(value.settings)) {
    throw new BundleError('The Petal metadata has no model settings.');
  }
  return value as unknown as PetalMetadata;
}

function isProfile(value: unknown): boolean {
  return (
    isRecord(value) &&
    Number.isFinite(value.min) &&
    Number.isFinite(value.max) &&
    isFiniteList(value.deciles, 9)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isShape(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((d) => Number.isInteger(d) && d > 0 && d <= 1 << 20);
}

function isFiniteList(value: unknown, length: number): value is number[] {
  return Array.isArray(value) && value.length === length && value.every((v) => Number.isFinite(v));
}

function isNameList(value: unknown, min: number): value is string[] {
  return (
    Array.isArray(value) &&
    value.length >= min &&
    value.every((v) => typeof v === 'string' && v.length > 0) &&
    new Set(value).size === value.length
  );
}
