import type { MetadataSettings } from '../../core/bundle/bundle-format';
import type { ClassifierKind } from '../../core/classifiers/classifier-spec';

/**
 * A short name of a saved model's kind with the setting that matters most, for the Models table:
 * "Dense network (8)", "k-NN (k = 5)", "Logistic regression (C = 1)", "Random forest (100 trees)".
 * Versions saved before there were kinds have no `kind` and are dense networks.
 */
export function modelKindLabel(kind: ClassifierKind | undefined, settings: MetadataSettings): string {
  const values = settings as unknown as Record<string, unknown>;
  switch (kind ?? 'dense-network') {
    case 'dense-network': {
      const hidden = Array.isArray(values.hidden) ? values.hidden : [];
      return `Dense network (${hidden.length === 0 ? 'no hidden layers' : hidden.join(' → ')})`;
    }
    case 'knn':
      return `k-NN (k = ${String(values.k)})`;
    case 'logistic-regression':
      return `Logistic regression (C = ${String(values.c)})`;
    case 'random-forest':
      return `Random forest (${String(values.trees)} trees)`;
  }
}

const KIND_NAMES: Readonly<Record<ClassifierKind, string>> = {
  'dense-network': 'Dense network',
  knn: 'k-NN',
  'logistic-regression': 'Logistic regression',
  'random-forest': 'Random forest',
};

/** Just the kind ("Random forest"), for a phone's one-line summary of a row. */
export function modelKindName(kind: ClassifierKind | undefined): string {
  return KIND_NAMES[kind ?? 'dense-network'];
}
