import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, UI_PATIENCE, UI_VALIDATION_FRACTION } from './default-settings';
import { checkSettings, draftFromSettings, type SettingsDraft } from './settings-form';

const defaults = draftFromSettings();

function errorsFor(change: Partial<SettingsDraft>) {
  const result = checkSettings({ ...defaults, ...change });
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('draftFromSettings', () => {
  it('shows the defaults as the user would type them', () => {
    expect(defaults).toEqual({
      hidden: '8',
      epochs: '60',
      learningRate: '0.02',
      batchSize: '32',
      testPercent: '20',
      seed: '42',
      patience: '10',
      earlyStopping: true,
    });
  });

  it('shows early stopping off for a patience of 0, with a patience ready for when it is turned on', () => {
    expect(draftFromSettings({ ...DEFAULT_SETTINGS, patience: 0 })).toMatchObject({
      patience: String(UI_PATIENCE),
      earlyStopping: false,
    });
  });
});

describe('checkSettings', () => {
  it('accepts the defaults: early stopping on, watching the validation share used by the UI', () => {
    expect(checkSettings(defaults)).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, patience: UI_PATIENCE, validationFraction: UI_VALIDATION_FRACTION },
    });
  });

  it('reads early stopping off as a patience of 0, whatever its field holds', () => {
    const off = checkSettings({ ...defaults, earlyStopping: false, patience: 'not checked' });
    expect(off.ok && off.settings).toMatchObject({ patience: 0, validationFraction: UI_VALIDATION_FRACTION });
    const on = checkSettings({ ...defaults, patience: '25' });
    expect(on.ok && on.settings.patience).toBe(25);
  });

  it('gives a message for a bad patience while early stopping is on', () => {
    const message = 'Patience must be a whole number of epochs from 1 to 1000.';
    for (const patience of ['', '0', '2.5', '1001', 'ten']) {
      expect(errorsFor({ patience })).toEqual({ patience: message });
    }
  });

  it('reads hidden layers as a comma or space separated list; empty means none', () => {
    const read = (hidden: string) => {
      const result = checkSettings({ ...defaults, hidden });
      return result.ok ? result.settings.hidden : result.errors;
    };
    expect(read('64, 32')).toEqual([64, 32]);
    expect(read(' 64 32 ')).toEqual([64, 32]);
    expect(read('')).toEqual([]);
    expect(read('   ')).toEqual([]);
  });

  it('gives a message for bad hidden layers', () => {
    const sizes =
      'Enter layer sizes as whole numbers from 1 to 1024 separated by commas, e.g. "8" or "64, 32"; leave empty for no hidden layer.';
    expect(errorsFor({ hidden: '8,' })).toEqual({ hidden: sizes });
    expect(errorsFor({ hidden: 'abc' })).toEqual({ hidden: sizes });
    expect(errorsFor({ hidden: '0' })).toEqual({ hidden: sizes });
    expect(errorsFor({ hidden: '2.5' })).toEqual({ hidden: sizes });
    expect(errorsFor({ hidden: '2000' })).toEqual({ hidden: sizes });
    expect(errorsFor({ hidden: '1,2,3,4,5,6,7,8,9' })).toEqual({ hidden: 'Use at most 8 hidden layers.' });
  });

  it('gives a message for bad epochs', () => {
    const message = 'Epochs must be a whole number from 1 to 10000.';
    for (const epochs of ['', '0', '1.5', '10001', 'ten', '-3']) {
      expect(errorsFor({ epochs })).toEqual({ epochs: message });
    }
  });

  it('gives a message for a bad learning rate', () => {
    const message = 'Learning rate must be a number above 0 and at most 10, e.g. 0.02.';
    for (const learningRate of ['', '0', '-0.1', '11', 'fast', '0,03']) {
      expect(errorsFor({ learningRate })).toEqual({ learningRate: message });
    }
    expect(checkSettings({ ...defaults, learningRate: '1e-3' }).ok).toBe(true);
  });

  it('gives a message for a bad batch size', () => {
    const message = 'Batch size must be a whole number of rows from 1 to 65536.';
    for (const batchSize of ['', '0', '3.5', '100000']) {
      expect(errorsFor({ batchSize })).toEqual({ batchSize: message });
    }
  });

  it('gives a message for a bad test split and converts percent to a fraction', () => {
    const message = 'Test split must be a percentage from 5 to 50.';
    for (const testPercent of ['', '4', '51', '20%']) {
      expect(errorsFor({ testPercent })).toEqual({ testPercent: message });
    }
    const result = checkSettings({ ...defaults, testPercent: '25' });
    expect(result.ok && result.settings.testFraction).toBe(0.25);
  });

  it('gives a message for a bad seed', () => {
    const message = 'Seed must be a whole number of 0 or more, e.g. 42.';
    for (const seed of ['', '-1', '1.5', 'x', '1e20']) {
      expect(errorsFor({ seed })).toEqual({ seed: message });
    }
  });

  it('reports every wrong field at once', () => {
    expect(Object.keys(errorsFor({ epochs: '', seed: '', hidden: 'x' })).sort()).toEqual([
      'epochs',
      'hidden',
      'seed',
    ]);
  });
});
