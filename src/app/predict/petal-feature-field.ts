import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { formatNumber } from '../shared/format-number';
import { controlStyles } from '../shared/theme';
import { type FeatureRange, parseFieldValue, stepDecimals } from './feature-range';

/** Detail of the `petal-feature-input` event: the feature's column name and the field's new text. */
export interface FeatureInputDetail {
  readonly name: string;
  readonly value: string;
}

/**
 * One feature of the prediction form: a number input labelled with the feature's readable name, a range
 * slider labelled "<Label> slider" over the training range widened a little, and the field's messages.
 * Dumb: it shows `value` and reports each edit with a bubbling `petal-feature-input` event.
 */
@customElement('petal-feature-field')
export class PetalFeatureField extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      label {
        display: block;
        font-weight: 600;
        margin-bottom: 0.25rem;
      }
      .row {
        display: flex;
        gap: 0.75rem;
        align-items: center;
      }
      input[type='number'] {
        width: 6.5rem;
        flex: none;
      }
      input[type='range'] {
        flex: 1;
        min-width: 6rem;
      }
      .range {
        font-size: 0.85rem;
        margin: 0.15rem 0 0;
      }
    `,
  ];

  /** The feature's range and label, from the active model's metadata. */
  @property({ attribute: false }) range?: FeatureRange;

  /** The field's text as typed (may be empty or not a number). */
  @property() value = '';

  /** The out-of-range warning to show, or null. */
  @property({ attribute: false }) warning: string | null = null;

  /** The validation message to show (e.g. "Enter a number for Sepal width"), or null. */
  @property({ attribute: false }) error: string | null = null;

  override render() {
    const range = this.range;
    if (!range) return nothing;
    const parsed = parseFieldValue(this.value);
    const sliderValue = Math.min(range.sliderMax, Math.max(range.sliderMin, parsed ?? range.mean));
    const describedBy = [this.error ? 'error' : '', this.warning ? 'warning' : '', 'range']
      .filter(Boolean)
      .join(' ');
    return html`
      <label for="value">${range.label}</label>
      <div class="row">
        <input
          id="value"
          type="number"
          inputmode="decimal"
          step="any"
          .value=${live(this.value)}
          aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby=${describedBy}
          @input=${this.#onNumberInput}
        />
        <input
          type="range"
          aria-label=${`${range.label} slider`}
          min=${range.sliderMin}
          max=${range.sliderMax}
          step=${range.step}
          .value=${live(String(sliderValue))}
          @input=${this.#onSliderInput}
        />
      </div>
      <p id="range" class="range muted">Training range ${formatRange(range)}</p>
      ${this.error ? html`<p id="error" class="error">${this.error}</p>` : nothing}
      ${this.warning ? html`<p id="warning" class="warning">${this.warning}</p>` : nothing}
    `;
  }

  #onNumberInput(event: Event) {
    this.#emit((event.target as HTMLInputElement).value);
  }

  #onSliderInput(event: Event) {
    const range = this.range!;
    const value = Number((event.target as HTMLInputElement).value);
    // Sliders step in float arithmetic; round to the step so the number field shows "5.1", not "5.1000001".
    this.#emit(String(Number(value.toFixed(stepDecimals(range.step)))));
  }

  #emit(value: string) {
    this.value = value;
    this.dispatchEvent(
      new CustomEvent<FeatureInputDetail>('petal-feature-input', {
        detail: { name: this.range!.name, value },
        bubbles: true,
        composed: true,
      }),
    );
  }
}

function formatRange(range: FeatureRange): string {
  return `${formatNumber(range.min)}–${formatNumber(range.max)}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-feature-field': PetalFeatureField;
  }
  interface HTMLElementEventMap {
    'petal-feature-input': CustomEvent<FeatureInputDetail>;
  }
}
