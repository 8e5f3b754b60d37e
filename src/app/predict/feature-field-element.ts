import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { featureInputEvent } from './feature-input-event';

/**
 * What every field of the Predict form is, whatever its kind: dumb — it shows `value` with its messages and
 * reports each edit with a bubbling `petal-feature-input` event (`emit`); the panel keeps the values.
 */
export abstract class FeatureFieldElement<F extends { readonly name: string }> extends LitElement {
  /** The feature's description, from the active model's metadata (form-fields.ts). */
  @property({ attribute: false }) field?: F;

  /** The field's text as the user gave it ('' when empty). */
  @property() value = '';

  /** The outside-the-training-data warning to show, or null. */
  @property({ attribute: false }) warning: string | null = null;

  /** The validation message to show (e.g. "Enter a number for Sepal width"), or null. */
  @property({ attribute: false }) error: string | null = null;

  /** Takes `value` as the field's text and tells the form. */
  protected emit(value: string): void {
    this.value = value;
    this.dispatchEvent(featureInputEvent(this.field!.name, value));
  }
}
