import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { parseNumber } from '../../csv/parse-number';
import { formatNumber } from '../shared/format-number';
import { controlStyles } from '../shared/theme';
import { FeatureFieldElement } from './feature-field-element';
import { stepDecimals } from './feature-range';
import { describedBy, fieldMessages, fieldStyles } from './field-messages';
import type { NumberField } from './form-fields';

/**
 * A number feature of the prediction form: a number input labelled with the feature's readable name, a
 * range slider labelled "<Label> slider" over the training range widened a little, and the field's
 * messages. Where the model learned what a blank means, the field may be left empty and says what the
 * blank becomes. Dumb: it shows `value` and reports each edit with a bubbling `petal-feature-input` event.
 */
@customElement('petal-number-field')
export class PetalNumberField extends FeatureFieldElement<NumberField> {
  static override styles = [
    controlStyles,
    fieldStyles,
    css`
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
    `,
  ];

  override render() {
    const field = this.field;
    if (!field) return nothing;
    const { range, imputed } = field;
    const parsed = parseNumber(this.value, '.');
    const sliderValue = Math.min(range.sliderMax, Math.max(range.sliderMin, parsed ?? imputed ?? range.mean));
    const messages = { note: this.#note(field), error: this.error, warning: this.warning };
    return html`
      <label for="value">${field.label}</label>
      <div class="row">
        <input
          id="value"
          type="number"
          inputmode="decimal"
          step="any"
          .value=${live(this.value)}
          aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby=${describedBy(messages)}
          @input=${this.#onNumberInput}
        />
        <input
          type="range"
          aria-label=${`${field.label} slider`}
          min=${range.sliderMin}
          max=${range.sliderMax}
          step=${range.step}
          .value=${live(String(sliderValue))}
          @input=${this.#onSliderInput}
        />
      </div>
      ${fieldMessages(messages)}
    `;
  }

  #note({ range, imputed }: NumberField): string {
    const training = `Training range ${formatNumber(range.min)}–${formatNumber(range.max)}`;
    if (imputed === null) return training;
    return this.value.trim() === ''
      ? `Left blank: missing — imputed with ${formatNumber(imputed)}`
      : `${training}; may be left blank`;
  }

  #onNumberInput(event: Event) {
    this.emit((event.target as HTMLInputElement).value);
  }

  #onSliderInput(event: Event) {
    const { range } = this.field!;
    const value = Number((event.target as HTMLInputElement).value);
    // Sliders step in float arithmetic; round to the step so the number field shows "5.1", not "5.1000001".
    this.emit(String(Number(value.toFixed(stepDecimals(range.step)))));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-number-field': PetalNumberField;
  }
}
