// The kinds of classifier Petal can fit and their settings: plain data, free of TensorFlow.js, so the main
// thread (a settings form, the Compare view) can read the defaults and names without loading a model.
import { DEFAULT_TRAIN_SETTINGS } from '../train-settings';

export type ClassifierKind = 'dense-network' | 'knn' | 'logistic-regression' | 'random-forest';

export const CLASSIFIER_KINDS: readonly ClassifierKind[] = [
  'dense-network',
  'knn',
  'logistic-regression',
  'random-forest',
];

/** A dense softmax network trained with Adam (see train-network.ts); the seed comes from the fit call. */
export interface DenseNetworkSettings {
  /** Hidden ReLU layer widths, input side first. */
  readonly hidden: readonly number[];
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Early stopping on the training loss: epochs without improvement before stopping; 0 turns it off. */
  readonly patience: number;
  /** L2 penalty on the kernels, added to the loss as l2 × Σw²; 0 turns it off. */
  readonly l2: number;
}

/** k nearest neighbours by Euclidean distance on standardised features. */
export interface KnnSettings {
  /** Neighbours that vote, at least 1 and at most the number of training rows. */
  readonly k: number;
  /** 'uniform': one vote each; 'distance': votes weighted by 1 / distance (an exact match takes all). */
  readonly weighting: 'uniform' | 'distance';
}

/** Multinomial (softmax) logistic regression with an L2 penalty, fitted by L-BFGS on standardised features. */
export interface LogisticRegressionSettings {
  /** Inverse strength of the L2 penalty, as scikit-learn's `C`: smaller means simpler weights. */
  readonly c: number;
  /** Upper bound on L-BFGS iterations; fitting usually converges well before it. */
  readonly maxIterations: number;
}

/** Bagged CART trees with a random subset of features tried at each split (Breiman's random forest). */
export interface RandomForestSettings {
  readonly trees: number;
  /** Deepest a tree may grow (the root is depth 0). */
  readonly maxDepth: number;
  /** Features tried per split: 'sqrt' (scikit-learn's default for classifiers) or 'all' (bagged trees). */
  readonly featuresPerSplit: 'sqrt' | 'all';
  /** Draw each tree's rows with replacement; false fits every tree on all rows. */
  readonly bootstrap: boolean;
}

/** What to fit: a kind and its settings. */
export type ClassifierSpec =
  | { readonly kind: 'dense-network'; readonly settings: DenseNetworkSettings }
  | { readonly kind: 'knn'; readonly settings: KnnSettings }
  | { readonly kind: 'logistic-regression'; readonly settings: LogisticRegressionSettings }
  | { readonly kind: 'random-forest'; readonly settings: RandomForestSettings };

/** The settings type of one kind. */
export type SettingsOf<K extends ClassifierKind> = Extract<ClassifierSpec, { kind: K }>['settings'];

/** The network part of DEFAULT_TRAIN_SETTINGS (train-settings.ts, TF-free). */
export const DEFAULT_DENSE_NETWORK_SETTINGS: DenseNetworkSettings = {
  hidden: DEFAULT_TRAIN_SETTINGS.hidden,
  epochs: DEFAULT_TRAIN_SETTINGS.epochs,
  batchSize: DEFAULT_TRAIN_SETTINGS.batchSize,
  learningRate: DEFAULT_TRAIN_SETTINGS.learningRate,
  patience: DEFAULT_TRAIN_SETTINGS.patience,
  l2: DEFAULT_TRAIN_SETTINGS.l2 ?? 0,
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
