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
import '../shared/petal-help';

/** What each algorithm does, in a sentence: the help beside its name. */
const ALGORITHM_HELP: Readonly<Record<ClassifierKind, string>> = {
  'dense-network':
    'A small neural network: layers of weighted sums learnt over several passes. Flexible, slower to train.',
  knn: 'k nearest neighbours: predicts from the training rows most like the input. Nothing to train, but it keeps every row.',
  'logistic-regression':
    'One weighted sum per class turned into probabilities. Fast and steady; it draws straight boundaries between classes.',
  'random-forest':
    'Many decision trees, each grown on a random resample of the rows, vote together. Handles mixed columns well.',
};

/** Short help for each setting, beside its field. */
const SETTING_HELP: Readonly<Record<DraftField | 'weighting', string>> = {
  hidden:
    'Neurons per hidden layer, separated by commas: "8" is one layer of 8, "64, 32" two layers. More can learn more complex patterns, but train slower and may overfit.',
  epochs: 'Passes over the training rows. Too few underfits; too many takes longer and may overfit.',
  k: 'How many nearest training rows vote on each prediction. A small k follows the data closely; a larger k smooths out noise.',
  weighting: 'Uniform: each of the k neighbours counts the same. By distance: nearer neighbours count more.',
  c: 'Regularisation, inverted: a small C keeps the weights small (a simpler, steadier model); a large C fits the training rows more closely. 1 is a sound start.',
  trees:
    'How many trees vote. More trees give steadier answers but a larger, slower model. Each split in a tree looks at a random √(number of features) of the columns (√features per split), so the trees differ.',
  folds:
    'The rows are dealt into this many folds, each with the same mix of classes. Each fold in turn is held out to test a model trained on the others.',
  repeats:
    'How many times the folds are dealt again, shuffled differently. The figures are averaged over folds × repeats models, so they depend less on one lucky split.',
};

/** Fired with the whole new draft whenever a checkbox or setting changes. */
export class CompareDraftEvent extends Event {
  constructor(readonly draft: CompareDraft) {
    super('petal-compare-draft', { bubbles: true, composed: true });
  }
}

/**
 * The Compare form's choices: a row per algorithm (its checkbox, then its key settings), then folds and
 * repeats. Dumb: renders the draft and its errors, dispatches the edited draft.
 *
 * Every setting is the same width, its word in a label column and its field after it, so the fields and
 * their "?" line up down the form: on a laptop the names take a column of their own and the settings
 * two columns beside them; on a phone or a narrow window (a container under 51rem) the name heads its
 * row and the settings stand one under another.
 */
@customElement('petal-compare-algorithms')
export class PetalCompareAlgorithms extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        container-type: inline-size;
        /* Clear of the file drop zone above. */
        margin-top: 1rem;
        --label: 8rem;
        --field: 7.5rem;
        /* The "?" after a field: its 1.35rem button and 0.3rem margin. */
        --help: 1.65rem;
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0;
        min-width: 0;
      }
      legend {
        font-weight: 600;
        margin-bottom: 0.35rem;
        padding: 0;
      }
      .row {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        align-items: start;
        gap: 0.5rem 1.5rem;
        padding: 0.5rem 0;
        border-bottom: 1px solid var(--petal-border);
      }
      .row.protocol {
        border-bottom: 0;
        margin-top: 0.5rem;
      }
      /* The name, its first line centred on the fields' line beside it (2.25rem high); inline, so its "?"
         follows the last word however the name wraps. */
      .kind {
        padding-block: 0.4rem;
        font-weight: 600;
      }
      .kind input {
        margin: 0 0.4rem 0 0;
      }
      /* A block, so an opened help's text drops below its setting, as wide as the setting. */
      .setting {
        min-width: 0;
      }
      .setting .label {
        display: inline-block;
        width: var(--label);
        padding-inline-end: 0.5rem;
        vertical-align: middle;
      }
      .setting input,
      .setting select {
        width: var(--field);
        /* A 320 px phone leaves less than the two columns: the field gives way, not the page. */
        max-width: calc(100% - var(--label) - var(--help));
        vertical-align: middle;
      }
      .nowrap {
        white-space: nowrap;
      }
      /* Room for the names' column and two settings' (50.5rem), else the phone's layout. */
      @container (min-width: 51rem) {
        .row {
          grid-template-columns: 15rem repeat(2, calc(var(--label) + var(--field) + var(--help)));
          column-gap: 1.25rem;
        }
        .setting input,
        .setting select {
          max-width: none;
        }
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
          html`${this.#input('hidden', 'Hidden layers', 'Dense network hidden layers', 'text')}
          ${this.#input('epochs', 'Epochs', 'Dense network epochs', 'number')}`,
        )}
        ${this.#algorithm(
          'knn',
          html`${this.#input('k', 'k', 'k-NN neighbours (k)', 'number')}
          ${this.#setting(
            'Votes',
            html`<select
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
            </select>`,
            'k-NN votes',
            SETTING_HELP.weighting,
          )}`,
        )}
        ${this.#algorithm('logistic-regression', this.#input('c', 'C', 'Logistic regression C', 'text'))}
        ${this.#algorithm('random-forest', this.#input('trees', 'Trees', 'Random forest trees', 'number'))}
      </fieldset>
      <fieldset
        ?disabled=${this.disabled}
        class="row protocol"
        aria-label="Repeated stratified k-fold cross-validation"
      >
        <span class="kind"
          >Repeated stratified <span class="nowrap">k-fold</span>
          <span class="nowrap"
            >cross-validation<petal-help topic="Repeated stratified k-fold"
              >Every algorithm is trained and tested on the same splits of the rows, never tested on rows it
              learnt from. Folds × repeats models are made per algorithm; the table shows their average and
              spread.</petal-help
            ></span
          ></span
        >
        ${this.#input('folds', 'Folds', 'Folds', 'number')} ${this.#input('repeats', 'Repeats', 'Repeats', 'number')}
      </fieldset>
      ${this.#errorList()}`;
  }

  #algorithm(kind: ClassifierKind, settings: unknown) {
    const d = this.draft;
    return html`<div class="row">
      <span class="kind"
        ><label
          ><input
            type="checkbox"
            .checked=${d.enabled[kind]}
            @change=${(event: Event) =>
              this.#emit({
                ...d,
                enabled: { ...d.enabled, [kind]: (event.target as HTMLInputElement).checked },
              })}
          />${ALGORITHM_LABELS[kind]}</label
        ><petal-help topic=${ALGORITHM_LABELS[kind]}>${ALGORITHM_HELP[kind]}</petal-help></span
      >
      ${settings}
    </div>`;
  }

  /** One setting: its word in the label column, its field, its help. */
  #setting(label: string, field: unknown, topic: string, help: string) {
    return html`<div class="setting">
      <span class="label">${label}</span>${field}<petal-help topic=${topic}>${help}</petal-help>
    </div>`;
  }

  #input(field: DraftField, label: string, name: string, type: 'text' | 'number') {
    const error = this.errors[field];
    // The visible word is not a <label>: hidden tabs stay in the page, and another tab's "Epochs" field
    // must stay the only one labelled exactly that. The aria-label names the algorithm as well.
    return this.#setting(
      label,
      html`<input
        type=${type}
        aria-label=${name}
        .value=${this.draft[field]}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `error-${field}` : nothing}
        @input=${(event: Event) => this.#emit({ ...this.draft, [field]: (event.target as HTMLInputElement).value })}
      />`,
      name,
      SETTING_HELP[field],
    );
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
