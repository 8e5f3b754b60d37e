import { readFileSync } from 'node:fs';
import { parseBundleFiles } from '../core/bundle/validate-bundle';

const file = (name: string) => new URL(`../../public/models/default/${name}`, import.meta.url);
const weights = readFileSync(file('weights.bin'));

/** The shipped default model (public/models/default), read and checked once for the tests that use it. */
export const defaultModel = parseBundleFiles({
  modelJson: readFileSync(file('model.json'), 'utf8'),
  weights: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
});
