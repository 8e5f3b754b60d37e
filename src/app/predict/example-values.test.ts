import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { PetalMetadata } from '../../core/bundle/bundle-format';
import { firstExampleNumbers } from './example-values';

/** The bundled default model's metadata, as the worker returns it from `useModel`. */
const metadata = (
  JSON.parse(readFileSync(new URL('../../../public/models/default/model.json', import.meta.url), 'utf8')) as {
    userDefinedMetadata: { petal: PetalMetadata };
  }
).userDefinedMetadata.petal;

describe('firstExampleNumbers', () => {
  test('are the first class means as the form shows them: rounded to the fields’ decimals', () => {
    // Setosa means 5.005, 3.4375, 1.4525, 0.25; every slider steps by 0.1, so one decimal each.
    expect(firstExampleNumbers(metadata)).toEqual([5, 3.4, 1.5, 0.3]);
  });

  test('are null when a feature has no usable mean', () => {
    const broken: PetalMetadata = { ...metadata, classMeans: [[5, Number.NaN, 1, 0.2]] };
    expect(firstExampleNumbers(broken)).toBeNull();
  });
});
