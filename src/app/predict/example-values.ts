import type { PetalMetadata } from '../../core/bundle/bundle-format';
import { isoDate } from '../../core/pipeline/date-parts';
import { roundTo } from '../shared/format-number';
import { stepDecimals } from './feature-range';
import type { FormField } from './form-fields';

/**
 * A typical value of a feature (input-profiles.ts, classExamples) as the text of its field: a number
 * rounded to its slider step's decimals, between 1 and 2 of them; a date (ms) as ISO text; a category as
 * the value at that index, '' when there is none (−1: the class had none of the values the model kept).
 */
export function exampleValue(field: FormField, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  switch (field.kind) {
    case 'number':
      return String(roundTo(value, Math.min(2, Math.max(1, stepDecimals(field.range.step)))));
    case 'date':
      return isoDate(value, field.withTime);
    case 'category':
      return field.values[value] ?? '';
  }
}

/**
 * The example the form shows before any input, one number per feature: the first class's; for a model
 * kept without examples (many classes × features), each column's training mean, or its most frequent value.
 */
export function firstExample(
  metadata: Pick<PetalMetadata, 'classExamples' | 'featureProfiles'>,
): readonly number[] {
  return (
    metadata.classExamples?.[0] ??
    metadata.featureProfiles.map((profile) => (profile.kind === 'numeric' ? profile.mean : 0))
  );
}
