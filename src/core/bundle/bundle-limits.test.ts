// Whatever Petal writes within BUNDLE_LIMITS it can read back: the model.json size limit is derived from the
// other limits, and these worst cases (every name as long as allowed and escaped character by character
// in JSON) must pass the check after a trip through the exported files.
import { describe, expect, it } from 'vitest';
import {
  worstLogisticBundle as worstBundle,
  worstKnnBundle,
  worstModelJsonBundle,
} from '../../test/worst-bundle';
import { BUNDLE_LIMITS, bundleFiles } from './bundle-format';
import { parseBundleFiles } from './validate-bundle';

describe('bundle limits', () => {
  it.each([
    ['the most features and classes', BUNDLE_LIMITS.features, BUNDLE_LIMITS.classes],
    [
      'the most features with class means',
      BUNDLE_LIMITS.features,
      BUNDLE_LIMITS.classMeanValues / BUNDLE_LIMITS.features,
    ],
    ['500 classes', 4, 500],
  ])('reads back what it writes at %s', (_, features, classes) => {
    const files = bundleFiles(worstBundle(features, classes));
    expect(files.modelJson.length).toBeLessThanOrEqual(BUNDLE_LIMITS.modelJsonBytes);
    const valid = parseBundleFiles({ modelJson: files.modelJson, weights: files.weights });
    expect(valid.metadata.schema.classes).toHaveLength(classes);
    expect(valid.metadata.classExamples !== undefined).toBe(
      features * classes <= BUNDLE_LIMITS.classMeanValues,
    );
  });

  it('reads back the longest model.json: every feature, class, category value and input allowed', () => {
    const files = bundleFiles(worstModelJsonBundle());
    expect(files.modelJson.length).toBeLessThanOrEqual(BUNDLE_LIMITS.modelJsonBytes);
    // The derived limit is not slack: the worst case uses most of it.
    expect(files.modelJson.length).toBeGreaterThan(0.5 * BUNDLE_LIMITS.modelJsonBytes);
    const valid = parseBundleFiles({ modelJson: files.modelJson, weights: files.weights });
    const { steps } = valid.metadata.pipeline;
    expect(steps.filter((step) => step.kind === 'category')).toHaveLength(BUNDLE_LIMITS.categoryValues / 50);
    expect(valid.metadata.pipeline.scaling.mean).toHaveLength(BUNDLE_LIMITS.inputs);
  });

  it('reads back a k-NN whose weights file is at its limit', () => {
    const files = bundleFiles(worstKnnBundle(BUNDLE_LIMITS.features, BUNDLE_LIMITS.classes));
    expect(files.weights.byteLength).toBeLessThanOrEqual(BUNDLE_LIMITS.weightsBytes);
    expect(files.weights.byteLength).toBeGreaterThan(BUNDLE_LIMITS.weightsBytes - 8 * 1024);
    const valid = parseBundleFiles({ modelJson: files.modelJson, weights: files.weights });
    expect(valid.arrays.kind).toBe('knn');
  });

  it('keeps a 500-class model.json small: it grows with the classes, not their square', () => {
    const files = bundleFiles(worstBundle(4, 500));
    // The names alone are 500 × ~1.2 KB escaped; the rest must add little.
    expect(files.modelJson.length).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('refuses a model.json over the derived limit before parsing it', () => {
    expect(() =>
      parseBundleFiles({
        modelJson: ' '.repeat(BUNDLE_LIMITS.modelJsonBytes + 1),
        weights: new ArrayBuffer(0),
      }),
    ).toThrow(/^model.json is [\d,]+ bytes; the limit is [\d,]+\.$/);
  });
});
