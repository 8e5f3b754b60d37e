// Whatever Petal writes within BUNDLE_LIMITS it can read back: the model.json size limit is derived from the
// other limits, and these worst cases (every name as long as allowed and escaped character by character
// in JSON) must pass the check after a trip through the exported files.
import { describe, expect, it } from 'vitest';
import { describedModel, placeholderDescription } from '../classifiers/classifier';
import { DEFAULT_LOGISTIC_REGRESSION_SETTINGS } from '../classifiers/classifier-spec';
import { BUNDLE_LIMITS, bundleFiles } from './bundle-format';
import { layersModel } from './layers-topology';
import { parseBundleFiles } from './validate-bundle';

/** A unique name of the longest length whose every character JSON escapes as \u0001. */
function worstName(prefix: string, index: number): string {
  const tail = `${prefix}${index}`;
  return '\u0001'.repeat(BUNDLE_LIMITS.nameLength - tail.length) + tail;
}

/** A logistic regression (one Dense layer) over `features` inputs and `classes` outputs, with the longest names. */
function worstBundle(features: number, classes: number) {
  const schema = {
    features: Array.from({ length: features }, (_, i) => worstName('f', i)),
    label: worstName('label', 0),
    classes: Array.from({ length: classes }, (_, i) => worstName('c', i)),
  };
  const description = placeholderDescription(schema);
  const withMeans = features * classes <= BUNDLE_LIMITS.classMeanValues;
  const metadata = describedModel(
    {
      ...description,
      // Numbers at full length, as real statistics are.
      featureProfiles: description.featureProfiles.map(() => ({
        min: -Math.PI * 1e-300,
        max: Math.PI * 1e300,
        deciles: new Array<number>(9).fill(-Math.PI / 10),
      })),
      ...(withMeans ? {} : { classMeans: undefined }),
    },
    {
      kind: 'logistic-regression',
      schema,
      standardisation: {
        mean: new Array<number>(features).fill(-Math.PI * 1e-300),
        sd: new Array<number>(features).fill(Math.PI * 1e300),
      },
      settings: DEFAULT_LOGISTIC_REGRESSION_SETTINGS,
    },
  );
  return layersModel({
    name: 'petal_logistic_regression',
    layers: [
      {
        inputs: features,
        units: classes,
        kernel: new Float32Array(features * classes).fill(0.5),
        bias: new Float32Array(classes),
        activation: 'softmax',
      },
    ],
    metadata,
  });
}

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
    expect(valid.metadata.classMeans !== undefined).toBe(features * classes <= BUNDLE_LIMITS.classMeanValues);
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
