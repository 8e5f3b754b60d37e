// One interface for every kind of classifier Petal fits: a model that gives class probabilities for rows of
// inputs and turns itself into a bundle. `fitClassifier` (fit-classifier.ts) makes one from data, with progress
// and an AbortSignal; `classifierFromBundle` (classifier-from-bundle.ts) makes one from a checked bundle,
// without TensorFlow.js.
import { BUNDLE_FORMAT_VERSION, type ModelBundle, type PetalMetadata } from '../bundle/bundle-format';
import { numberSteps } from '../pipeline/input-steps';
import type { Schema } from '../schema';
import { DEFAULT_RUN_SETTINGS, type RunSettings } from '../train-settings';
import type { ClassifierKind, SettingsOf } from './classifier-spec';
import type { NetworkStop } from './dense-network';

export interface Classifier {
  readonly kind: ClassifierKind;
  /**
   * What it was fitted on: `features` names the inputs it reads (for a pipeline's model, the inputs the
   * pipeline makes — "island = Dream" — not the file's columns).
   */
  readonly schema: Schema;
  /**
   * Class probabilities for rows of the pipeline's inputs, unscaled (each kind applies the scaling it was
   * fitted with): `x` is row-major, shape [rows, inputs]; returns shape [rows, classes], each row summing
   * to 1 (to float32 rounding).
   */
  predictProbabilities(x: Float32Array): Float32Array;
  /**
   * The model as a bundle whose metadata is the description (the data's schema, the pipeline it was fitted
   * with, profiles…) plus the classifier's kind and settings. A network folds its scaling into its first
   * layer here (fold-scaling.ts), so the stored model reads unscaled inputs, as stock TF.js will feed it.
   */
  toBundle(description: BundleDescription): {
    readonly bundle: ModelBundle;
    readonly metadata: PetalMetadata;
  };
}

/**
 * Everything a bundle's metadata holds that the caller knows and the classifier does not: the data's
 * schema and preprocessing, profiles, metrics, row counts, fingerprint, creation time, backend, and the
 * run's settings (seed, held-out shares). The classifier adds its kind and own settings.
 */
export type BundleDescription = Omit<
  PetalMetadata,
  'formatVersion' | 'kind' | 'settings' | 'epochsRun' | 'stopped'
> & {
  readonly run: RunSettings;
};

/** What a classifier knows about itself, for its bundle's metadata. */
type ModelFacts<K extends ClassifierKind> = {
  readonly kind: K;
  readonly settings: SettingsOf<K>;
} & (K extends 'dense-network'
  ? { readonly epochsRun: number; readonly seed: number; readonly stopped?: NetworkStop }
  : unknown);

/** The metadata of a model: the caller's description, then the model's own facts (which win). */
export function describedModel<K extends ClassifierKind>(
  description: BundleDescription,
  facts: ModelFacts<K>,
): PetalMetadata {
  const { run, ...rest } = description;
  const { kind, settings } = facts;
  const own = facts as { epochsRun?: number; seed?: number; stopped?: NetworkStop };
  return {
    formatVersion: BUNDLE_FORMAT_VERSION,
    kind,
    ...rest,
    // The network's seed is the one its weights came from (a fold's seed in cross-validation).
    settings: { ...settings, ...run, ...(own.seed === undefined ? {} : { seed: own.seed }) },
    ...(own.epochsRun === undefined ? {} : { epochsRun: own.epochsRun }),
    ...(own.stopped === undefined ? {} : { stopped: own.stopped }),
  } as PetalMetadata;
}

/**
 * A description with neutral values of the right sizes, for a bundle made only to be measured (Compare's
 * model sizes) or looked at in tests: every feature a number, unscaled.
 */
export function placeholderDescription(schema: Schema): BundleDescription {
  const features = schema.features.length;
  const classes = schema.classes.length;
  return {
    schema,
    pipeline: {
      steps: numberSteps(features),
      scaling: { mean: new Array<number>(features).fill(0), sd: new Array<number>(features).fill(1) },
      scaledIn: 'pipeline',
    },
    featureProfiles: Array.from({ length: features }, () => ({
      kind: 'numeric' as const,
      min: 0,
      max: 1,
      deciles: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
      mean: 0.5,
      sd: 0.3,
      missing: 0,
    })),
    classExamples: Array.from({ length: classes }, () => new Array<number>(features).fill(0)),
    metrics: {
      test: {
        rows: 0,
        accuracy: 0,
        macroF1: 0,
        logLoss: 0,
        perClass: schema.classes.map(() => ({ precision: 0, recall: 0, f1: 0, support: 0 })),
      },
    },
    rows: { train: 0, validation: 0, test: 0 },
    dataFingerprint: '0000000000000000',
    createdAt: '2026-11-23T00:00:00.000Z',
    backend: 'cpu',
    tfjsVersion: '4.22.0',
    run: DEFAULT_RUN_SETTINGS,
  };
}
