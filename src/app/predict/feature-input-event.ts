/** Detail of the `petal-feature-input` event: the feature's column name and the field's new text. */
export interface FeatureInputDetail {
  readonly name: string;
  readonly value: string;
}

/**
 * What every field of the Predict form dispatches on each edit, whatever its kind: it bubbles out of the
 * field's shadow root to the panel, which keeps the form's values.
 */
export function featureInputEvent(name: string, value: string): CustomEvent<FeatureInputDetail> {
  return new CustomEvent<FeatureInputDetail>('petal-feature-input', {
    detail: { name, value },
    bubbles: true,
    composed: true,
  });
}

declare global {
  interface HTMLElementEventMap {
    'petal-feature-input': CustomEvent<FeatureInputDetail>;
  }
}
