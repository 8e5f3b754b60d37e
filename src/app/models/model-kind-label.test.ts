import { describe, expect, it } from 'vitest';
import type { MetadataSettings } from '../../core/bundle/bundle-format';
import { DEFAULT_SETTINGS } from '../../core/classifiers/classifier-spec';
import { DEFAULT_RUN_SETTINGS, DEFAULT_TRAIN_SETTINGS } from '../../core/train-settings';
import { modelKindLabel, modelKindName } from './model-kind-label';

describe('modelKindLabel', () => {
  it('names each kind with its key setting', () => {
    expect(modelKindLabel('knn', { ...DEFAULT_SETTINGS.knn, ...DEFAULT_RUN_SETTINGS })).toBe('k-NN (k = 5)');
    expect(
      modelKindLabel('random-forest', { ...DEFAULT_SETTINGS['random-forest'], ...DEFAULT_RUN_SETTINGS }),
    ).toBe('Random forest (100 trees)');
    expect(
      modelKindLabel('logistic-regression', {
        ...DEFAULT_SETTINGS['logistic-regression'],
        ...DEFAULT_RUN_SETTINGS,
      }),
    ).toBe('Logistic regression (C = 1)');
    expect(modelKindLabel('dense-network', { ...DEFAULT_TRAIN_SETTINGS, hidden: [64, 32] })).toBe(
      'Dense network (64 → 32)',
    );
  });

  it('treats a version saved before kinds existed as a dense network', () => {
    expect(modelKindLabel(undefined, DEFAULT_TRAIN_SETTINGS as MetadataSettings)).toBe('Dense network (8)');
  });

  it('names the kind alone for a short summary', () => {
    expect(modelKindName('random-forest')).toBe('Random forest');
    expect(modelKindName(undefined)).toBe('Dense network');
  });
});
