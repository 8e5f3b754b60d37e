// The kinds of classifier that predict in plain JavaScript (no TensorFlow.js): what a worker without TF.js
// (the batch-scoring helper) and classifier.ts share to rebuild them from a checked bundle.
import type { FittedClassifier } from './classifier';
import { fittedKnn } from './knn';
import { fittedLogisticRegression } from './logistic-regression';
import { fittedRandomForest } from './random-forest';
import type { ValidClassifierBundle } from './validate-classifier-bundle';

/** The classifier of a checked bundle, or undefined for a dense network (its predictor needs TF.js). */
export function plainFittedFromBundle(valid: ValidClassifierBundle): FittedClassifier | undefined {
  const { metadata } = valid;
  switch (valid.kind) {
    case 'dense-network':
      return undefined;
    case 'knn':
      return fittedKnn({ ...metadata, settings: valid.settings, points: valid.points, labels: valid.labels });
    case 'logistic-regression':
      return fittedLogisticRegression({
        ...metadata,
        settings: valid.settings,
        kernel: valid.kernel,
        bias: valid.bias,
      });
    case 'random-forest':
      return fittedRandomForest({ ...metadata, settings: valid.settings, forest: valid.forest });
  }
}
