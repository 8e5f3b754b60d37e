import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DEFAULT_RUN_SETTINGS } from '../../core/train-settings';
import type { CsvFileEvent } from '../shared/file-events';
import type { DataChoice, DataChoiceEvent } from '../shared/petal-data-source';
import { controlStyles } from '../shared/theme';
import type { AppServices } from '../shell/app-services';
import { engineFailureReporter } from '../shell/engine-error-event';
import type { DataSource } from '../worker-bridge/protocol';
import { type CompareDraft, checkDraft, DEFAULT_DRAFT, type DraftErrors } from './algorithm-draft';
import { COMPARE_STOPPED_MESSAGE, CompareController, type CompareState } from './compare-controller';
import { comparePorts } from './compare-ports';
import type { CompareDraftEvent } from './petal-compare-algorithms';
import type { SaveComparedEvent } from './petal-compare-results';
import './petal-compare-algorithms';
import './petal-compare-results';
import '../shared/petal-data-source';

/**
 * The Compare tab: choose data and algorithms, run the same repeated stratified k-fold cross-validation
 * for each in the worker (progress, Cancel), read the table and chart, and save any algorithm as a new
 * version. State lives in {@link CompareController}; this element wires its sub-elements to it.
 */
@customElement('petal-compare-panel')
export class PetalComparePanel extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: grid;
        /* A wide table scrolls inside its card instead of widening the page. */
        grid-template-columns: minmax(0, 1fr);
        gap: var(--petal-gap);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem;
        margin-top: 1rem;
      }
      progress {
        width: min(100%, 24rem);
      }
    `,
  ];

  /** The app's bridge and registry. */
  @property({ attribute: false }) services?: AppServices;

  @state() private choice: DataChoice = 'bundled';
  @state() private file: File | null = null;
  @state() private draft: CompareDraft = DEFAULT_DRAFT;
  @state() private errors: DraftErrors = {};

  readonly #reportEngine = engineFailureReporter(this);

  readonly #compare = new CompareController(this, {
    ports: () => (this.services ? comparePorts(this.services) : undefined),
    onCallSettled: (error) => this.#reportEngine(error),
  });

  override render() {
    const state = this.#compare.state;
    const running = state.phase === 'running';
    return html`<section class="card" aria-labelledby="compare-heading">
        <h2 id="compare-heading">Compare algorithms</h2>
        <petal-data-source
          legend="Data to compare on"
          file-label="CSV file to compare on"
          .choice=${this.choice}
          .fileName=${this.file?.name ?? ''}
          ?disabled=${running}
          @petal-data-choice=${(event: DataChoiceEvent) => {
            this.choice = event.choice;
          }}
          @petal-csv-file=${(event: CsvFileEvent) => {
            this.file = event.file;
            this.choice = 'file';
          }}
        ></petal-data-source>
        <petal-compare-algorithms
          .draft=${this.draft}
          .errors=${this.errors}
          ?disabled=${running}
          @petal-compare-draft=${(event: CompareDraftEvent) => {
            this.draft = event.draft;
            if (Object.keys(this.errors).length > 0) {
              const checked = checkDraft(event.draft);
              this.errors = checked.ok ? {} : checked.errors;
            }
          }}
        ></petal-compare-algorithms>
        <div class="actions">
          <button type="button" class="primary" ?disabled=${running} @click=${this.#run}>Compare</button>
          <button type="button" ?disabled=${!running} @click=${() => this.#compare.cancel()}>Cancel</button>
        </div>
      </section>
      ${this.#status(state)}`;
  }

  #status(state: CompareState) {
    switch (state.phase) {
      case 'running': {
        const p = state.progress;
        const total = p ? p.algorithms * p.of : 1;
        const done = p ? p.algorithm * p.of + p.fold - 1 : 0;
        const text = p ? `${p.name}: fold ${p.fold} of ${p.of}` : 'Reading the data…';
        return html`<section class="card" aria-labelledby="compare-run-heading">
          <h2 id="compare-run-heading">Comparing</h2>
          <progress aria-label="Comparison progress" max=${total} .value=${done}></progress>
          <p role="status">${p ? `Algorithm ${p.algorithm + 1} of ${p.algorithms}, ` : ''}${text}</p>
        </section>`;
      }
      case 'done':
        return html`<section class="card" aria-labelledby="compare-results-heading">
          <h2 id="compare-results-heading">Results</h2>
          <petal-compare-results
            .result=${state.result}
            .saves=${state.saves}
            @petal-save-compared=${(event: SaveComparedEvent) => this.#compare.save(event.index)}
          ></petal-compare-results>
        </section>`;
      case 'failed':
        return html`<section class="card">
          <p role="alert" class="error">
            Comparison failed: ${state.problem.message}
          </p>
        </section>`;
      case 'stopped':
        return html`<section class="card"><p role="status">${COMPARE_STOPPED_MESSAGE}</p></section>`;
      default:
        return nothing;
    }
  }

  #source(): DataSource | undefined {
    if (this.choice === 'file') {
      return this.file ? { kind: 'file', file: this.file, name: this.file.name } : undefined;
    }
    return { kind: 'url', url: new URL('data/iris.csv', document.baseURI).href, name: 'iris.csv' };
  }

  #run = (): void => {
    const checked = checkDraft(this.draft);
    const source = this.#source();
    if (!checked.ok) {
      this.errors = checked.errors;
      return;
    }
    this.errors = source ? {} : { algorithms: 'Choose a CSV file to compare on, or the bundled iris data.' };
    if (!source) return;
    void this.#compare.compare({
      source,
      specs: checked.specs,
      folds: checked.folds,
      repeats: checked.repeats,
      seed: DEFAULT_RUN_SETTINGS.seed,
    });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-compare-panel': PetalComparePanel;
  }
}
