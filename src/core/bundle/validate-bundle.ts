// The one check of a model bundle. Everything that reads a bundle from outside the running code — an import,
// a record read back from IndexedDB, `--model` on the command line — calls `validateBundle` (or
// `parseBundleFiles` for the two files) and hands the ValidBundle it returns to the rest of the code, which
// then trusts it: the worker, the predictors and the scorers never check a bundle again.
import * as v from 'valibot';
import { inputWidth, stepWidth } from '../pipeline/input-steps';
import { quoted, shorten } from '../short-text';
import { FOREST_FORMAT, KNN_FORMAT } from './arrays-model';
import { BundleError } from './bundle-error';
import {
  BUNDLE_FORMAT_VERSION,
  BUNDLE_LIMITS,
  type ModelArrays,
  type ModelJson,
  type PetalMetadata,
  READABLE_FORMAT_VERSIONS,
  type ValidBundle,
} from './bundle-format';
import { checkForest } from './check-forest';
import { readLayers } from './layers-topology';
import { LEGACY_METADATA, legacyMetadata, PETAL_METADATA } from './metadata-schema';
import { expectShape, isRecord, readWeights } from './weights';

export { BundleError } from './bundle-error';

/** Reads the two files of an exported model (text of `model.json`, bytes of `weights.bin`) into a bundle. */
export function parseBundleFiles(files: {
  readonly modelJson: string;
  readonly weights: ArrayBuffer;
}): ValidBundle {
  if (files.modelJson.length > BUNDLE_LIMITS.modelJsonBytes) {
    throw new BundleError(
      `model.json is ${files.modelJson.length.toLocaleString('en')} bytes; the limit is ${BUNDLE_LIMITS.modelJsonBytes.toLocaleString('en')}.`,
    );
  }
  let modelJson: unknown;
  try {
    modelJson = JSON.parse(files.modelJson);
  } catch (error) {
    throw new BundleError(`model.json is not valid JSON (${shorten((error as Error).message, 120)}).`);
  }
  return validateBundle({ modelJson, weights: files.weights });
}

/**
 * Checks that a bundle is one Petal can load and use, and reads it: Petal's metadata against its schema
 * (every field typed, finite and within BUNDLE_LIMITS) and consistent with itself; for a network or a
 * logistic regression, a TF.js layers model of Dense layers whose shapes chain from the features to the
 * classes; for k-NN and the forest, their named arrays; in every case weights whose bytes match the
 * manifest exactly and hold finite values. Throws a BundleError naming the first problem.
 */
export function validateBundle(bundle: unknown): ValidBundle {
  if (!isRecord(bundle)) throw new BundleError('This is not a model bundle.');
  const { modelJson, weights } = bundle;
  if (!isRecord(modelJson)) throw new BundleError('model.json is missing or is not a JSON object.');
  if (!(weights instanceof ArrayBuffer)) throw new BundleError('The weights file is missing.');
  if (weights.byteLength > BUNDLE_LIMITS.weightsBytes) {
    throw new BundleError(
      `The weights file is ${weights.byteLength.toLocaleString('en')} bytes; the limit is ${BUNDLE_LIMITS.weightsBytes.toLocaleString('en')}.`,
    );
  }
  // The metadata first: its kind says which format the rest of model.json must have.
  const metadata = readMetadata(
    isRecord(modelJson.userDefinedMetadata) ? modelJson.userDefinedMetadata.petal : undefined,
  );
  const arrays = readArrays(modelJson, weights, metadata);
  return { modelJson: modelJson as unknown as ModelJson, weights, metadata, arrays } as ValidBundle;
}

function readMetadata(value: unknown): PetalMetadata {
  if (!isRecord(value))
    throw new BundleError('model.json has no Petal metadata (userDefinedMetadata.petal).');
  const version = value.formatVersion;
  if (typeof version !== 'number') throw new BundleError('The Petal metadata has no format version.');
  if (version > BUNDLE_FORMAT_VERSION) {
    throw new BundleError(
      `This model was saved by a newer Petal (format ${version}); update Petal to open it.`,
    );
  }
  if (!(READABLE_FORMAT_VERSIONS as readonly number[]).includes(version)) {
    throw new BundleError(`Unknown model format version ${version}.`);
  }
  const metadata =
    version < 3 ? legacyMetadata(parsed(LEGACY_METADATA, value)) : parsed(PETAL_METADATA, value);
  checkConsistency(metadata);
  return metadata;
}

/** `value` read with `schema`, or a BundleError naming the first field that does not fit. */
function parsed<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = v.getDotPath(issue);
  // Valibot quotes the value it received: cut it, a crafted file's value can be megabytes long.
  const message = shorten(issue.message, 240);
  throw new BundleError(path ? `The model's "${shorten(path, 80)}" is invalid: ${message}` : message);
}

/** The rules that tie one field of the metadata to another. */
function checkConsistency(metadata: PetalMetadata): void {
  const { schema, pipeline, featureProfiles, classExamples, metrics } = metadata;
  const features = schema.features.length;
  const classes = schema.classes.length;
  if (schema.features.includes(schema.label)) {
    throw new BundleError(`"${shorten(schema.label)}" is both a feature and the label.`);
  }
  const { steps, scaling } = pipeline;
  if (steps.length !== features) {
    throw new BundleError(`The pipeline must have one step for each of the ${features} features.`);
  }
  const values = steps.reduce(
    (total, step) => total + (step.kind === 'category' ? step.values.length : 0),
    0,
  );
  if (values > BUNDLE_LIMITS.categoryValues) {
    throw new BundleError(
      `The category columns have ${values.toLocaleString('en')} values; the limit is ${BUNDLE_LIMITS.categoryValues.toLocaleString('en')}.`,
    );
  }
  const inputs = inputWidth(steps);
  if (inputs > BUNDLE_LIMITS.inputs) {
    throw new BundleError(
      `The model has ${inputs.toLocaleString('en')} inputs; the limit is ${BUNDLE_LIMITS.inputs.toLocaleString('en')}.`,
    );
  }
  steps.forEach((step, f) => {
    if (step.kind === 'date' && step.medians.length !== step.parts.length) {
      throw new BundleError(`Feature ${quoted(schema.features[f])} must have a median for each date part.`);
    }
  });
  if (scaling.mean.length !== inputs || scaling.sd.length !== inputs) {
    throw new BundleError(
      `The scaling must give a mean and a standard deviation for each of the model's ${inputs} inputs.`,
    );
  }
  if (featureProfiles.length !== features) {
    throw new BundleError(`The model must describe the training range of each of its ${features} features.`);
  }
  featureProfiles.forEach((profile, f) => {
    const step = steps[f];
    const fits =
      step.kind === 'category'
        ? profile.kind === 'category' && profile.shares.length === stepWidth(step)
        : profile.kind === 'numeric';
    if (!fits) {
      throw new BundleError(`The profile of feature ${quoted(schema.features[f])} does not match its kind.`);
    }
  });
  if (
    classExamples &&
    (classExamples.length !== classes ||
      classExamples.some(
        (row) =>
          row.length !== features ||
          row.some((value, f) => {
            const step = steps[f];
            return (
              step.kind === 'category' &&
              !(Number.isInteger(value) && value >= -1 && value < step.values.length)
            );
          }),
      ))
  ) {
    throw new BundleError(
      `The model must give a typical value of each feature for each of its ${classes} classes.`,
    );
  }
  const { perClass } = metrics.test;
  if (perClass.length !== classes) {
    throw new BundleError(`The test metrics must have one entry per class (${classes}).`);
  }
  if (metadata.kind === 'dense-network') checkStop(metadata);
}

/** A network's record of how its run ended agrees with its settings and the epochs it ran. */
function checkStop(metadata: Extract<PetalMetadata, { kind: 'dense-network' }>): void {
  const { stopped, epochsRun, settings } = metadata;
  if (!stopped) return;
  if (epochsRun > settings.epochs || stopped.keptEpoch > epochsRun) {
    throw new BundleError(
      `The model says it stopped at epoch ${epochsRun} of ${settings.epochs}, keeping epoch ${stopped.keptEpoch}: the kept epoch must be one that was run.`,
    );
  }
  if (stopped.by === 'early-stopping' && settings.patience === 0) {
    throw new BundleError('The model says early stopping ended its run, but its patience is 0 (off).');
  }
}

function readArrays(
  modelJson: Readonly<Record<string, unknown>>,
  weights: ArrayBuffer,
  metadata: PetalMetadata,
): ModelArrays {
  // What the model itself reads: the pipeline's inputs, not the columns.
  const features = inputWidth(metadata.pipeline.steps);
  const classes = metadata.schema.classes.length;
  switch (metadata.kind) {
    case 'dense-network':
      return { kind: metadata.kind, layers: readLayers(modelJson, weights, features, classes) };
    case 'logistic-regression': {
      const layers = readLayers(modelJson, weights, features, classes);
      if (layers.length !== 1) {
        throw new BundleError(
          `Logistic regression is one Dense layer; this model has ${layers.length} layers.`,
        );
      }
      return { kind: metadata.kind, layers };
    }
    case 'knn': {
      expectFormat(modelJson, KNN_FORMAT);
      const arrays = readWeights(
        modelJson.weightsManifest,
        weights,
        new Map([
          ['knn/points', 'float32'],
          ['knn/labels', 'int32'],
        ] as const),
      );
      const points = expectShape(arrays, 'knn/points', ['n', features]) as Float32Array;
      const rows = points.length / features;
      const labels = expectShape(arrays, 'knn/labels', [rows]) as Int32Array;
      expectIndices('knn/labels', labels, classes);
      if (metadata.settings.k > rows) {
        throw new BundleError(
          `k-NN with k = ${metadata.settings.k} needs at least ${metadata.settings.k} stored rows; there are ${rows}.`,
        );
      }
      return { kind: 'knn', points, labels };
    }
    case 'random-forest': {
      expectFormat(modelJson, FOREST_FORMAT);
      const arrays = readWeights(
        modelJson.weightsManifest,
        weights,
        new Map([
          ['forest/feature', 'int32'],
          ['forest/threshold', 'float32'],
          ['forest/left', 'int32'],
          ['forest/right', 'int32'],
          ['forest/leaves', 'float32'],
          ['forest/roots', 'int32'],
        ] as const),
      );
      const feature = expectShape(arrays, 'forest/feature', ['n']) as Int32Array;
      const nodes = feature.length;
      const forest = {
        feature,
        threshold: expectShape(arrays, 'forest/threshold', [nodes]) as Float32Array,
        left: expectShape(arrays, 'forest/left', [nodes]) as Int32Array,
        right: expectShape(arrays, 'forest/right', [nodes]) as Int32Array,
        leaves: expectShape(arrays, 'forest/leaves', ['n', classes]) as Float32Array,
        roots: expectShape(arrays, 'forest/roots', ['n']) as Int32Array,
      };
      if (forest.roots.length !== metadata.settings.trees) {
        throw new BundleError(
          `The forest has ${forest.roots.length} trees but its settings say ${metadata.settings.trees}.`,
        );
      }
      checkForest(forest, features, classes);
      return { kind: 'random-forest', forest };
    }
  }
}

function expectFormat(modelJson: Readonly<Record<string, unknown>>, format: string): void {
  if (modelJson.format !== format) {
    throw new BundleError(
      `model.json has format "${shorten(String(modelJson.format))}"; this kind of model uses "${format}".`,
    );
  }
  if (modelJson.modelTopology !== null && modelJson.modelTopology !== undefined) {
    throw new BundleError(`A "${format}" model.json must not have a TF.js model topology.`);
  }
}

function expectIndices(name: string, values: Int32Array, count: number): void {
  const bad = values.findIndex((value) => value < 0 || value >= count);
  if (bad >= 0) {
    throw new BundleError(
      `Weight "${name}" holds class index ${values[bad]} at position ${bad}; there are ${count}.`,
    );
  }
}
