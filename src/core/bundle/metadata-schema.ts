// Petal's metadata in `model.json` (`userDefinedMetadata.petal`), written once as a schema: the bundle check
// reads every saved or imported model with it, and its type is the metadata's type everywhere. Every field
// the app reads is here, typed and bounded; the cross-field rules (one mean per feature…) are in
// validate-bundle.ts, which names the field that breaks them.
import * as v from 'valibot';
import {
  DENSE_NETWORK_SETTINGS,
  KNN_SETTINGS,
  LOGISTIC_REGRESSION_SETTINGS,
  RANDOM_FOREST_SETTINGS,
} from '../classifiers/classifier-spec';
import type { DeepReadonly } from '../deep-readonly';
import { DATE_PARTS } from '../pipeline/date-parts';
import { CATEGORY_LIMIT, numberSteps } from '../pipeline/input-steps';
import { shorten } from '../short-text';
import { RUN_SETTINGS } from '../train-settings';
import { BUNDLE_FORMAT_VERSION, BUNDLE_LIMITS } from './bundle-format';

const finite = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const share = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
/** A short free text Petal writes itself (a backend name, a version, a fingerprint). */
const shortText = v.pipe(v.string(), v.maxLength(64));

const name = v.pipe(
  v.string(),
  v.minLength(1, 'A name must not be empty.'),
  v.maxLength(
    BUNDLE_LIMITS.nameLength,
    (issue) =>
      `A name is ${issue.input.length.toLocaleString('en')} characters long; the limit is ${BUNDLE_LIMITS.nameLength}.`,
  ),
);

function uniqueNames(what: string, min: number, max: number) {
  return v.pipe(
    v.array(name),
    v.minLength(min, `The model needs at least ${min} ${what}.`),
    v.maxLength(
      max,
      (issue) =>
        `The model has ${issue.input.length.toLocaleString('en')} ${what}; Petal handles up to ${max.toLocaleString('en')}.`,
    ),
    v.check((names) => new Set(names).size === names.length, `The ${what} must have different names.`),
  );
}

const summary = v.object({ mean: finite, sd: finite, min: finite, max: finite });

/**
 * The test metrics a bundle keeps: a summary and one entry per class, in class order. The confusion matrix
 * (classes² numbers) stays out of `model.json` so that a bundle grows linearly with its classes (the app
 * keeps the full metrics beside the bundle); format-1 bundles carried it, and their per-class entries
 * repeated the class label: both are still read.
 */
const metrics = v.object({
  rows: count,
  accuracy: share,
  macroF1: share,
  logLoss: v.pipe(finite, v.minValue(0)),
  perClass: v.array(
    v.object({ label: v.optional(v.string()), precision: share, recall: share, f1: share, support: count }),
  ),
});

/** A value of a category column ('' is the blank cell). */
const categoryValue = v.pipe(
  v.string(),
  v.maxLength(
    BUNDLE_LIMITS.nameLength,
    (issue) =>
      `A category value is ${issue.input.length.toLocaleString('en')} characters long; the limit is ${BUNDLE_LIMITS.nameLength}.`,
  ),
);

const distinct = <T>(items: readonly T[]) => new Set(items).size === items.length;

/** One feature column's preprocessing (src/core/pipeline/input-steps.ts says what each field means). */
const inputStep = v.variant(
  'kind',
  [
    v.object({ kind: v.literal('number'), median: v.optional(finite), missing: v.boolean() }),
    v.object({
      kind: v.literal('category'),
      values: v.pipe(
        v.array(categoryValue),
        v.maxLength(CATEGORY_LIMIT),
        v.check(distinct, 'The values of a category column must be different.'),
      ),
      other: v.boolean(),
    }),
    v.object({
      kind: v.literal('date'),
      order: v.picklist(['ymd', 'mdy', 'dmy']),
      parts: v.pipe(
        v.array(v.picklist(DATE_PARTS)),
        v.minLength(1),
        v.check(distinct, 'The parts of a date column must be different.'),
      ),
      medians: v.array(finite),
      missing: v.boolean(),
    }),
  ],
  (issue) => `Unknown kind of column "${shorten(String(issue.input))}".`,
);

/** Per input: (value − mean) / sd. */
const scaling = v.object({
  mean: v.array(finite),
  // Above 1e-30 so that 1 / sd and every scaled float32 value stay finite.
  sd: v.array(v.pipe(finite, v.minValue(1e-30, 'A standard deviation must be above 1e-30.'))),
});

/** A feature column's training values (input-profiles.ts). */
const inputProfile = v.variant('kind', [
  v.object({
    kind: v.literal('numeric'),
    min: finite,
    max: finite,
    deciles: v.pipe(v.array(finite), v.length(9)),
    binShares: v.optional(v.pipe(v.array(share), v.length(10))),
    mean: finite,
    sd: v.pipe(finite, v.minValue(0)),
    missing: share,
  }),
  v.object({ kind: v.literal('category'), shares: v.array(share) }),
]);

const common = {
  /** 3: the preprocessing pipeline (categories, blanks, dates) and scaling folded into networks. */
  formatVersion: v.literal(BUNDLE_FORMAT_VERSION),
  schema: v.object({
    /** Feature column names, in the order the model expects them. */
    features: uniqueNames('features', 1, BUNDLE_LIMITS.features),
    label: name,
    /** Class labels; a class index is a position in this list. */
    classes: uniqueNames('classes', 2, BUNDLE_LIMITS.classes),
  }),
  /** How each feature column becomes the model's inputs, and where they are scaled. */
  pipeline: v.object({
    steps: v.array(inputStep),
    scaling,
    scaledIn: v.picklist(['pipeline', 'model']),
  }),
  /** Per feature, in schema order: its training values' range and distribution. */
  featureProfiles: v.array(inputProfile),
  /**
   * Per class, a typical value of each feature (input-profiles.ts, classExamples): shape [classes][features]
   * (the Predict tab's examples). Kept only while classes × features ≤ BUNDLE_LIMITS.classMeanValues.
   */
  classExamples: v.optional(v.array(v.array(finite))),
  metrics: v.object({
    test: metrics,
    crossValidation: v.optional(
      v.object({
        accuracy: summary,
        macroF1: summary,
        logLoss: summary,
        folds: count,
        repeats: count,
      }),
    ),
  }),
  /** `unlabelled`: rows left out because their label was blank. */
  rows: v.object({ train: count, validation: count, test: count, unlabelled: v.optional(count) }),
  dataFingerprint: shortText,
  /** ISO 8601. */
  createdAt: v.pipe(
    v.string(),
    v.maxLength(40),
    v.check(
      (text) => isSaneDate(text),
      'The creation time must be an ISO date between the years 1970 and 9999.',
    ),
  ),
  backend: shortText,
  tfjsVersion: shortText,
};

/**
 * Formats 1 and 2 (before the pipeline): every feature a number, standardisation beside the model, class
 * means. Read and upgraded to the current shape (legacyMetadata), so the rest of the code knows one shape.
 */
const legacyCommon = {
  ...common,
  /** 1: the first format (confusion matrix and class means always inside); 2: compact metrics. */
  formatVersion: v.picklist([1, 2]),
  pipeline: v.optional(v.never()),
  featureProfiles: v.array(
    v.object({ min: finite, max: finite, deciles: v.pipe(v.array(finite), v.length(9)) }),
  ),
  classExamples: v.optional(v.never()),
  /** Fitted on the training rows: inputs are (x − mean) / sd. */
  standardisation: scaling,
  /** Per class, the mean of each feature in the fitting rows: shape [classes][features]. */
  classMeans: v.optional(v.array(v.array(finite))),
};

/** Each kind's settings: its own, and the run's (for bundles from before they were stored: the defaults). */
function settingsOf<T extends v.ObjectEntries>(kind: v.ObjectSchema<T, undefined>) {
  return v.object({ ...kind.entries, ...RUN_SETTINGS.entries });
}

/** Each kind's stored settings (its own and the run's), e.g. to read a registry record written from them. */
export const STORED_SETTINGS = {
  'dense-network': settingsOf(DENSE_NETWORK_SETTINGS),
  knn: settingsOf(KNN_SETTINGS),
  'logistic-regression': settingsOf(LOGISTIC_REGRESSION_SETTINGS),
  'random-forest': settingsOf(RANDOM_FOREST_SETTINGS),
} as const;

/** The metadata of each kind, over the common fields given. */
function kinds<T extends v.ObjectEntries>(fields: T) {
  return v.variant(
    'kind',
    [
      v.object({
        ...fields,
        kind: v.literal('dense-network'),
        settings: STORED_SETTINGS['dense-network'],
        /** Epochs the network trained for (fewer than `settings.epochs` when the run was stopped). */
        epochsRun: count,
        /**
         * How a run that stopped before its last epoch ended (at epoch `epochsRun`; the last one perhaps in
         * part when the user stopped it): `by` early stopping (the validation loss stopped falling for
         * `settings.patience` epochs) or the user ("Stop and keep"); `keptEpoch` is the epoch whose weights
         * the model holds (the best validation loss so far with early stopping on, else the last run).
         * Absent when the run went through every epoch, and in bundles from before it was recorded.
         */
        stopped: v.optional(v.object({ by: v.picklist(['early-stopping', 'user']), keptEpoch: count })),
      }),
      v.object({ ...fields, kind: v.literal('knn'), settings: STORED_SETTINGS.knn }),
      v.object({
        ...fields,
        kind: v.literal('logistic-regression'),
        settings: STORED_SETTINGS['logistic-regression'],
      }),
      v.object({ ...fields, kind: v.literal('random-forest'), settings: STORED_SETTINGS['random-forest'] }),
    ],
    (issue) => `Unknown model kind "${shorten(String(issue.input))}".`,
  );
}

export const PETAL_METADATA = kinds(common);

/** Formats 1 and 2, as they were written. */
export const LEGACY_METADATA = kinds(legacyCommon);

/**
 * Petal's description of a model, stored in `model.json` under `userDefinedMetadata.petal`, so the
 * standard TF.js files are all one needs to use the model: the form, scoring and drift checks read the
 * common part; `kind` says which classifier it is and what its `settings` hold.
 */
export type PetalMetadata = DeepReadonly<v.InferOutput<typeof PETAL_METADATA>>;

/** The settings stored in a bundle's metadata, whatever its kind. */
export type MetadataSettings = PetalMetadata['settings'];

function isSaneDate(text: string): boolean {
  const time = Date.parse(text);
  // Up to the end of 9999: a year-275760 date parses but cannot be shown as one.
  return Number.isFinite(time) && time >= 0 && time < 253402300800000;
}

/**
 * A format-1 or -2 metadata in the current shape: each feature a number step with no blanks (a blank stays
 * an error, as it was), the standardisation as the pipeline's scaling applied before the model (its
 * network weights were never folded), the class means as examples.
 */
export function legacyMetadata(old: DeepReadonly<v.InferOutput<typeof LEGACY_METADATA>>): PetalMetadata {
  const { standardisation, classMeans, featureProfiles, pipeline: _p, classExamples: _e, ...rest } = old;
  const features = old.schema.features.length;
  return {
    ...rest,
    formatVersion: BUNDLE_FORMAT_VERSION,
    pipeline: { steps: numberSteps(features), scaling: standardisation, scaledIn: 'pipeline' },
    featureProfiles: featureProfiles.map((profile, f) => ({
      kind: 'numeric' as const,
      ...profile,
      mean: standardisation.mean[f] ?? 0,
      sd: standardisation.sd[f] ?? 1,
      missing: 0,
    })),
    ...(classMeans ? { classExamples: classMeans } : {}),
  } as PetalMetadata;
}
