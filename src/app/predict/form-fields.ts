// The Predict form's fields, one per feature column, made from the model's pipeline: a number column gets a
// number field and slider, a category column a list of its training values, a date column a date input.
// Everything a field shows and checks comes from the step and the training profile of its column.
import type { PetalMetadata } from '../../core/bundle/bundle-format';
import type { DateOrder } from '../../core/pipeline/date-parts';
import type { InputProfile, NumericProfile } from '../../core/pipeline/input-profiles';
import type { InputStep } from '../../core/pipeline/input-steps';
import { featureLabels } from './feature-label';
import { type FeatureRange, featureRange } from './feature-range';

interface FieldName {
  /** The column name in the model's schema: what the form's values are keyed by. */
  readonly name: string;
  /** The readable label (feature-label.ts). */
  readonly label: string;
}

/** A number column: a number field with a slider over the training range. */
export interface NumberField extends FieldName {
  readonly kind: 'number';
  readonly range: FeatureRange;
  /**
   * The training median a blank is imputed with, or null where the training rows had no blanks: there the
   * model never saw one, and an empty field is an error.
   */
  readonly imputed: number | null;
}

/** A category column: a choice among the values the model learned (most frequent first). */
export interface CategoryField extends FieldName {
  readonly kind: 'category';
  /** The training values; '' is the blank cell, offered as "(blank)". */
  readonly values: readonly string[];
}

/** A date column: a date input, with a time where the column's dates had times of day. */
export interface DateField extends FieldName {
  readonly kind: 'date';
  /** The column's dates had times of day: a `datetime-local` input. */
  readonly withTime: boolean;
  /** How the column wrote its dates (the form sends ISO text, which reads the same under every order). */
  readonly order: DateOrder;
  /** Training range, mean and sd of the dates, in ms since 1970 (UTC). */
  readonly profile: Pick<NumericProfile, 'min' | 'max' | 'mean' | 'sd'>;
  /** The training rows had blanks: an empty field is imputed (with each date part's training median). */
  readonly blankAllowed: boolean;
}

export type FormField = NumberField | CategoryField | DateField;

/** The form's fields for a model, in schema order. */
export function formFields(
  metadata: Pick<PetalMetadata, 'schema' | 'pipeline' | 'featureProfiles'>,
): FormField[] {
  const { features } = metadata.schema;
  const labels = featureLabels(features);
  return metadata.pipeline.steps.map((step, f) =>
    fieldOf(step, { name: features[f], label: labels[f] }, metadata.featureProfiles[f]),
  );
}

function fieldOf(step: InputStep, named: FieldName, profile: InputProfile): FormField {
  switch (step.kind) {
    case 'number':
      return {
        ...named,
        kind: 'number',
        range: featureRange(numeric(profile)),
        // A step without a median (a bundle from before pipelines) never allows a blank.
        imputed: step.missing && step.median !== undefined ? step.median : null,
      };
    case 'category':
      return { ...named, kind: 'category', values: step.values };
    case 'date': {
      const { min, max, mean, sd } = numeric(profile);
      return {
        ...named,
        kind: 'date',
        withTime: step.parts.includes('timeOfDay'),
        order: step.order,
        profile: { min, max, mean, sd },
        blankAllowed: step.missing,
      };
    }
  }
}

/** The bundle check made every number and date column's profile numeric (validate-bundle.ts). */
function numeric(profile: InputProfile): NumericProfile {
  if (profile.kind !== 'numeric') throw new TypeError('A number or date column has a category profile.');
  return profile;
}
