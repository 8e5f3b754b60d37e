import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ClassifierKind } from '../../core/classifiers/classifier-spec';
import { controlStyles } from '../shared/theme';
import {
  ALGORITHM_LABELS,
  type CompareDraft,
  DEFAULT_DRAFT,
  type DraftErrors,
  type DraftField,
} from './algorithm-draft';

/** Fired with the whole new draft whenever a checkbox or setting changes. */
export class CompareDraftEvent extends Event {
  constructor(readonly draft: CompareDraft) {
    super('petal-compare-draft', { bubbles: true, composed: true });
  }
}

/**
 * The Compare form's choices: a checkbox per algorithm with its key settings beside it, then folds and
 * repeats. Dumb: renders the draft and its errors, dispatches the edited draft.
 */
@customElement('petal-compare-algorithms')
export class PetalCompareAlgorithms extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0 0 0.75rem;
      }
      legend {
        font-weight: 600;
        margin-bottom: 0.35rem;
        padding: 0;
      }
      .algorithm {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem 1rem;
        padding: 0.4rem 0;
        border-bottom: 1px solid var(--petal-border);
      }
      .algorithm > label:first-child {
        min-width: 11rem;
        font-weight: 600;
      }
      .setting {
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
      }
      input[type='text'],
      input[type='number'] {
        width: 6.5rem;
      }
      .protocol {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
      }
    `,
  ];

  /** The form's values as typed. */
  @property({ attribute: false }) draft: CompareDraft = DEFAULT_DRAFT;

  /** A message per invalid field, shown under the form. */
  @property({ attribute: false }) errors: DraftErrors = {};

  /** True while a comparison runs. */
  @property({ type: Boolean }) disabled = false;

  override render() {
    const d = this.draft;
    return html`<fieldset ?disabled=${this.disabled}>
        <legend>Algorithms</legend>
        ${this.#algorithm(
          'dense-network',
          html`${this.#text('hidden', 'Hidden layers', 'Dense network hidden layers')}
          ${this.#number('epochs', 'Epochs', 'Dense network epochs')}`,
        )}
        ${this.#algorithm(
          'knn',
          html`${this.#number('k', 'k', 'k-NN neighbours (k)')}
            <label class="setting"
              >Votes
              <select
                aria-label="k-NN votes"
                .value=${d.weighting}
                @change=${(event: Event) =>
                  this.#emit({
                    ...d,
                    weighting:
                      (event.target as HTMLSelectElement).value === 'distance' ? 'distance' : 'uniform',
                  })}
              >
                <option value="uniform" ?selected=${d.weighting === 'uniform'}>uniform</option>
                <option value="distance" ?selected=${d.weighting === 'distance'}>by distance</option>
              </select></label
            >`,
        )}
        ${this.#algorithm('logistic-regression', this.#text('c', 'C', 'Logistic regression C'))}
        ${this.#algorithm('random-forest', this.#number('trees', 'Trees', 'Random forest trees'))}
      </fieldset>
      <fieldset ?disabled=${this.disabled} class="protocol">
        <legend>Repeated stratified k-fold cross-validation</legend>
        ${this.#number('folds', 'Folds', 'Folds')} ${this.#number('repeats', 'Repeats', 'Repeats')}
      </fieldset>
      ${this.#errorList()}`;
  }

  #algorithm(kind: ClassifierKind, settings: unknown) {
    const d = this.draft;
    return html`<div class="algorithm">
      <label
        ><input
          type="checkbox"
          .checked=${d.enabled[kind]}
          @change=${(event: Event) =>
            this.#emit({
              ...d,
              enabled: { ...d.enabled, [kind]: (event.target as HTMLInputElement).checked },
            })}
        />
        ${ALGORITHM_LABELS[kind]}</label
      >
      ${settings}
    </div>`;
  }

  #text(field: DraftField, label: string, name: string) {
    return this.#input(field, label, name, 'text');
  }

  #number(field: DraftField, label: string, name: string) {
    return this.#input(field, label, name, 'number');
  }

  #input(field: DraftField, label: string, name: string, type: 'text' | 'number') {
    const error = this.errors[field];
    // The visible word is not a <label>: hidden tabs stay in the page, and another tab's "Epochs" field
    // must stay the only one labelled exactly that. The aria-label names the algorithm as well.
    return html`<span class="setting"
      >${label}
      <input
        type=${type}
        aria-label=${name}
        .value=${this.draft[field]}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `error-${field}` : nothing}
        @input=${(event: Event) => this.#emit({ ...this.draft, [field]: (event.target as HTMLInputElement).value })}
    /></span>`;
  }

  #errorList() {
    const entries = Object.entries(this.errors) as [DraftField | 'algorithms', string][];
    if (entries.length === 0) return nothing;
    return html`${entries.map(([field, message]) => html`<p class="error" id=${`error-${field}`}>${message}</p>`)}`;
  }

  #emit(draft: CompareDraft): void {
    this.dispatchEvent(new CompareDraftEvent(draft));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-compare-algorithms': PetalCompareAlgorithms;
  }
  interface HTMLElementEventMap {
    'petal-compare-draft': CompareDraftEvent;
  }
}
