// The Compare form's values as typed (strings), their defaults and their checks. TF-free: the defaults come
// from classifier-spec.ts.
import {
  type ClassifierKind,
  type ClassifierSpec,
  DEFAULT_SETTINGS,
  defaultSpec,
} from '../../core/classifiers/classifier-spec';

/** The checkbox label of each kind, in table order. */
export const ALGORITHM_LABELS: Readonly<Record<ClassifierKind, string>> = {
  'dense-network': 'Dense network',
  knn: 'k-NN',
  'logistic-regression': 'Logistic regression',
  'random-forest': 'Random forest',
};

export interface CompareDraft {
  readonly enabled: Readonly<Record<ClassifierKind, boolean>>;
  /** Dense network: hidden widths ("8" or "64, 32") and epochs. */
  readonly hidden: string;
  readonly epochs: string;
  /** k-NN. */
  readonly k: string;
  readonly weighting: 'uniform' | 'distance';
  /** Logistic regression. */
  readonly c: string;
  /** Random forest. */
  readonly trees: string;
  readonly folds: string;
  readonly repeats: string;
}

/** Field names of the draft that take text. */
export type DraftField = 'hidden' | 'epochs' | 'k' | 'c' | 'trees' | 'folds' | 'repeats';

export type DraftErrors = Partial<Record<DraftField | 'algorithms', string>>;

export const DEFAULT_DRAFT: CompareDraft = {
  enabled: { 'dense-network': true, knn: true, 'logistic-regression': true, 'random-forest': true },
  hidden: DEFAULT_SETTINGS['dense-network'].hidden.join(', '),
  epochs: String(DEFAULT_SETTINGS['dense-network'].epochs),
  k: String(DEFAULT_SETTINGS.knn.k),
  weighting: DEFAULT_SETTINGS.knn.weighting,
  c: String(DEFAULT_SETTINGS['logistic-regression'].c),
  trees: String(DEFAULT_SETTINGS['random-forest'].trees),
  folds: '5',
  repeats: '3',
};

export type CheckedDraft =
  | { readonly ok: true; readonly specs: ClassifierSpec[]; readonly folds: number; readonly repeats: number }
  | { readonly ok: false; readonly errors: DraftErrors };

function wholeNumber(text: string, min: number, max: number): number | undefined {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

/** The specs of the ticked algorithms, folds and repeats; or a message per field that is wrong. */
export function checkDraft(draft: CompareDraft): CheckedDraft {
  const errors: DraftErrors = {};
  const specs: ClassifierSpec[] = [];
  const on = draft.enabled;
  if (on['dense-network']) {
    const parts = draft.hidden.trim() === '' ? [] : draft.hidden.split(',');
    const hidden = parts.map((part) => wholeNumber(part, 1, 512));
    const epochs = wholeNumber(draft.epochs, 1, 1000);
    if (hidden.some((width) => width === undefined) || hidden.length > 4) {
      errors.hidden = 'Hidden layers: up to 4 widths from 1 to 512, separated by commas (e.g. 8 or 64, 32).';
    }
    if (epochs === undefined) errors.epochs = 'Epochs: a whole number from 1 to 1000.';
    if (!errors.hidden && epochs !== undefined) {
      specs.push(defaultSpec('dense-network', { hidden: hidden as number[], epochs }));
    }
  }
  if (on.knn) {
    const k = wholeNumber(draft.k, 1, 100);
    if (k === undefined) errors.k = 'k: a whole number from 1 to 100.';
    else specs.push(defaultSpec('knn', { k, weighting: draft.weighting }));
  }
  if (on['logistic-regression']) {
    const c = Number(draft.c.trim());
    if (draft.c.trim() === '' || !(c > 0 && c <= 1e6)) errors.c = 'C: a number above 0 and at most 1000000.';
    else specs.push(defaultSpec('logistic-regression', { c }));
  }
  if (on['random-forest']) {
    const trees = wholeNumber(draft.trees, 1, 500);
    if (trees === undefined) errors.trees = 'Trees: a whole number from 1 to 500.';
    else specs.push(defaultSpec('random-forest', { trees }));
  }
  if (!Object.values(on).some(Boolean)) errors.algorithms = 'Tick at least one algorithm to compare.';
  const folds = wholeNumber(draft.folds, 2, 20);
  const repeats = wholeNumber(draft.repeats, 1, 20);
  if (folds === undefined) errors.folds = 'Folds: a whole number from 2 to 20.';
  if (repeats === undefined) errors.repeats = 'Repeats: a whole number from 1 to 20.';
  if (Object.keys(errors).length > 0 || folds === undefined || repeats === undefined) {
    return { ok: false, errors };
  }
  return { ok: true, specs, folds, repeats };
}
