import { describe, expect, it } from 'vitest';
import { DEFAULT_DENSE_NETWORK_SETTINGS } from '../../core/classifiers/classifier-spec';
import { TRAIN_TAB_SETTINGS } from '../../core/train-settings';
import { DEFAULT_SETTINGS, UI_PATIENCE, UI_VALIDATION_FRACTION } from './default-settings';

describe('DEFAULT_SETTINGS', () => {
  it("is core's TRAIN_TAB_SETTINGS: the network's defaults with early stopping on", () => {
    expect(DEFAULT_SETTINGS).toBe(TRAIN_TAB_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({
      ...DEFAULT_DENSE_NETWORK_SETTINGS,
      patience: UI_PATIENCE,
      validationFraction: UI_VALIDATION_FRACTION,
    });
    expect(UI_PATIENCE).toBeGreaterThan(0);
    expect(UI_VALIDATION_FRACTION).toBeGreaterThan(0);
  });
});
