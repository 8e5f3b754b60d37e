import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { controlStyles } from '../shared/theme';
import {
  draftFromSettings,
  SETTING_FIELDS,
  SETTING_LABELS,
  type SettingField,
  type SettingsDraft,
  type SettingsErrors,
} from './settings-form';

/** Fired on every keystroke in a settings field. */
export class SettingInputEvent extends Event {
  constructor(
    readonly field: SettingField,
    readonly value: string,
  ) {
    super('petal-setting-input', { bubbles: true, composed: true });
  }
}

const HINTS: Readonly<Record<SettingField, string>> = {
  hidden: 'Units per layer, e.g. "8" or "64, 32"; empty for none.',
  epochs: 'Passes over the training rows.',
  learningRate: 'Step size of the Adam optimiser.',
  batchSize: 'Rows per weight update.',
  testPercent: 'Rows held out for the final score.',
  seed: 'Same seed and data, same model.',
};

const INPUT_MODES: Readonly<Record<SettingField, string>> = {
  hidden: 'text',
  epochs: 'numeric',
  learningRate: 'decimal',
  batchSize: 'numeric',
  testPercent: 'decimal',
  seed: 'numeric',
};

/**
 * The training settings form. Values stay strings as typed; the panel validates them and passes back one
 * message per wrong field, shown under it and tied to it with aria-describedby and aria-invalid.
 */
@customElement('petal-train-settings')
export class PetalTrainSettings extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
        gap: 0.75rem 1rem;
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
      }
      label {
        font-weight: 600;
      }
      .hint {
        font-size: 0.85rem;
        margin: 0;
      }
    `,
  ];

  /** What is typed in each field. */
  @property({ attribute: false }) draft: SettingsDraft = draftFromSettings();

  /** A message for each wrong field. */
  @property({ attribute: false }) errors: SettingsErrors = {};

  /** True while training. */
  @property({ type: Boolean }) disabled = false;

  override render() {
    return html`<div class="grid">${SETTING_FIELDS.map((field) => this.#field(field))}</div>`;
  }

  #field(field: SettingField) {
    const error = this.errors[field];
    const describedBy = error ? `${field}-hint ${field}-error` : `${field}-hint`;
    return html`<div class="field">
      <label for=${field}>${SETTING_LABELS[field]}</label>
      <input
        id=${field}
        type="text"
        inputmode=${INPUT_MODES[field]}
        autocomplete="off"
        spellcheck="false"
        .value=${this.draft[field]}
        ?disabled=${this.disabled}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy}
        @input=${(event: Event) =>
          this.dispatchEvent(new SettingInputEvent(field, (event.target as HTMLInputElement).value))}
      />
      <p class="hint muted" id=${`${field}-hint`}>${HINTS[field]}</p>
      ${error ? html`<p class="error" id=${`${field}-error`}>${error}</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-train-settings': PetalTrainSettings;
  }
  interface HTMLElementEventMap {
    'petal-setting-input': SettingInputEvent;
  }
}
