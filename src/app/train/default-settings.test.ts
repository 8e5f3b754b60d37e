import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_SETTINGS } from '../../core/train-model';
import { DEFAULT_SETTINGS } from './default-settings';

describe('DEFAULT_SETTINGS', () => {
  it("equals core's DEFAULT_TRAIN_SETTINGS, so the TF-free copy cannot drift", () => {
    expect(DEFAULT_SETTINGS).toEqual(DEFAULT_TRAIN_SETTINGS);
  });
});
