// Fitting any kind of classifier. The dense network trains with TensorFlow.js, so this module (unlike
// classifier.ts) pulls TF.js in: the worker reaches it through its lazily loaded tf-jobs.ts.
import type { Classifier } from './classifier';
import { checkedSpec } from './classifier-spec';
import { fitDenseNetwork } from './fit-dense-network';
import type { FitOptions } from './fit-options';
import { fitKnn } from './knn';
import { fitLogisticRegression } from './logistic-regression';
import { fitRandomForest } from './random-forest';

/**
 * Fits the classifier the spec describes on `train`. Settings out of range throw a RangeError naming the
 * setting; data a kind cannot fit throws a TrainingError; aborting rejects with the signal's reason.
 */
export async function fitClassifier(options: FitOptions): Promise<Classifier> {
  const spec = checkedSpec(options.spec);
  switch (spec.kind) {
    case 'dense-network':
      return fitDenseNetwork({ ...options, spec });
    case 'knn':
      return fitKnn({ ...options, spec });
    case 'logistic-regression':
      return fitLogisticRegression({ ...options, spec });
    case 'random-forest':
      return fitRandomForest({ ...options, spec });
  }
}
