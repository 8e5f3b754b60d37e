import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { controlStyles } from '../shared/theme';
import {
  ADVANCED_FIELDS,
  draftFromSettings,
  SETTING_LABELS,
  SETTING_UNITS,
  type SettingField,
  type SettingsDraft,
  type SettingsErrors,
} from './settings-form';
import '../shared/petal-help';

/** Fired on every keystroke in a settings field and on every change of a checkbox: the whole new draft. */
export class SettingsChangeEvent extends Event {
  constructor(readonly draft: SettingsDraft) {
    super('petal-settings-change', { bubbles: true, composed: true });
  }
}

/** Short help for each setting: what it does and what changing it costs or buys. */
const HELP: Readonly<Record<SettingField, string>> = {
  epochs:
    'How many times training goes through all the training rows. More epochs can fit the data better but take longer and can over-fit; with early stopping on, a high number is safe, as the run ends once it stops improving.',
  hidden:
    'The network’s hidden layers, input side first, as the number of units in each: “8” is one layer of 8, “64, 32” two layers. More units can learn more complex patterns but need more rows and time; leave it empty for no hidden layer (a linear model).',
  learningRate:
    'How big a step the optimiser (Adam) takes at each weight update. Too high and the loss jumps about or blows up; too low and training crawls. Values from 0.001 to 0.05 suit most data.',
  batchSize:
    'How many training rows each weight update looks at. Smaller batches update more often (noisier steps, often better on small data); larger ones give smoother steps and faster epochs.',
  testPercent:
    'The share of rows kept out of training altogether, the same share of each class, to measure the finished model honestly: the results are on these rows.',
  seed: 'The starting point of every random choice: the first weights, the order of rows, which rows are held out. The same data, settings and seed train the same model; try another seed to see how much the results vary.',
  patience:
    'How many epochs early stopping waits for the validation loss to improve before it ends the run. A higher value rides out noise on small data but runs longer.',
};

/** A format reminder under a field, where the value has a format to follow. */
const HINTS: Readonly<Partial<Record<SettingField, string>>> = {
  hidden: 'Units per layer, e.g. “8” or “64, 32”; empty for none.',
};

const INPUT_MODES: Readonly<Record<SettingField, string>> = {
  hidden: 'text',
  epochs: 'numeric',
  learningRate: 'decimal',
  batchSize: 'numeric',
  testPercent: 'decimal',
  seed: 'numeric',
  patience: 'numeric',
};

/**
 * The training settings form: Epochs and early stopping in view; the rest (network shape, learning rate,
 * batch size, test split, seed, patience) in an "Advanced settings" disclosure, closed until opened — or
 * until one of them is wrong, which opens it so the message is seen. Values stay strings as typed; the
 * panel validates them and passes back one message per wrong field, shown under it and tied to it with
 * aria-describedby and aria-invalid.
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
        grid-template-columns: repeat(auto-fill, minmax(min(13rem, 100%), 1fr));
        gap: 0.75rem 1rem;
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
        min-width: 0;
      }
      label {
        font-weight: 600;
      }
      .box {
        display: flex;
        align-items: center;
        gap: 0.4rem;
      }
      .box input {
        flex: 1;
        min-width: 0;
        /* A number or two of them: a phone-wide box for "60" looks like a text field. */
        max-width: 9rem;
      }
      .unit {
        color: var(--petal-muted);
        min-width: 3.2rem;
      }
      .hint {
        font-size: 0.85rem;
        margin: 0;
      }
      .check {
        display: flex;
        flex-direction: column;
        justify-content: end;
        gap: 0.2rem;
      }
      .check label {
        display: inline-flex;
        gap: 0.45rem;
        align-items: center;
      }
      .check input {
        width: 1.1rem;
        height: 1.1rem;
        accent-color: var(--petal-accent);
        margin: 0;
      }
      details {
        margin-top: 1rem;
        border-top: 1px solid var(--petal-border);
        padding-top: 0.6rem;
      }
      summary {
        cursor: pointer;
        font-weight: 600;
        padding: 0.2rem 0;
        width: fit-content;
      }
      /* The closed settings in a line of their own, under the title, rather than wrapped around it. */
      summary .values {
        display: block;
        font-weight: normal;
        font-size: 0.85rem;
        color: var(--petal-muted);
        margin-inline-start: 1.1rem;
      }
      details[open] summary .values {
        display: none;
      }
      details .grid {
        margin-top: 0.75rem;
      }
    `,
  ];

  /** What is typed in each field, and whether early stopping is on. */
  @property({ attribute: false }) draft: SettingsDraft = draftFromSettings();

  /** A message for each wrong field. */
  @property({ attribute: false }) errors: SettingsErrors = {};

  /** True while training. */
  @property({ type: Boolean }) disabled = false;

  /** The user opened "Advanced settings" (an error there opens it whatever this says). */
  @state() private advancedOpen = false;

  override render() {
    const advancedError = ADVANCED_FIELDS.some((field) => this.errors[field] !== undefined);
    return html`<div class="grid">
        ${this.#field('epochs')} ${this.#earlyStopping()}
      </div>
      <details
        .open=${live(this.advancedOpen || advancedError)}
        @toggle=${(event: Event) => {
          this.advancedOpen = (event.target as HTMLDetailsElement).open;
        }}
      >
        <summary>
          Advanced settings<span class="values">${this.#summary()}</span>
        </summary>
        <div class="grid">${ADVANCED_FIELDS.map((field) => this.#field(field))}</div>
      </details>`;
  }

  /** The advanced values in one line, so a closed disclosure still says what training will use. */
  #summary(): string {
    const { draft } = this;
    const hidden =
      draft.hidden.trim() === '' ? 'no hidden layer' : `hidden layers ${draft.hidden.trim()} units`;
    const parts = [
      hidden,
      `learning rate ${draft.learningRate.trim()}`,
      `batches of ${draft.batchSize.trim()} rows`,
      `test ${draft.testPercent.trim()}%`,
      `seed ${draft.seed.trim()}`,
    ];
    if (draft.earlyStopping) parts.push(`patience ${draft.patience.trim()} epochs`);
    return parts.join(' · ');
  }

  #earlyStopping() {
    return html`<div class="check">
      <div>
        <label>
          <input
            type="checkbox"
            .checked=${this.draft.earlyStopping}
            ?disabled=${this.disabled}
            aria-describedby="early-hint"
            @change=${(event: Event) =>
              this.#emit({ ...this.draft, earlyStopping: (event.target as HTMLInputElement).checked })}
          />
          Stop early
        </label>
        <petal-help topic="Stop early"
          >A fifth of the training rows (never the test rows) are set aside as validation rows. After each
          epoch the model is measured on them; when their loss has not improved for “Patience” epochs
          (under Advanced settings), training stops and the model goes back to its best epoch. Turn it off
          to always run every epoch.</petal-help
        >
      </div>
      <p class="hint muted" id="early-hint">When the validation loss stops improving.</p>
    </div>`;
  }

  #field(field: SettingField) {
    const error = this.errors[field];
    const unit = SETTING_UNITS[field];
    const hint = HINTS[field];
    const describedBy = [
      unit ? `${field}-unit` : '',
      hint ? `${field}-hint` : '',
      error ? `${field}-error` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const off = field === 'patience' && !this.draft.earlyStopping;
    return html`<div class="field">
      <div>
        <label for=${field}>${SETTING_LABELS[field]}</label>
        <petal-help topic=${SETTING_LABELS[field]}>${HELP[field]}</petal-help>
      </div>
      <div class="box">
        <input
          id=${field}
          type="text"
          inputmode=${INPUT_MODES[field]}
          autocomplete="off"
          spellcheck="false"
          .value=${live(this.draft[field])}
          ?disabled=${this.disabled || off}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          @input=${(event: Event) =>
            this.#emit({ ...this.draft, [field]: (event.target as HTMLInputElement).value })}
        />
        ${unit ? html`<span class="unit" id=${`${field}-unit`}>${unit}</span>` : nothing}
      </div>
      ${hint ? html`<p class="hint muted" id=${`${field}-hint`}>${hint}</p>` : nothing}
      ${off ? html`<p class="hint muted">Early stopping is off.</p>` : nothing}
      ${error ? html`<p class="error" id=${`${field}-error`}>${error}</p>` : nothing}
    </div>`;
  }

  #emit(draft: SettingsDraft): void {
    this.dispatchEvent(new SettingsChangeEvent(draft));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-train-settings': PetalTrainSettings;
  }
  interface HTMLElementEventMap {
    'petal-settings-change': SettingsChangeEvent;
  }
}
