import { layersModel } from '../bundle/layers-topology';
import type { Schema } from '../schema';
import { type Standardisation, standardise } from '../standardise';
import { TrainingError } from '../training-error';
import { type Classifier, describedModel } from './classifier';
import type { LogisticRegressionSettings } from './classifier-spec';
import { type DenseLayer, denseForward } from './dense-forward';
import { checkpoints, type FitOptions } from './fit-options';
import { foldedNetwork } from './fold-scaling';
import { minimiseLbfgs } from './minimise-lbfgs';

/**
 * A softmax regression on standardised features: probabilities = softmax(x · kernel + bias), which is a
 * dense network with no hidden layer, so it is stored and run as one (a single Dense softmax layer).
 */
export interface LogisticRegressionModel {
  readonly schema: Schema;
  readonly settings: LogisticRegressionSettings;
  readonly standardisation: Standardisation;
  /** The one softmax layer: kernel [features, classes], bias [classes]. */
  readonly layer: DenseLayer;
}

/**
 * Fits multinomial logistic regression by minimising, with L-BFGS from all-zero weights,
 *   (1/n) Σ −ln softmax(x_i · W + b)[y_i] + ‖W‖² / (2 C n),
 * which has the same minimiser as scikit-learn's C·Σ loss + ½‖W‖² (the bias is not penalised). The
 * problem is strictly convex, so the result does not depend on a seed. With class weights, each row's
 * loss counts its class's weight (scikit-learn's class_weight).
 */
export async function fitLogisticRegression(
  options: FitOptions<{ kind: 'logistic-regression'; settings: LogisticRegressionSettings }>,
): Promise<Classifier> {
  const { spec, train, signal, onProgress, classWeights } = options;
  const { c, maxIterations } = spec.settings;
  signal?.throwIfAborted();
  if (train.rows === 0) throw new TrainingError('There are no training rows.');
  const features = train.schema.features.length;
  const classes = train.schema.classes.length;
  const standardisation = options.scaling;
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
      const weight = classWeights ? classWeights[y[row]] : 1;
      loss += weight * (Math.log(sum) + max - (Math.log(logits[y[row]]) + max));
      for (let k = 0; k < classes; k++) {
        const residual = weight * (logits[k] / sum - (k === y[row] ? 1 : 0));
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
  return logisticRegressionClassifier({
    schema: train.schema,
    settings: spec.settings,
    standardisation,
    layer: {
      inputs: features,
      units: classes,
      kernel: Float32Array.from(result.x.subarray(0, kernelSize)),
      bias: Float32Array.from(result.x.subarray(kernelSize)),
      activation: 'softmax',
    },
  });
}

/** Wraps a model (fitted, or read from a bundle) in the common interface. */
export function logisticRegressionClassifier(model: LogisticRegressionModel): Classifier {
  const layers = [model.layer];
  return {
    kind: 'logistic-regression',
    schema: model.schema,
    predictProbabilities: denseForward({ layers, standardisation: model.standardisation }),
    toBundle: (description) => {
      const folded = foldedNetwork(layers, model.standardisation, description.pipeline);
      const metadata = describedModel(
        { ...description, pipeline: folded.pipeline },
        { kind: 'logistic-regression', ...model },
      );
      const bundle = layersModel({ name: 'petal_logistic_regression', layers: folded.layers, metadata });
      return { bundle, metadata };
    },
  };
}
