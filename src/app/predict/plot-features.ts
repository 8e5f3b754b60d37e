// The scatter plot's axes are number columns only: a category has no order to plot along, and a date's
// milliseconds make poor tick labels. These cut the form and the training sample down to those columns.
import type { FieldValue } from './form-cells';
import type { FormField } from './form-fields';
import type { ScatterSample } from './scatter-axes';

/** The schema indexes of the number features; with fewer than two the tab shows no plot. */
export function plotFeatures(fields: readonly FormField[]): number[] {
  return fields.flatMap((field, f) => (field.kind === 'number' ? [f] : []));
}

/** The sample's rows cut to `features`, in that order (x[row][i] is feature features[i]). */
export function plotSample(sample: ScatterSample, features: readonly number[]): ScatterSample {
  return { x: sample.x.map((row) => features.map((f) => row[f])), y: sample.y };
}

/** The form's point on those features: each field's number, NaN where it is blank or not a number. */
export function plotPoint(read: readonly FieldValue[], features: readonly number[]): number[] {
  return features.map((f) => {
    const field = read[f];
    return field?.kind === 'value' ? field.value : Number.NaN;
  });
}
