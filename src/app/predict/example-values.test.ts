import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { PetalMetadata } from '../../core/bundle/bundle-format';
import { exampleValue, firstExampleMeans } from './example-values';
import { featureRanges } from './feature-range';

/** The bundled default model's metadata. */
const metadata = (
  JSON.parse(readFileSync(new URL('../../../public/models/default/model.json', import.meta.url), 'utf8')) as {
    userDefinedMetadata: { petal: PetalMetadata };
  }
).userDefinedMetadata.petal;

describe('exampleValue', () => {
  test('shows the first class means rounded to the fields’ decimals', () => {
    // Setosa means 5.005, 3.4375, 1.4525, 0.25; every slider steps by 0.1, so one decimal each.
    const ranges = featureRanges(metadata, metadata.schema.features);
    const means = firstExampleMeans(metadata);
    expect(ranges.map((range, i) => exampleValue(range, means[i]))).toEqual(['5', '3.4', '1.5', '0.3']);
  });

  test('is empty when a feature has no usable mean', () => {
    const [range] = featureRanges(metadata, metadata.schema.features);
    expect(exampleValue(range, Number.NaN)).toBe('');
    expect(exampleValue(range, undefined)).toBe('');
  });
});
