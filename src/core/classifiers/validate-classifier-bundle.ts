// Checks of the bundles of every classifier kind. Free of TensorFlow.js so the main thread can check an
// imported file before storing it.
import type * as tf from '@tensorflow/tfjs-core';
import { BundleError } from '../bundle-error';
import type { PetalMetadata } from '../bundle-format';
import { checkBundle } from '../validate-bundle';
import { FOREST_FORMAT, KNN_FORMAT, unpackWeights, type WeightArray } from './classifier-bundle';
import type { KnnSettings, LogisticRegressionSettings, RandomForestSettings } from './classifier-spec';
import { checkKnnSettings } from './knn';
import { checkLogisticRegressionSettings } from './logistic-regression';
import { checkRandomForestSettings, type FlatForest, MAX_TREE_DEPTH } from './random-forest';

/** What a checked bundle of a non-network kind holds, ready to predict with. */
export type ValidClassifierModel =
  | {
      readonly kind: 'knn';
      readonly settings: KnnSettings;
      readonly points: Float32Array;
      readonly labels: Int32Array;
    }
  | {
      readonly kind: 'logistic-regression';
      readonly settings: LogisticRegressionSettings;
      readonly kernel: Float32Array;
      readonly bias: Float32Array;
    }
  | { readonly kind: 'random-forest'; readonly settings: RandomForestSettings; readonly forest: FlatForest };

export type ValidClassifierBundle = { readonly metadata: PetalMetadata } & (
  | { readonly kind: 'dense-network' }
  | ValidClassifierModel
);

/** The metadata fields the per-kind checks rely on (validateBundle's metadata check provides them). */
export interface ClassifierModelMetadata {
  readonly kind: unknown;
  readonly schema: { readonly features: readonly string[]; readonly classes: readonly string[] };
  readonly settings?: unknown;
}

/**
 * Checks a bundle of any kind with the core's validateBundle (which runs {@link validateClassifierModel}
 * for the kinds that are not a dense network) and returns what the non-network kinds need to predict.
 * Throws a BundleError naming the first problem.
 */
export function validateClassifierBundle(bundle: unknown): ValidClassifierBundle {
  const { bundle: valid, model } = checkBundle(bundle);
  return model ? { ...model, metadata: valid.metadata } : { kind: 'dense-network', metadata: valid.metadata };
}

/**
 * The per-kind checks of a k-NN, logistic regression or random forest bundle whose metadata (kind, schema,
 * standardisation) is already checked: its format, weights manifest and bytes, the shapes of its arrays
 * against the schema, their values (finite, class indices and node links in range, trees acyclic and
 * within the depth limit) and the kind's settings. Throws a BundleError naming the first problem.
 */
export function validateClassifierModel(options: {
  readonly modelJson: Readonly<Record<string, unknown>> | tf.io.ModelJSON;
  readonly weights: ArrayBuffer;
  readonly metadata: ClassifierModelMetadata;
}): ValidClassifierModel {
  const { weights, metadata } = options;
  const modelJson = options.modelJson as Readonly<Record<string, unknown>>;
  const features = metadata.schema.features.length;
  const classes = metadata.schema.classes.length;
  const settings = isRecord(metadata.settings) ? metadata.settings : {};
  switch (metadata.kind) {
    case 'knn': {
      expectFormat(modelJson, KNN_FORMAT);
      const arrays = readArrays(modelJson, weights, {
        'knn/points': 'float32',
        'knn/labels': 'int32',
      });
      const points = expectArray(arrays, 'knn/points', undefined, features) as Float32Array;
      const rows = points.length / features;
      const labels = expectArray(arrays, 'knn/labels', [rows]) as Int32Array;
      expectFinite('knn/points', points);
      expectIndices('knn/labels', labels, classes, 'class');
      const knn = { k: settings.k, weighting: settings.weighting } as KnnSettings;
      checkSettings('k-NN', () => checkKnnSettings(knn, rows));
      return { kind: 'knn', settings: knn, points, labels };
    }
    case 'logistic-regression': {
      const name = expectSingleSoftmaxLayer(modelJson, features, classes);
      const arrays = readArrays(modelJson, weights, {
        [`${name}/kernel`]: 'float32',
        [`${name}/bias`]: 'float32',
      });
      const kernel = expectArray(arrays, `${name}/kernel`, [features, classes]) as Float32Array;
      const bias = expectArray(arrays, `${name}/bias`, [classes]) as Float32Array;
      expectFinite(`${name}/kernel`, kernel);
      expectFinite(`${name}/bias`, bias);
      const logistic = { c: settings.c, maxIterations: settings.maxIterations } as LogisticRegressionSettings;
      checkSettings('logistic regression', () => checkLogisticRegressionSettings(logistic));
      return { kind: 'logistic-regression', settings: logistic, kernel, bias };
    }
    case 'random-forest': {
      expectFormat(modelJson, FOREST_FORMAT);
      const arrays = readArrays(modelJson, weights, {
        'forest/feature': 'int32',
        'forest/threshold': 'float32',
        'forest/left': 'int32',
        'forest/right': 'int32',
        'forest/leaves': 'float32',
        'forest/roots': 'int32',
      });
      const feature = expectArray(arrays, 'forest/feature') as Int32Array;
      const nodes = feature.length;
      const forest: FlatForest = {
        feature,
        threshold: expectArray(arrays, 'forest/threshold', [nodes]) as Float32Array,
        left: expectArray(arrays, 'forest/left', [nodes]) as Int32Array,
        right: expectArray(arrays, 'forest/right', [nodes]) as Int32Array,
        leaves: expectArray(arrays, 'forest/leaves', undefined, classes) as Float32Array,
        roots: expectArray(arrays, 'forest/roots') as Int32Array,
      };
      const forestSettings = {
        trees: settings.trees,
        maxDepth: settings.maxDepth,
        featuresPerSplit: settings.featuresPerSplit,
        bootstrap: settings.bootstrap,
      } as RandomForestSettings;
      checkSettings('random forest', () => checkRandomForestSettings(forestSettings));
      if (forest.roots.length !== forestSettings.trees) {
        throw new BundleError(
          `The forest has ${forest.roots.length} trees but its settings say ${forestSettings.trees}.`,
        );
      }
      checkForest(forest, features, classes);
      return { kind: 'random-forest', settings: forestSettings, forest };
    }
    default:
      throw new BundleError(`Unknown model kind "${String(metadata.kind)}".`);
  }
}

/**
 * The trees must be trees: every node has exactly one parent or is exactly one tree's root, every child
 * comes after its parent (so there is no cycle and every node is reached from a root), depths stay within
 * MAX_TREE_DEPTH, split features and leaf rows are in range, and each leaf is a class distribution.
 */
function checkForest(forest: FlatForest, features: number, classes: number): void {
  const { feature, threshold, left, right, leaves, roots } = forest;
  const nodes = feature.length;
  const leafCount = leaves.length / classes;
  const parents = new Uint8Array(nodes);
  const depth = new Int32Array(nodes);
  for (const [tree, root] of roots.entries()) {
    if (!(root >= 0 && root < nodes)) throw new BundleError(`Tree ${tree + 1}'s root ${root} is not a node.`);
    if (parents[root]++ > 0) throw new BundleError(`Node ${root} is the root of more than one tree.`);
  }
  for (let node = 0; node < nodes; node++) {
    if (parents[node] !== 1) {
      throw new BundleError(
        parents[node] === 0
          ? `Node ${node} of the forest is not reached from any tree's root.`
          : `Node ${node} of the forest has more than one parent.`,
      );
    }
    if (feature[node] === -1) {
      if (!(left[node] >= 0 && left[node] < leafCount) || right[node] !== -1) {
        throw new BundleError(
          `Leaf node ${node} points at leaf ${left[node]}; there are ${leafCount} leaves.`,
        );
      }
      continue;
    }
    if (!(feature[node] >= 0 && feature[node] < features)) {
      throw new BundleError(
        `Node ${node} splits on feature ${feature[node]}; the schema has ${features} features.`,
      );
    }
    if (!Number.isFinite(threshold[node]))
      throw new BundleError(`Node ${node} has threshold ${threshold[node]}.`);
    for (const child of [left[node], right[node]]) {
      if (!(child > node && child < nodes)) {
        throw new BundleError(
          `Node ${node} links to node ${child}; a child must come after its parent and be one of the ${nodes} nodes.`,
        );
      }
      parents[child]++;
      depth[child] = depth[node] + 1;
      if (depth[child] > MAX_TREE_DEPTH) {
        throw new BundleError(`A tree is deeper than ${MAX_TREE_DEPTH} levels.`);
      }
    }
  }
  for (let leaf = 0; leaf < leafCount; leaf++) {
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const share = leaves[leaf * classes + c];
      if (!(share >= 0 && share <= 1)) {
        throw new BundleError(`Leaf ${leaf} gives class ${c + 1} the share ${share}; shares lie in [0, 1].`);
      }
      sum += share;
    }
    if (Math.abs(sum - 1) > 1e-4)
      throw new BundleError(`Leaf ${leaf}'s class shares add up to ${sum}, not 1.`);
  }
}

function expectFormat(modelJson: Readonly<Record<string, unknown>>, format: string): void {
  if (modelJson.format !== format) {
    throw new BundleError(
      `model.json has format "${String(modelJson.format)}"; this kind of model uses "${format}".`,
    );
  }
  if (modelJson.modelTopology !== null && modelJson.modelTopology !== undefined) {
    throw new BundleError(`A "${format}" model.json must not have a TF.js model topology.`);
  }
}

/** Checks a one-layer softmax layers model taking `features` inputs; returns the layer's name. */
function expectSingleSoftmaxLayer(
  modelJson: Readonly<Record<string, unknown>>,
  features: number,
  classes: number,
): string {
  if (modelJson.format !== 'layers-model') {
    throw new BundleError(
      `model.json has format "${String(modelJson.format)}"; logistic regression is stored as a TF.js "layers-model".`,
    );
  }
  const topology = modelJson.modelTopology;
  const layers = isRecord(topology) && isRecord(topology.config) ? topology.config.layers : undefined;
  if (!isRecord(topology) || topology.class_name !== 'Sequential' || !Array.isArray(layers)) {
    throw new BundleError('model.json does not describe a sequential model.');
  }
  if (layers.length !== 1) {
    throw new BundleError(`Logistic regression is one Dense layer; this model has ${layers.length} layers.`);
  }
  const layer = layers[0];
  const config = isRecord(layer) ? layer.config : undefined;
  if (
    !isRecord(layer) ||
    layer.class_name !== 'Dense' ||
    !isRecord(config) ||
    typeof config.name !== 'string'
  ) {
    throw new BundleError('Logistic regression must be a single named Dense layer.');
  }
  if (config.activation !== 'softmax') throw new BundleError('The layer must be a softmax over the classes.');
  if (config.use_bias === false) throw new BundleError('The layer must have a bias.');
  if (config.units !== classes) {
    throw new BundleError(
      `The model outputs ${String(config.units)} values but the schema lists ${classes} classes.`,
    );
  }
  const inputShape = config.batch_input_shape;
  if (!Array.isArray(inputShape) || inputShape[1] !== features) {
    throw new BundleError(
      `The model takes ${Array.isArray(inputShape) ? inputShape[1] : '?'} inputs but the schema lists ${features} features.`,
    );
  }
  return config.name;
}

/**
 * Checks the weights manifest (one group; exactly the expected names with their dtypes; plain 4-byte
 * values; sizes adding up to the weights file's length) and copies out each array by name.
 */
function readArrays(
  modelJson: Readonly<Record<string, unknown>>,
  weights: ArrayBuffer,
  expected: Readonly<Record<string, 'float32' | 'int32'>>,
): Map<string, { array: WeightArray; shape: readonly number[] }> {
  const manifest = modelJson.weightsManifest;
  if (
    !Array.isArray(manifest) ||
    manifest.length !== 1 ||
    !isRecord(manifest[0]) ||
    !Array.isArray(manifest[0].weights)
  ) {
    throw new BundleError('model.json must have a weights manifest with exactly one group of weights.');
  }
  const specs: tf.io.WeightsManifestEntry[] = [];
  let bytes = 0;
  for (const spec of manifest[0].weights as unknown[]) {
    if (!isRecord(spec) || typeof spec.name !== 'string' || !isShape(spec.shape)) {
      throw new BundleError('A weight in model.json has no name or an invalid shape.');
    }
    const dtype = expected[spec.name];
    if (dtype === undefined || !Object.hasOwn(expected, spec.name)) {
      throw new BundleError(`model.json lists an unexpected weight "${spec.name}".`);
    }
    if (specs.some((other) => other.name === spec.name)) {
      throw new BundleError(`model.json lists the weight "${spec.name}" twice.`);
    }
    if (spec.dtype !== dtype)
      throw new BundleError(`Weight "${spec.name}" is ${String(spec.dtype)}; it must be ${dtype}.`);
    if (spec.quantization !== undefined)
      throw new BundleError(`Weight "${spec.name}" is quantised; Petal reads plain weights.`);
    specs.push({ name: spec.name, shape: spec.shape, dtype });
    bytes += spec.shape.reduce((a, b) => a * b, 1) * 4;
  }
  for (const name of Object.keys(expected)) {
    if (!specs.some((spec) => spec.name === name))
      throw new BundleError(`The weights manifest has no "${name}".`);
  }
  if (bytes !== weights.byteLength) {
    const what = weights.byteLength < bytes ? 'truncated' : 'longer than model.json describes';
    throw new BundleError(
      `The weights file is ${what}: model.json expects ${bytes} bytes, the file has ${weights.byteLength}.`,
    );
  }
  const arrays = unpackWeights(specs, weights);
  return new Map(specs.map((spec) => [spec.name, { array: arrays.get(spec.name)!, shape: spec.shape }]));
}

/** An array of the given shape, or (with `width`) of shape [rows ≥ 1, width]. */
function expectArray(
  arrays: Map<string, { array: WeightArray; shape: readonly number[] }>,
  name: string,
  shape?: readonly number[],
  width?: number,
): WeightArray {
  const { array, shape: actual } = arrays.get(name)!;
  const ok = shape
    ? actual.length === shape.length && actual.every((d, i) => d === shape[i])
    : width === undefined
      ? actual.length === 1
      : actual.length === 2 && actual[1] === width;
  if (!ok) {
    const wanted = shape ? `[${shape}]` : width === undefined ? '[n]' : `[n, ${width}]`;
    throw new BundleError(`Weight "${name}" has shape [${actual}] where the model needs ${wanted}.`);
  }
  return array;
}

function expectFinite(name: string, values: Float32Array): void {
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new BundleError(`Weight "${name}" holds ${values[bad]} at position ${bad}.`);
}

function expectIndices(name: string, values: Int32Array, count: number, what: string): void {
  const bad = values.findIndex((v) => v < 0 || v >= count);
  if (bad >= 0) {
    throw new BundleError(
      `Weight "${name}" holds ${what} index ${values[bad]} at position ${bad}; there are ${count}.`,
    );
  }
}

function checkSettings(kind: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    throw new BundleError(`The ${kind} settings are invalid: ${(error as Error).message}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isShape(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((d) => Number.isInteger(d) && d > 0 && d <= 1 << 24);
}
