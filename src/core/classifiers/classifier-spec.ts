// The kinds of classifier Petal can fit and their settings: plain data, free of TensorFlow.js, so the main
// thread (the settings forms, the Compare view) can read the defaults and names without loading a model.
// Each setting's rule is written once, as a schema: fitting checks a caller's settings with it, and the
// bundle check reads a saved model's settings with it (metadata-schema.ts).
import * as v from 'valibot';
import type { DeepReadonly } from '../deep-readonly';

export type ClassifierKind = 'dense-network' | 'knn' | 'logistic-regression' | 'random-forest';

export const CLASSIFIER_KINDS: readonly ClassifierKind[] = [
  'dense-network',
  'knn',
  'logistic-regression',
  'random-forest',
];

/** The deepest tree Petal fits or loads; deeper trees are refused so a bundle cannot make prediction loop. */
export const MAX_TREE_DEPTH = 64;

/** A whole number from `min` to `max`, or an issue saying so in the user's words. */
function wholeNumber(label: string, min: number, max: number) {
  return v.pipe(
    v.number(`${label} must be a number.`),
    v.check(
      (value) => Number.isInteger(value) && value >= min && value <= max,
      (issue) => `${label} must be a whole number from ${min} to ${max} (got ${String(issue.input)}).`,
    ),
  );
}

/** A number above `min` (or from `min`, when `inclusive`) up to `max`. */
function range(label: string, min: number, max: number, inclusive: boolean) {
  return v.pipe(
    v.number(`${label} must be a number.`),
    v.check(
      (value) => (inclusive ? value >= min : value > min) && value <= max,
      (issue) =>
        `${label} must be ${inclusive ? 'from' : 'above'} ${min} ${inclusive ? 'to' : 'and at most'} ${max} (got ${String(issue.input)}).`,
    ),
  );
}

/** A dense softmax network (ReLU hidden layers) trained with Adam by TF.js (train-network.ts). */
export const DENSE_NETWORK_SETTINGS = v.object({
  /** Hidden ReLU layer widths, input side first; [] is multinomial logistic regression. */
  hidden: v.pipe(
    v.array(wholeNumber('A hidden layer’s width', 1, 1024), 'Hidden layers must be a list of widths.'),
    v.maxLength(8, (issue) => `At most 8 hidden layers are supported (got ${issue.input.length}).`),
  ),
  epochs: wholeNumber('Epochs', 1, 10_000),
  batchSize: wholeNumber('Batch size', 1, 1_000_000),
  learningRate: range('Learning rate', 0, 10, false),
  /** Early stopping: epochs without improvement of the monitored loss before stopping; 0 turns it off. */
  patience: wholeNumber('Patience', 0, 10_000),
  /** L2 penalty on the kernels, added to the loss as l2 × Σw²; 0 turns it off (bundles before it: 0). */
  l2: v.optional(range('L2 penalty', 0, 1, true), 0),
});

/** k nearest neighbours by Euclidean distance on standardised features. */
export const KNN_SETTINGS = v.object({
  /** Neighbours that vote, at least 1 and at most the number of training rows. */
  k: wholeNumber('k', 1, 100_000),
  /** 'uniform': one vote each; 'distance': votes weighted by 1 / distance (an exact match takes all). */
  weighting: v.picklist(['uniform', 'distance'], 'k-NN weighting must be "uniform" or "distance".'),
});

/** Multinomial (softmax) logistic regression with an L2 penalty, fitted by L-BFGS on standardised features. */
export const LOGISTIC_REGRESSION_SETTINGS = v.object({
  /** Inverse strength of the L2 penalty, as scikit-learn's `C`: smaller means simpler weights. */
  c: range('C', 0, 1e12, false),
  /** Upper bound on L-BFGS iterations; fitting usually converges well before it. */
  maxIterations: wholeNumber('Iterations', 1, 100_000),
});

/** Bagged CART trees with a random subset of features tried at each split (Breiman's random forest). */
export const RANDOM_FOREST_SETTINGS = v.object({
  trees: wholeNumber('Trees', 1, 10_000),
  /** Deepest a tree may grow (the root is depth 0). */
  maxDepth: wholeNumber('Maximum depth', 1, MAX_TREE_DEPTH),
  /** Features tried per split: 'sqrt' (scikit-learn's default for classifiers) or 'all' (bagged trees). */
  featuresPerSplit: v.picklist(['sqrt', 'all'], 'Features per split must be "sqrt" or "all".'),
  /** Draw each tree's rows with replacement; false fits every tree on all rows. */
  bootstrap: v.boolean('Bootstrap must be true or false.'),
});

export type DenseNetworkSettings = DeepReadonly<v.InferOutput<typeof DENSE_NETWORK_SETTINGS>>;
export type KnnSettings = DeepReadonly<v.InferOutput<typeof KNN_SETTINGS>>;
export type LogisticRegressionSettings = DeepReadonly<v.InferOutput<typeof LOGISTIC_REGRESSION_SETTINGS>>;
export type RandomForestSettings = DeepReadonly<v.InferOutput<typeof RANDOM_FOREST_SETTINGS>>;

/** The settings schema of each kind. */
export const SETTINGS_SCHEMAS = {
  'dense-network': DENSE_NETWORK_SETTINGS,
  knn: KNN_SETTINGS,
  'logistic-regression': LOGISTIC_REGRESSION_SETTINGS,
  'random-forest': RANDOM_FOREST_SETTINGS,
} as const;

/** What to fit: a kind and its settings. */
export type ClassifierSpec =
  | { readonly kind: 'dense-network'; readonly settings: DenseNetworkSettings }
  | { readonly kind: 'knn'; readonly settings: KnnSettings }
  | { readonly kind: 'logistic-regression'; readonly settings: LogisticRegressionSettings }
  | { readonly kind: 'random-forest'; readonly settings: RandomForestSettings };

/** The settings type of one kind. */
export type SettingsOf<K extends ClassifierKind> = Extract<ClassifierSpec, { kind: K }>['settings'];

/**
 * Why one layer of 8 for 60 epochs by default: on iris it clears the cross-validated accuracy target for
 * every seed we tried at the lowest cost of the shapes we measured (README, "Choosing the default
 * network"); the paper's 64 → 32 has 30 times the parameters and scores lower on 150 rows. The light L2
 * penalty lifted the worst seed's cross-validated accuracy from 0.956 to 0.962.
 */
export const DEFAULT_DENSE_NETWORK_SETTINGS: DenseNetworkSettings = {
  hidden: [8],
  epochs: 60,
  batchSize: 32,
  learningRate: 0.02,
  patience: 0,
  l2: 0.003,
};

/** scikit-learn's KNeighborsClassifier default. */
export const DEFAULT_KNN_SETTINGS: KnnSettings = { k: 5, weighting: 'uniform' };

/** scikit-learn's LogisticRegression default penalty (C = 1); more iterations than its 100 so it converges. */
export const DEFAULT_LOGISTIC_REGRESSION_SETTINGS: LogisticRegressionSettings = { c: 1, maxIterations: 500 };

/** scikit-learn's RandomForestClassifier defaults, with a depth cap so a bundle can be checked for cycles. */
export const DEFAULT_RANDOM_FOREST_SETTINGS: RandomForestSettings = {
  trees: 100,
  maxDepth: 32,
  featuresPerSplit: 'sqrt',
  bootstrap: true,
};

export const DEFAULT_SETTINGS: { readonly [K in ClassifierKind]: SettingsOf<K> } = {
  'dense-network': DEFAULT_DENSE_NETWORK_SETTINGS,
  knn: DEFAULT_KNN_SETTINGS,
  'logistic-regression': DEFAULT_LOGISTIC_REGRESSION_SETTINGS,
  'random-forest': DEFAULT_RANDOM_FOREST_SETTINGS,
};

/** A spec of the given kind with its default settings, optionally overridden. */
export function defaultSpec<K extends ClassifierKind>(
  kind: K,
  settings: Partial<SettingsOf<K>> = {},
): Extract<ClassifierSpec, { kind: K }> {
  const spec = { kind, settings: { ...DEFAULT_SETTINGS[kind], ...settings } };
  return spec as unknown as Extract<ClassifierSpec, { kind: K }>;
}

/**
 * The spec with its settings checked against the kind's schema; throws a RangeError naming the first
 * setting that is out of range ("Epochs must be a whole number from 1 to 10000 (got 0).").
 */
export function checkedSpec(spec: ClassifierSpec): ClassifierSpec {
  const result = v.safeParse(SETTINGS_SCHEMAS[spec.kind], spec.settings);
  if (!result.success) throw new RangeError(result.issues[0].message);
  return { kind: spec.kind, settings: result.output } as ClassifierSpec;
}

/** A short human name with the settings that matter, e.g. "k-NN (k = 5, distance-weighted)". */
export function describeClassifier(spec: ClassifierSpec): string {
  switch (spec.kind) {
    case 'dense-network': {
      const { hidden, epochs } = spec.settings;
      const layers = hidden.length === 0 ? 'no hidden layers' : `hidden ${hidden.join(' → ')}`;
      return `Dense network (${layers}, ${epochs} epochs)`;
    }
    case 'knn':
      return `k-NN (k = ${spec.settings.k}, ${spec.settings.weighting === 'distance' ? 'distance-weighted' : 'uniform votes'})`;
    case 'logistic-regression':
      return `Logistic regression (C = ${spec.settings.c})`;
    case 'random-forest': {
      const { trees, featuresPerSplit, bootstrap } = spec.settings;
      const features = featuresPerSplit === 'sqrt' ? '√features per split' : 'all features per split';
      return `Random forest (${trees} trees, ${features}${bootstrap ? '' : ', no bootstrap'})`;
    }
  }
}
