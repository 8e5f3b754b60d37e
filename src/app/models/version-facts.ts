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
  if (!short) return timeKeptTogether(DATE_TIME.formatToParts(date));
  return (date.getFullYear() === new Date().getFullYear() ? DAY : DATE).format(date);
}

/**
 * The parts joined with the spaces inside the time made non-breaking, so that a narrow column breaks
 * between the date and the time, never before "PM". (V8 writes an ordinary space there, not ICU's
 * narrow no-break space.) The time starts at its hour or day period, whichever comes first.
 */
function timeKeptTogether(parts: readonly Intl.DateTimeFormatPart[]): string {
  const start = parts.findIndex((part) => part.type === 'hour' || part.type === 'dayPeriod');
  return parts
    .map((part, i) =>
      start >= 0 && i > start && part.type === 'literal' ? part.value.replace(/\s/g, '\u00a0') : part.value,
    )
    .join('');
}

/** One line of a facts table: a stable key (to line two versions up), its label and its value as text. */
export interface Fact {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  /** How a comparison reads the value beside another version's; absent for text (same or different). */
  readonly reading?: Reading;
  /** What a comparison compares when `value` is cut short (a long list of classes); `value` otherwise. */
  readonly identity?: string;
}

/** Which way a measured figure is better. */
export type Better = 'higher' | 'lower';

/**
 * The number behind a fact's value and how the value shows it, so that a comparison can write the
 * difference with the values' own precision (compare-facts.ts); or a setting that is off.
 */
export type Reading =
  /** A 0–1 share shown as a percentage with one decimal ("93.3%"): differences in percentage points. */
  | { readonly kind: 'share'; readonly number: number; readonly better?: Better }
  /** A figure shown with a fixed number of decimals (log loss: "0.121"). */
  | { readonly kind: 'fixed'; readonly number: number; readonly decimals: number; readonly better?: Better }
  /** A setting's number, shown with all its digits (`formatNumber`). */
  | { readonly kind: 'plain'; readonly number: number }
  /** A size in bytes, shown in KB or MB with one decimal (`formatBytes`). */
  | { readonly kind: 'bytes'; readonly number: number }
  /** A setting turned off ("off", "none"): beside one that is on, only one version has it. */
  | { readonly kind: 'off' };

/** Log loss is shown with three decimals, as the Compare tab shows it. */
const LOSS_DECIMALS = 3;

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
      reading: { kind: 'share', number: test.accuracy, better: 'higher' },
    },
    {
      key: 'macroF1',
      label: 'Macro F1',
      value: formatPercent(test.macroF1),
      reading: { kind: 'share', number: test.macroF1, better: 'higher' },
    },
    {
      key: 'logLoss',
      label: 'Log loss',
      value: test.logLoss.toFixed(LOSS_DECIMALS),
      reading: { kind: 'fixed', number: test.logLoss, decimals: LOSS_DECIMALS, better: 'lower' },
    },
  ];
  if (cv) {
    facts.push({
      key: 'crossValidation',
      label: 'Cross-validated accuracy',
      value: `${formatPercent(cv.accuracy.mean)} ± ${formatPercent(cv.accuracy.sd)} (${cv.folds} folds × ${cv.repeats} ${cv.repeats === 1 ? 'repeat' : 'repeats'})`,
      reading: { kind: 'share', number: cv.accuracy.mean, better: 'higher' },
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
      reading: { kind: 'bytes', number: version.sizeBytes },
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
      return { ...fact, reading: settingReading(key, value) };
    });
}

/** The shares and the patience are "none" and "off" at 0: a setting not used, not an amount of it. */
function settingReading(key: string, value: number): Reading {
  const share = key === 'testFraction' || key === 'validationFraction';
  if (value === 0 && (share || key === 'patience')) return { kind: 'off' };
  return share ? { kind: 'share', number: value } : { kind: 'plain', number: value };
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
      profile?.kind === 'numeric' ? `${formatNumber(profile.min)}–${formatNumber(profile.max)}` : '—';
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

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? noun : `${noun}s`}`;
}
