import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { isoDate } from '../../core/pipeline/date-parts';
import { controlStyles } from '../shared/theme';
import { FeatureFieldElement } from './feature-field-element';
import { describedBy, fieldMessages, fieldStyles } from './field-messages';
import type { DateField } from './form-fields';

/**
 * A date feature of the prediction form: a date input (date and time where the column's dates had times)
 * labelled with the feature's readable name, bounded by the training range, and the field's messages.
 * Its value is ISO text ("2013-01-05", "2013-01-05T14:30"), which the model's pipeline reads whatever
 * order the column wrote its dates in. Dumb: it shows `value` and reports each edit with a bubbling
 * `petal-feature-input` event.
 */
@customElement('petal-date-field')
export class PetalDateField extends FeatureFieldElement<DateField> {
  static override styles = [controlStyles, fieldStyles];

  override render() {
    const field = this.field;
    if (!field) return nothing;
    const { min, max } = field.profile;
    const show = (time: number) => isoDate(time, field.withTime);
    const note =
      field.blankAllowed && this.value.trim() === ''
        ? 'Left blank: missing — imputed with the training medians'
        : `Training range ${show(min)} to ${show(max)}${field.blankAllowed ? '; may be left blank' : ''}`;
    const messages = { note, error: this.error, warning: this.warning };
    return html`
      <label for="value">${field.label}</label>
      <input
        id="value"
        type=${field.withTime ? 'datetime-local' : 'date'}
        min=${show(min)}
        max=${show(max)}
        .value=${live(this.value)}
        aria-invalid=${this.error ? 'true' : 'false'}
        aria-describedby=${describedBy(messages)}
        @input=${this.#onInput}
      />
      ${fieldMessages(messages)}
    `;
  }

  #onInput(event: Event) {
    this.emit((event.target as HTMLInputElement).value);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-date-field': PetalDateField;
  }
}
