import type { TrainSettings } from '../../core/train-settings';
import { DEFAULT_SETTINGS, UI_PATIENCE, UI_VALIDATION_FRACTION } from './default-settings';

/** The settings form's text fields, in the order they are shown. */
export const SETTING_FIELDS = [
  'epochs',
  'hidden',
  'learningRate',
  'batchSize',
  'testPercent',
  'seed',
  'patience',
] as const;
export type SettingField = (typeof SETTING_FIELDS)[number];

/** The fields inside the closed "Advanced settings" disclosure: a newcomer can train without them. */
export const ADVANCED_FIELDS: readonly SettingField[] = [
  'hidden',
  'learningRate',
  'batchSize',
  'testPercent',
  'seed',
  'patience',
];

/**
 * What the user typed, one string per text field, kept as typed so a half-written value is never
 * rewritten; and whether early stopping is on (its patience field is kept, and not checked, while off).
 */
export type SettingsDraft = Readonly<Record<SettingField, string>> & { readonly earlyStopping: boolean };

/** A message per field that is wrong; a field that is fine has no entry. */
export type SettingsErrors = Partial<Record<SettingField, string>>;

export type SettingsCheck =
  | { readonly ok: true; readonly settings: TrainSettings }
  | { readonly ok: false; readonly errors: SettingsErrors };

/** The visible label of each field (browser tests find the inputs by these names). */
export const SETTING_LABELS: Readonly<Record<SettingField, string>> = {
  hidden: 'Hidden layers',
  epochs: 'Epochs',
  learningRate: 'Learning rate',
  batchSize: 'Batch size',
  testPercent: 'Test split',
  seed: 'Seed',
  patience: 'Patience',
};

/** The unit written after a field's box, where the value has one. */
export const SETTING_UNITS: Readonly<Partial<Record<SettingField, string>>> = {
  epochs: 'epochs',
  batchSize: 'rows',
  testPercent: '%',
  patience: 'epochs',
};

// Limits mirror the core's checks (classifier-spec.ts) so the worker never has to refuse what the form
// accepted; the test split is kept where both the test and validation sets stay meaningful.
const MAX_HIDDEN_LAYERS = 8;
const MAX_UNITS = 1024;
const MAX_EPOCHS = 10_000;
const MAX_BATCH_SIZE = 65_536;
const MAX_LEARNING_RATE = 10;
const MIN_TEST_PERCENT = 5;
const MAX_TEST_PERCENT = 50;
const MAX_PATIENCE = 1000;

export function draftFromSettings(settings: TrainSettings = DEFAULT_SETTINGS): SettingsDraft {
  return {
    hidden: settings.hidden.join(', '),
    epochs: String(settings.epochs),
    learningRate: String(settings.learningRate),
    batchSize: String(settings.batchSize),
    testPercent: String(Math.round(settings.testFraction * 1000) / 10),
    seed: String(settings.seed),
    patience: String(settings.patience > 0 ? settings.patience : UI_PATIENCE),
    earlyStopping: settings.patience > 0,
  };
}

/** A plain decimal number, e.g. "0.03", "1e-3", "40"; `undefined` for anything else ("", "abc", "1,5"). */
function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

function parseWhole(text: string, min: number, max: number): number | undefined {
  const value = parseDecimal(text);
  return value !== undefined && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

function parseHidden(text: string): readonly number[] | string {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  // Commas or spaces between widths; one pass (a pattern like /\s*,\s*|\s+/ is quadratic on long blanks).
  const parts = trimmed.split(',').flatMap((part) => (part.trim() === '' ? [''] : part.trim().split(/\s+/)));
  const units = parts.map((part) => parseWhole(part, 1, MAX_UNITS));
  if (units.some((value) => value === undefined)) {
    return `Enter layer sizes as whole numbers from 1 to ${MAX_UNITS} separated by commas, e.g. "8" or "64, 32"; leave empty for no hidden layer.`;
  }
  if (units.length > MAX_HIDDEN_LAYERS) return `Use at most ${MAX_HIDDEN_LAYERS} hidden layers.`;
  return units as number[];
}

/**
 * Checks every field and returns either complete settings (with the UI's validation share) or one
 * message per wrong field, each naming the field and saying what is allowed. Early stopping off is a
 * patience of 0, whatever its field holds.
 */
export function checkSettings(draft: SettingsDraft): SettingsCheck {
  const errors: SettingsErrors = {};
  const hidden = parseHidden(draft.hidden);
  if (typeof hidden === 'string') errors.hidden = hidden;

  const epochs = parseWhole(draft.epochs, 1, MAX_EPOCHS);
  if (epochs === undefined) errors.epochs = `Epochs must be a whole number from 1 to ${MAX_EPOCHS}.`;

  const learningRate = parseDecimal(draft.learningRate);
  const learningRateOk = learningRate !== undefined && learningRate > 0 && learningRate <= MAX_LEARNING_RATE;
  if (!learningRateOk) {
    errors.learningRate = `Learning rate must be a number above 0 and at most ${MAX_LEARNING_RATE}, e.g. 0.02.`;
  }

  const batchSize = parseWhole(draft.batchSize, 1, MAX_BATCH_SIZE);
  if (batchSize === undefined)
    errors.batchSize = `Batch size must be a whole number of rows from 1 to ${MAX_BATCH_SIZE}.`;

  const testPercent = parseDecimal(draft.testPercent);
  const testOk =
    testPercent !== undefined && testPercent >= MIN_TEST_PERCENT && testPercent <= MAX_TEST_PERCENT;
  if (!testOk) {
    errors.testPercent = `Test split must be a percentage from ${MIN_TEST_PERCENT} to ${MAX_TEST_PERCENT}.`;
  }

  const seed = parseDecimal(draft.seed);
  const seedOk = seed !== undefined && Number.isSafeInteger(seed) && seed >= 0;
  if (!seedOk) errors.seed = 'Seed must be a whole number of 0 or more, e.g. 42.';

  const patience = draft.earlyStopping ? parseWhole(draft.patience, 1, MAX_PATIENCE) : 0;
  if (patience === undefined)
    errors.patience = `Patience must be a whole number of epochs from 1 to ${MAX_PATIENCE}.`;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      ...DEFAULT_SETTINGS,
      hidden: hidden as readonly number[],
      epochs: epochs!,
      learningRate: learningRate!,
      batchSize: batchSize!,
      testFraction: testPercent! / 100,
      seed: seed!,
      patience: patience!,
      validationFraction: UI_VALIDATION_FRACTION,
    },
  };
}
