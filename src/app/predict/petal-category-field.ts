import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { shorten } from '../../core/short-text';
import { controlStyles } from '../shared/theme';
import { FeatureFieldElement } from './feature-field-element';
import { describedBy, fieldMessages, fieldStyles } from './field-messages';
import type { CategoryField } from './form-fields';

/**
 * A category feature of the prediction form: a select labelled with the feature's readable name, offering
 * the values the model learned (most frequent first; the blank value as "(blank)"), and the field's
 * messages. Options are keyed by index, so any value (even '' or one that looks like another) selects
 * exactly itself. Dumb: it shows `value` and reports each choice with a bubbling `petal-feature-input`.
 */
@customElement('petal-category-field')
export class PetalCategoryField extends FeatureFieldElement<CategoryField> {
  static override styles = [controlStyles, fieldStyles];

  override render() {
    const field = this.field;
    if (!field) return nothing;
    const chosen = field.values.indexOf(this.value);
    const messages = { note: null, error: this.error, warning: this.warning };
    return html`
      <label for="value">${field.label}</label>
      <select
        id="value"
        .value=${live(chosen >= 0 ? String(chosen) : '')}
        aria-invalid=${this.error ? 'true' : 'false'}
        aria-describedby=${describedBy(messages)}
        @change=${this.#onChange}
      >
        ${chosen < 0 ? html`<option value="" selected disabled>Choose a value…</option>` : nothing}
        ${field.values.map(
          (value, i) =>
            html`<option value=${i} ?selected=${i === chosen}>${value === '' ? '(blank)' : shorten(value)}</option>`,
        )}
      </select>
      ${fieldMessages(messages)}
    `;
  }

  #onChange(event: Event) {
    const field = this.field!;
    const value = field.values[Number((event.target as HTMLSelectElement).value)];
    if (value !== undefined) this.emit(value);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-category-field': PetalCategoryField;
  }
}
