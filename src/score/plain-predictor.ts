import type { ModelBundle } from '../core/bundle-format';
import { plainFittedFromBundle } from '../core/classifiers/plain-classifier';
import { validateClassifierBundle } from '../core/classifiers/validate-classifier-bundle';
import { validateBundle } from '../core/validate-bundle';
import { densePredictor } from './dense-predictor';

/**
 * A predictor for a bundle of any kind computed in plain JavaScript, without TensorFlow.js: the dense
 * forward pass for a network (densePredictor), the classifier itself for k-NN, logistic regression and
 * the forest. Throws a BundleError for a bundle that does not check out.
 */
export function plainPredictor(bundle: ModelBundle): (x: Float32Array) => Float32Array {
  const fitted = plainFittedFromBundle(validateClassifierBundle(bundle));
  if (fitted) return (x) => fitted.predictProbabilities(x);
  return densePredictor(validateBundle(bundle));
}
