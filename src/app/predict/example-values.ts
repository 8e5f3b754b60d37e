import type { PetalMetadata } from '../../core/bundle/bundle-format';
import { roundTo } from '../shared/format-number';
import { type FeatureRange, featureRanges, parseFieldValue, stepDecimals } from './feature-range';

/** A class mean as a form value: rounded to the slider step's decimals, between 1 and 2 of them. */
export function exampleValue(range: FeatureRange, mean: number | undefined): string {
  if (mean === undefined || !Number.isFinite(mean)) return '';
  const decimals = Math.min(2, Math.max(1, stepDecimals(range.step)));
  return String(roundTo(mean, decimals));
}

/** The class means the form shows before any input: the first class's (the overall mean without classes). */
export function firstExampleMeans(metadata: PetalMetadata): readonly number[] {
  return metadata.classMeans[0] ?? metadata.standardisation.mean;
}

/**
 * The numbers a fresh Predict form holds for a model, in schema order, exactly as the form parses its own
 * text; null when a feature has no usable mean. The model store predicts these as soon as the model is
 * loaded, so the form and its first prediction can be shown together.
 */
export function firstExampleNumbers(metadata: PetalMetadata): number[] | null {
  const means = firstExampleMeans(metadata);
  const ranges = featureRanges(metadata, metadata.schema.features);
  const numbers: number[] = [];
  for (const [i, range] of ranges.entries()) {
    const value = parseFieldValue(exampleValue(range, means[i]));
    if (value === undefined) return null;
    numbers.push(value);
  }
  return numbers;
}
