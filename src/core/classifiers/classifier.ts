// One interface for every kind of classifier Petal fits: fit with options, an AbortSignal and progress;
// predict probabilities for many rows; to and from a model bundle.
import type { ModelBundle } from '../bundle-format';
import type { Schema } from '../schema';
import type { Standardisation } from '../standardise';
import type { BundleDescription } from './classifier-bundle';
import type { ClassifierKind, ClassifierSpec } from './classifier-spec';
import { denseNetworkFromBundle, fitDenseNetwork } from './dense-network';
import type { FitOptions } from './fit-options';
import { fitKnn } from './knn';
import { fitLogisticRegression } from './logistic-regression';
import { plainFittedFromBundle } from './plain-classifier';
import { fitRandomForest } from './random-forest';
import { validateClassifierBundle } from './validate-classifier-bundle';

export type { BundleDescription, ClassifierMetadata } from './classifier-bundle';
export * from './classifier-spec';
export type { FitOptions, FitProgress } from './fit-options';

/** A fitted model of any kind. */
export interface FittedClassifier {
  readonly kind: ClassifierKind;
  readonly spec: ClassifierSpec;
  readonly schema: Schema;
  /** Fitted on the training rows; every kind's bundle stores it (the forest itself splits on raw values). */
  readonly standardisation: Standardisation;
  /**
   * Class probabilities for raw (not standardised) rows: `x` is row-major, shape [rows, features]; returns
   * shape [rows, classes], each row summing to 1 (to float32 rounding).
   */
  predictProbabilities(x: Float32Array): Float32Array;
  /** The model as a bundle: the description's metadata plus the model's kind, schema and settings. */
  toBundle(description: BundleDescription): Promise<ModelBundle>;
  /** Releases TF.js memory (dense network); a no-op for the kinds that hold plain arrays. */
  dispose(): void;
}

/** Fits the classifier the spec describes on `train`. Aborting rejects with the signal's reason. */
export function fitClassifier(options: FitOptions): Promise<FittedClassifier> {
  const { spec } = options;
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

/** Checks a bundle of any kind (throwing a BundleError naming the problem) and rebuilds its classifier. */
export async function fittedFromBundle(bundle: unknown): Promise<FittedClassifier> {
  const valid = validateClassifierBundle(bundle);
  return plainFittedFromBundle(valid) ?? denseNetworkFromBundle(bundle);
}
