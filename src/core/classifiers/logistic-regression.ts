import type * as tf from '@tensorflow/tfjs-core';
import { BUNDLE_FORMAT_VERSION, WEIGHTS_FILE_NAME } from '../bundle-format';
import type { Schema } from '../schema';
import { fitStandardisation, type Standardisation, standardise } from '../standardise';
import { TrainingError } from '../training-error';
import type { FittedClassifier } from './classifier';
import { type BundleDescription, packWeights } from './classifier-bundle';
import type { LogisticRegressionSettings } from './classifier-spec';
import { checkpoints, type FitOptions, rowCount, standardiseRow } from './fit-options';
import { minimiseLbfgs } from './minimise-lbfgs';

/** A softmax regression on standardised features: probabilities = softmax(x · kernel + bias). */
export interface LogisticRegressionModel {
  readonly schema: Schema;
  readonly settings: LogisticRegressionSettings;
  readonly standardisation: Standardisation;
  /** Shape [features, classes], row-major, as a TF.js Dense layer's kernel. */
  readonly kernel: Float32Array;
  /** Shape [classes]. */
  readonly bias: Float32Array;
}

/** The name of the one Dense layer, as buildNetwork names a network's output layer. */
export const LOGISTIC_LAYER_NAME = 'probabilities';

/**
 * Fits multinomial logistic regression by minimising, with L-BFGS from all-zero weights,
 *   (1/n) Σ −ln softmax(x_i · W + b)[y_i] + ‖W‖² / (2 C n),
 * which has the same minimiser as scikit-learn's C·Σ loss + ½‖W‖² (the bias is not penalised). The
 * problem is strictly convex, so the result does not depend on a seed.
 */
export async function fitLogisticRegression(
  options: FitOptions<{ kind: 'logistic-regression'; settings: LogisticRegressionSettings }>,
): Promise<FittedClassifier> {
  const { spec, train, signal, onProgress } = options;
  const { c, maxIterations } = spec.settings;
  checkLogisticRegressionSettings(spec.settings);
  signal?.throwIfAborted();
  if (train.rows === 0) throw new TrainingError('There are no training rows.');
  const features = train.schema.features.length;
  const classes = train.schema.classes.length;
  const standardisation = fitStandardisation({ x: train.x, features });
  const x = standardise(train.x, standardisation);
  const y = train.y;
  const n = train.rows;
  const kernelSize = features * classes;
  const logits = new Float64Array(classes);

  // Parameters: the kernel [features, classes] row-major, then the bias [classes].
  const evaluate = (theta: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    for (let row = 0; row < n; row++) {
      const offset = row * features;
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < classes; k++) {
        let z = theta[kernelSize + k];
        for (let f = 0; f < features; f++) z += x[offset + f] * theta[f * classes + k];
        logits[k] = z;
        if (z > max) max = z;
      }
      let sum = 0;
      for (let k = 0; k < classes; k++) {
        logits[k] = Math.exp(logits[k] - max);
        sum += logits[k];
      }
      loss += Math.log(sum) + max - (Math.log(logits[y[row]]) + max);
      for (let k = 0; k < classes; k++) {
        const residual = logits[k] / sum - (k === y[row] ? 1 : 0);
        gradient[kernelSize + k] += residual;
        for (let f = 0; f < features; f++) gradient[f * classes + k] += x[offset + f] * residual;
      }
    }
    let penalty = 0;
    for (let i = 0; i < theta.length; i++) {
      gradient[i] /= n;
      if (i < kernelSize) {
        penalty += theta[i] * theta[i];
        gradient[i] += theta[i] / (c * n);
      }
    }
    return loss / n + penalty / (2 * c * n);
  };

  const checkpoint = checkpoints(signal);
  const result = await minimiseLbfgs({
    start: new Float64Array(kernelSize + classes),
    evaluate,
    maxIterations,
    tolerance: 1e-6,
    onIteration: async (iteration) => {
      onProgress?.({ fraction: iteration / maxIterations });
      await checkpoint();
    },
  });
  if (!Number.isFinite(result.value)) {
    throw new TrainingError('Logistic regression did not converge: the loss is not finite.');
  }
  onProgress?.({ fraction: 1 });
  return fittedLogisticRegression({
    schema: train.schema,
    settings: spec.settings,
    standardisation,
    kernel: Float32Array.from(result.x.subarray(0, kernelSize)),
    bias: Float32Array.from(result.x.subarray(kernelSize)),
  });
}

export function checkLogisticRegressionSettings(settings: LogisticRegressionSettings): void {
  const { c, maxIterations } = settings;
  if (!(c > 0 && Number.isFinite(c))) throw new RangeError(`C must be a positive number (got ${c}).`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1 || maxIterations > 100_000) {
    throw new RangeError(`Iterations must be a whole number from 1 to 100000 (got ${maxIterations}).`);
  }
}

/** Wraps a model (fitted, or read from a bundle) in the common interface. */
export function fittedLogisticRegression(model: LogisticRegressionModel): FittedClassifier {
  return {
    kind: 'logistic-regression',
    spec: { kind: 'logistic-regression', settings: model.settings },
    schema: model.schema,
    standardisation: model.standardisation,
    predictProbabilities: (x) => predictLogisticRegression(model, x),
    toBundle: async (description) => logisticRegressionBundle(model, description),
    dispose: () => {},
  };
}

/**
 * Probabilities, shape [rows, classes], in plain JavaScript: the inputs are standardised to float32 as
 * predict.ts does, logits summed in float64 from the float32 weights, softmax with the maximum subtracted.
 * Matches TF.js running the bundled layers model to float32 rounding.
 */
export function predictLogisticRegression(model: LogisticRegressionModel, x: Float32Array): Float32Array {
  const { kernel, bias, standardisation } = model;
  const features = model.schema.features.length;
  const classes = model.schema.classes.length;
  const rows = rowCount(x, features);
  const input = new Float32Array(features);
  const logits = new Float64Array(classes);
  const out = new Float32Array(rows * classes);
  for (let row = 0; row < rows; row++) {
    standardiseRow(x, row, standardisation.mean, standardisation.sd, input);
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < classes; k++) {
      let z = bias[k];
      for (let f = 0; f < features; f++) z += input[f] * kernel[f * classes + k];
      logits[k] = z;
      if (z > max) max = z;
    }
    let sum = 0;
    for (let k = 0; k < classes; k++) {
      logits[k] = Math.exp(logits[k] - max);
      sum += logits[k];
    }
    for (let k = 0; k < classes; k++) out[row * classes + k] = logits[k] / sum;
  }
  return out;
}

/**
 * A standard TF.js layers model — one Dense softmax layer named like buildNetwork's output layer — so the
 * bundle loads with `tf.loadLayersModel` anywhere, and Petal's network checks accept its topology.
 */
function logisticRegressionBundle(model: LogisticRegressionModel, description: BundleDescription) {
  const features = model.schema.features.length;
  const classes = model.schema.classes.length;
  const { specs, weights } = packWeights([
    { name: `${LOGISTIC_LAYER_NAME}/kernel`, shape: [features, classes], data: model.kernel },
    { name: `${LOGISTIC_LAYER_NAME}/bias`, shape: [classes], data: model.bias },
  ]);
  const metadata = {
    ...description,
    formatVersion: BUNDLE_FORMAT_VERSION,
    kind: 'logistic-regression',
    schema: model.schema,
    standardisation: model.standardisation,
    settings: { ...description.settings, ...model.settings },
  };
  const modelJson: tf.io.ModelJSON = {
    format: 'layers-model',
    generatedBy: 'Petal',
    convertedBy: null,
    modelTopology: denseSoftmaxTopology(features, classes),
    weightsManifest: [{ paths: [WEIGHTS_FILE_NAME], weights: specs }],
    // biome-ignore lint/complexity/noBannedTypes: tf.io.ModelJSON types metadata values as `{}`.
    userDefinedMetadata: { petal: metadata as unknown as {} },
  };
  return { modelJson, weights };
}

/** The topology tfjs-layers 4.x writes for `buildNetwork({ hidden: [] })`, with zero initialisers. */
function denseSoftmaxTopology(features: number, classes: number): object {
  return {
    class_name: 'Sequential',
    config: {
      name: 'petal_logistic_regression',
      layers: [
        {
          class_name: 'Dense',
          config: {
            units: classes,
            activation: 'softmax',
            use_bias: true,
            kernel_initializer: { class_name: 'Zeros', config: {} },
            bias_initializer: { class_name: 'Zeros', config: {} },
            kernel_regularizer: null,
            bias_regularizer: null,
            activity_regularizer: null,
            kernel_constraint: null,
            bias_constraint: null,
            name: LOGISTIC_LAYER_NAME,
            trainable: true,
            batch_input_shape: [null, features],
            dtype: 'float32',
          },
        },
      ],
    },
    keras_version: 'tfjs-layers 4.22.0',
    backend: 'tensor_flow.js',
  };
}
