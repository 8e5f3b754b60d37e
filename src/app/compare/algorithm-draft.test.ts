import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../core/classifiers/classifier-spec';
import { checkDraft, DEFAULT_DRAFT } from './algorithm-draft';

describe('checkDraft', () => {
  it('turns the default form into the four default specs, 5 folds × 3 repeats', () => {
    const checked = checkDraft(DEFAULT_DRAFT);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.specs.map((spec) => spec.kind)).toEqual([
      'dense-network',
      'knn',
      'logistic-regression',
      'random-forest',
    ]);
    expect(checked.specs[0].settings).toEqual(DEFAULT_SETTINGS['dense-network']);
    expect(checked.specs[3].settings).toEqual(DEFAULT_SETTINGS['random-forest']);
    expect([checked.folds, checked.repeats]).toEqual([5, 3]);
  });

  it('reads the settings the user typed', () => {
    const checked = checkDraft({
      ...DEFAULT_DRAFT,
      hidden: '64, 32',
      k: '7',
      weighting: 'distance',
      trees: '20',
    });
    expect(checked.ok && checked.specs[0].settings).toMatchObject({ hidden: [64, 32] });
    expect(checked.ok && checked.specs[1].settings).toEqual({ k: 7, weighting: 'distance' });
    expect(checked.ok && checked.specs[3].settings).toMatchObject({ trees: 20 });
  });

  it('names every bad field, and asks for at least one algorithm', () => {
    const none = { 'dense-network': false, knn: false, 'logistic-regression': false, 'random-forest': false };
    const checked = checkDraft({ ...DEFAULT_DRAFT, enabled: none, folds: '1', repeats: 'x' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual(['algorithms', 'folds', 'repeats']);
    const bad = checkDraft({ ...DEFAULT_DRAFT, k: '0', c: '-1', hidden: '8, x' });
    expect(bad.ok === false && Object.keys(bad.errors).sort()).toEqual(['c', 'hidden', 'k']);
  });

  it('ignores the settings of unticked algorithms', () => {
    const enabled = { ...DEFAULT_DRAFT.enabled, knn: false };
    const checked = checkDraft({ ...DEFAULT_DRAFT, enabled, k: 'nonsense' });
    expect(checked.ok && checked.specs.map((spec) => spec.kind)).not.toContain('knn');
  });
});
