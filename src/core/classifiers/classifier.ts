// One interface for every kind of classifier Petal fits: a model that gives class probabilities for raw
// rows and turns itself into a bundle. `fitClassifier` (fit-classifier.ts) makes one from data, with progress
// and an AbortSignal; `classifierFromBundle` (classifier-from-bundle.ts) makes one from a checked bundle,
// without TensorFlow.js.
import { BUNDLE_FORMAT_VERSION, type ModelBundle, type PetalMetadata } from '../bundle/bundle-format';
import type { Schema } from '../schema';
import type { Standardisation } from '../standardise';
import { DEFAULT_RUN_SETTINGS, type RunSettings } from '../train-settings';
import type { ClassifierKind, SettingsOf } from './classifier-spec';

export interface Classifier {
  readonly kind: ClassifierKind;
  readonly schema: Schema;
  /** Fitted on the training rows; every kind's bundle stores it (the forest itself splits on raw values). */
  readonly standardisation: Standardisation;
  /**
   * Class probabilities for raw (not standardised) rows: `x` is row-major, shape [rows, features]; returns
   * shape [rows, classes], each row summing to 1 (to float32 rounding).
   */
  predictProbabilities(x: Float32Array): Float32Array;
  /** The model as a bundle whose metadata is the description plus the model's kind, schema and settings. */
  toBundle(description: BundleDescription): {
    readonly bundle: ModelBundle;
    readonly metadata: PetalMetadata;
  };
}

/**
 * Everything a bundle's metadata holds that the caller knows and the classifier does not: data profiles,
 * metrics, row counts, fingerprint, creation time, backend, and the run's settings (seed, held-out shares).
 * The classifier adds its kind, schema, standardisation and own settings, so they always match the model.
 */
export type BundleDescription = Omit<
  PetalMetadata,
  'formatVersion' | 'kind' | 'schema' | 'standardisation' | 'settings' | 'epochsRun'
> & { readonly run: RunSettings };

/** What a classifier knows about itself, for its bundle's metadata. */
type ModelFacts<K extends ClassifierKind> = {
  readonly kind: K;
  readonly schema: Schema;
  readonly standardisation: Standardisation;
  readonly settings: SettingsOf<K>;
} & (K extends 'dense-network' ? { readonly epochsRun: number; readonly seed: number } : unknown);

/** The metadata of a model: the caller's description, then the model's own facts (which win). */
export function describedModel<K extends ClassifierKind>(
  description: BundleDescription,
  facts: ModelFacts<K>,
): PetalMetadata {
  const { run, ...rest } = description;
  const { kind, schema, standardisation, settings } = facts;
  const own = facts as { epochsRun?: number; seed?: number };
  return {
    formatVersion: BUNDLE_FORMAT_VERSION,
    kind,
    schema,
    standardisation,
    ...rest,
    // The network's seed is the one its weights came from (a fold's seed in cross-validation).
    settings: { ...settings, ...run, ...(own.seed === undefined ? {} : { seed: own.seed }) },
    ...(own.epochsRun === undefined ? {} : { epochsRun: own.epochsRun }),
  } as PetalMetadata;
}

/**
 * A description with neutral values of the right sizes, for a bundle made only to be measured (Compare's
 * model sizes) or looked at in tests.
 */
export function placeholderDescription(schema: Schema): BundleDescription {
  const features = schema.features.length;
  const classes = schema.classes.length;
  return {
    featureProfiles: Array.from({ length: features }, () => ({
      min: 0,
      max: 1,
      deciles: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
    })),
    classMeans: Array.from({ length: classes }, () => new Array<number>(features).fill(0)),
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
