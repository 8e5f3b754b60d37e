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
      .kind {
        min-width: 11rem;
      }
      .kind label {
        font-weight: 600;
      }
      /* Inline blocks, not flex boxes: an opened help's text drops below its setting at full width. */
      .setting {
        display: inline-block;
      }
      .setting > input,
      .setting > select {
        margin-inline-start: 0.35rem;
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
            ><petal-help topic="Votes">${SETTING_HELP.weighting}</petal-help>`,
        )}
        ${this.#algorithm('logistic-regression', this.#text('c', 'C', 'Logistic regression C'))}
        ${this.#algorithm('random-forest', this.#number('trees', 'Trees', 'Random forest trees'))}
      </fieldset>
      <fieldset ?disabled=${this.disabled} class="protocol">
        <legend>
          Repeated stratified k-fold cross-validation<petal-help topic="Repeated stratified k-fold"
            >Every algorithm is trained and tested on the same splits of the rows, never tested on rows it
            learnt from. Folds × repeats models are made per algorithm; the table shows their average and
            spread.</petal-help
          >
        </legend>
        ${this.#number('folds', 'Folds', 'Folds')} ${this.#number('repeats', 'Repeats', 'Repeats')}
      </fieldset>
      ${this.#errorList()}`;
  }

  #algorithm(kind: ClassifierKind, settings: unknown) {
    const d = this.draft;
    return html`<div class="algorithm">
      <span class="kind"><label
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
      ><petal-help topic=${ALGORITHM_LABELS[kind]}>${ALGORITHM_HELP[kind]}</petal-help></span>
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
      /><petal-help topic=${name}>${SETTING_HELP[field]}</petal-help></span
    >`;
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
