// What the details and comparison views say about a saved version, as plain rows of text: built from the
// bundle's metadata and the registry's record, so both views (and their tests) read the same words.
import type { PetalMetadata } from '../../core/bundle/bundle-format';
import type { InputStep } from '../../core/pipeline/input-steps';
import { formatBytes, formatNumber, formatPercent } from '../shared/format-number';
import { modelKindLabel } from './model-kind-label';
import type { SavedVersion } from './registry/model-registry';

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const DAY = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/**
 * "23 Nov 2026, 14:05" in the user's locale; `short`: "23 Nov" this year, "23 Nov 2025" before, for a
 * phone's one-line row summary. The ISO text when the date cannot be read.
 */
export function formatCreated(iso: string, short = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (!short) return DATE_TIME.format(date);
  return (date.getFullYear() === new Date().getFullYear() ? DAY : DATE).format(date);
}

/** One line of a facts table: a stable key (to line two versions up), its label and its value as text. */
export interface Fact {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  /** The number behind `value`, for a comparison's difference; absent for text. */
  readonly number?: number;
  /** How `number` differences read: percentage points, bytes, or a plain number. */
  readonly unit?: 'points' | 'bytes' | 'plain';
  /** For a measured figure, which way is better: a comparison then says "(better)" or "(worse)". */
  readonly better?: 'higher' | 'lower';
  /** What a comparison compares when `value` is cut short (a long list of classes); `value` otherwise. */
  readonly identity?: string;
}

/** Short help for the figures that need it (shown with petal-help). */
export const FACT_HELP: Readonly<Record<string, string>> = {
  macroF1:
    'The F1 score (precision and recall in one figure) averaged over the classes, each class counting the same however many rows it has.',
  logLoss:
    'How far the predicted probabilities are from the true classes, on the test rows: 0 is perfect, lower is better.',
  crossValidation:
    'Accuracy over repeated splits of the data into folds (each fold tested by a model trained on the others): the mean, ± its standard deviation.',
  dataFingerprint:
    'A short code computed from the training rows: two versions with the same code were trained on the same data.',
};

/** The figures and facts of a version: how well it did, on which rows, what it is. */
export function summaryFacts(version: SavedVersion, metadata: PetalMetadata): Fact[] {
  const test = metadata.metrics.test;
  const cv = metadata.metrics.crossValidation;
  const rows = metadata.rows;
  const facts: Fact[] = [
    { key: 'kind', label: 'Model', value: modelKindLabel(version.kind, version.settings) },
    { key: 'source', label: 'Source', value: version.source },
    { key: 'created', label: 'Created', value: formatCreated(version.createdAt) },
    {
      key: 'accuracy',
      label: 'Test accuracy',
      value: formatPercent(test.accuracy),
      number: test.accuracy,
      unit: 'points',
      better: 'higher',
    },
    {
      key: 'macroF1',
      label: 'Macro F1',
      value: formatPercent(test.macroF1),
      number: test.macroF1,
      unit: 'points',
      better: 'higher',
    },
    {
      key: 'logLoss',
      label: 'Log loss',
      value: formatNumber(test.logLoss, 3),
      number: test.logLoss,
      unit: 'plain',
      better: 'lower',
    },
  ];
  if (cv) {
    facts.push({
      key: 'crossValidation',
      label: 'Cross-validated accuracy',
      value: `${formatPercent(cv.accuracy.mean)} ± ${formatPercent(cv.accuracy.sd)} (${cv.folds} folds × ${cv.repeats} ${cv.repeats === 1 ? 'repeat' : 'repeats'})`,
      number: cv.accuracy.mean,
      unit: 'points',
      better: 'higher',
    });
  }
  const rowParts = [
    `${count(rows.train, 'training row')}`,
    `${count(rows.validation, 'validation row')}`,
    `${count(rows.test, 'test row')}`,
  ];
  if (rows.unlabelled) rowParts.push(`${count(rows.unlabelled, 'row')} left out (blank label)`);
  facts.push({ key: 'rows', label: 'Rows', value: rowParts.join(' · ') });
  const run = epochsRun(metadata);
  if (run) facts.push({ key: 'epochsRun', label: 'Epochs run', value: run });
  facts.push(
    { key: 'dataFingerprint', label: 'Data fingerprint', value: metadata.dataFingerprint },
    {
      key: 'size',
      label: 'Size',
      value: formatBytes(version.sizeBytes),
      number: version.sizeBytes,
      unit: 'bytes',
    },
    {
      key: 'engine',
      label: 'Trained with',
      value: `${metadata.backend} backend, TensorFlow.js ${metadata.tfjsVersion}`,
    },
  );
  return facts;
}

/** "45 of 200 (stopped early; keeps epoch 35)" for a network; null for the other kinds. */
function epochsRun(metadata: PetalMetadata): string | null {
  if (metadata.kind !== 'dense-network') return null;
  const planned = metadata.settings.epochs;
  // Read loosely: `stopped` is recorded by newer bundles only.
  const stopped = (metadata as { readonly stopped?: { readonly by: string; readonly keptEpoch: number } })
    .stopped;
  const base = `${metadata.epochsRun} of ${planned}`;
  if (!stopped) return base;
  const by =
    stopped.by === 'user' ? 'stopped by the user' : 'stopped early (validation loss stopped falling)';
  return `${base}: ${by}; keeps epoch ${stopped.keptEpoch}`;
}

const SETTING_LABELS: Readonly<Record<string, string>> = {
  hidden: 'Hidden layers',
  epochs: 'Epochs',
  batchSize: 'Batch size',
  learningRate: 'Learning rate',
  patience: 'Early stopping patience',
  l2: 'L2 penalty',
  k: 'Neighbours (k)',
  weighting: 'Neighbour votes',
  c: 'C (inverse penalty strength)',
  maxIterations: 'Maximum iterations',
  trees: 'Trees',
  maxDepth: 'Maximum depth',
  featuresPerSplit: 'Features per split',
  bootstrap: 'Bootstrap samples',
  seed: 'Seed',
  testFraction: 'Test share',
  validationFraction: 'Validation share',
  balanceClasses: 'Balance classes',
};

/** Every setting the bundle recorded, the kind's own first, then the run's; unknown ones by their key. */
export function settingFacts(metadata: PetalMetadata): Fact[] {
  const settings = metadata.settings as unknown as Readonly<Record<string, unknown>>;
  return Object.entries(settings)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      const fact: Fact = {
        key,
        label: SETTING_LABELS[key] ?? spacedKey(key),
        value: settingText(key, value),
      };
      if (typeof value !== 'number') return fact;
      const share = key === 'testFraction' || key === 'validationFraction';
      return { ...fact, number: value, unit: share ? 'points' : 'plain' };
    });
}

function settingText(key: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return key === 'hidden' && value.length === 0 ? 'none' : value.join(' → ');
  if (typeof value === 'number') {
    if (key === 'testFraction' || key === 'validationFraction')
      return value === 0 ? 'none' : formatPercent(value);
    if (key === 'patience') return value === 0 ? 'off' : `${value} ${value === 1 ? 'epoch' : 'epochs'}`;
    return formatNumber(value);
  }
  if (key === 'featuresPerSplit') return value === 'sqrt' ? '√ of the features' : 'all features';
  if (key === 'weighting') return value === 'distance' ? 'weighted by closeness' : 'one vote each';
  return String(value);
}

/** "maxDepth" → "Max depth". */
function spacedKey(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One feature column as the model reads it: name, how it is used, its training range. */
export interface ColumnFact {
  readonly name: string;
  readonly usedAs: string;
  readonly range: string;
}

/** The columns the details view lists at most; the rest are counted. */
export const SHOWN_COLUMNS = 50;

export function columnFacts(metadata: PetalMetadata): ColumnFact[] {
  const { features } = metadata.schema;
  return features.slice(0, SHOWN_COLUMNS).map((name, i) => {
    const profile = metadata.featureProfiles[i];
    const range =
      profile?.kind === 'numeric' ? `${formatNumber(profile.min)} to ${formatNumber(profile.max)}` : '—';
    return { name, usedAs: stepText(metadata.pipeline.steps[i]), range };
  });
}

function stepText(step: InputStep | undefined): string {
  if (!step) return 'number';
  switch (step.kind) {
    case 'number': {
      const blanks =
        step.missing && step.median !== undefined
          ? `; a blank becomes ${formatNumber(step.median)} and sets a “was missing” input`
          : '';
      return `number${blanks}`;
    }
    case 'category':
      return `category: ${count(step.values.length, 'value')}${step.other ? ' and “other”' : ''}`;
    case 'date':
      return `date: ${step.parts.map((part) => DATE_PART_WORDS[part] ?? part).join(', ')}${step.missing ? '; blanks set a “was missing” input' : ''}`;
  }
}

const DATE_PART_WORDS: Readonly<Record<string, string>> = {
  year: 'year',
  month: 'month',
  dayOfYear: 'day of year',
  dayOfWeek: 'day of week',
  timeOfDay: 'time of day',
};

/** A row of a comparison: a fact of each version (absent when one has no such fact) and how they differ. */
export interface ComparedFact {
  readonly key: string;
  readonly label: string;
  readonly left: string;
  readonly right: string;
  readonly differs: boolean;
  /** In words, for a reader who cannot see the highlight: "same", "different", "+3.3 points"… */
  readonly difference: string;
}

/**
 * Two versions' facts side by side, in the left one's order, then what only the right one has. `names`
 * say which version is which in the differences ("only v2 has it").
 */
export function compareFacts(
  left: readonly Fact[],
  right: readonly Fact[],
  names: readonly [string, string] = ['the first', 'the second'],
): ComparedFact[] {
  const rightByKey = new Map(right.map((fact) => [fact.key, fact]));
  const keys = [
    ...left.map((fact) => fact.key),
    ...right.map((fact) => fact.key).filter((key) => !left.some((fact) => fact.key === key)),
  ];
  const leftByKey = new Map(left.map((fact) => [fact.key, fact]));
  return keys.map((key) => {
    const a = leftByKey.get(key);
    const b = rightByKey.get(key);
    const label = (a ?? b)!.label;
    const differs = (a?.identity ?? a?.value) !== (b?.identity ?? b?.value);
    return {
      key,
      label,
      left: a?.value ?? '—',
      right: b?.value ?? '—',
      differs,
      difference: differenceText(a, b, differs, names),
    };
  });
}

/** How the right version's figure differs from the left one's (right − left), in words. */
function differenceText(
  a: Fact | undefined,
  b: Fact | undefined,
  differs: boolean,
  names: readonly [string, string],
): string {
  if (!differs) return 'same';
  if (!a || !b) return `only ${a ? names[0] : names[1]} has it`;
  if (a.number === undefined || b.number === undefined || a.number === b.number) return 'different';
  const delta = b.number - a.number;
  const sign = delta > 0 ? '+' : '−';
  const size =
    a.unit === 'points'
      ? `${formatNumber(Math.abs(delta) * 100, 3)} points`
      : a.unit === 'bytes'
        ? formatBytes(Math.abs(delta))
        : formatNumber(Math.abs(delta), 3);
  // Only measured figures are better or worse; a setting is merely different. The right version is
  // named, so "(better)" cannot be read as the left one's.
  const better =
    a.better === undefined
      ? ''
      : ` (${names[1]} ${(a.better === 'lower') === delta < 0 ? 'better' : 'worse'})`;
  return `${sign}${size}${better}`;
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? noun : `${noun}s`}`;
}
