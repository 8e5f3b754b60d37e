import type { PetalMetadata } from '../../core/bundle/bundle-format';
import { roundTo } from '../shared/format-number';
import { type FeatureRange, stepDecimals } from './feature-range';

/** A class mean as a form value: rounded to the slider step's decimals, between 1 and 2 of them. */
export function exampleValue(range: FeatureRange, mean: number | undefined): string {
  if (mean === undefined || !Number.isFinite(mean)) return '';
  const decimals = Math.min(2, Math.max(1, stepDecimals(range.step)));
  return String(roundTo(mean, decimals));
}

/** The class means the form shows before any input: the first class's (the overall mean without classes). */
export function firstExampleMeans(metadata: PetalMetadata): readonly number[] {
  return metadata.classMeans?.[0] ?? metadata.standardisation.mean;
}
