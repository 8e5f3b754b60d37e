import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_SETTINGS } from '../../core/train-settings';
import { DEFAULT_SETTINGS } from './default-settings';

describe('DEFAULT_SETTINGS', () => {
  it("is core's DEFAULT_TRAIN_SETTINGS (re-exported by train-model.ts)", () => {
    expect(DEFAULT_SETTINGS).toBe(DEFAULT_TRAIN_SETTINGS);
  });
});
