import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
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
import '../shared/petal-progress-bar';

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
      petal-progress-bar {
        margin-top: 1rem;
        max-width: 32rem;
      }
      h2:focus {
        outline: none;
      }
      /* Scrolled to, the results card shows its top edge too. */
      #compare-results-heading {
        scroll-margin-top: 1.5rem;
      }
    `,
  ];

  /** The app's bridge and registry. */
  @property({ attribute: false }) services?: AppServices;

  @state() private choice: DataChoice = 'bundled';
  @state() private file: File | null = null;
  @state() private draft: CompareDraft = DEFAULT_DRAFT;
  @state() private errors: DraftErrors = {};

  @query('#compare-results-heading') private resultsHeading?: HTMLElement;

  /** The phase the last render showed, to move focus once per change of phase. */
  #shownPhase: CompareState['phase'] = 'idle';

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
          <button id="compare" type="button" class="primary" ?disabled=${running} @click=${this.#run}>
            Compare
          </button>
          <button id="cancel" type="button" ?disabled=${!running} @click=${() => this.#compare.cancel()}>
            Cancel
          </button>
        </div>
        ${running ? this.#progress(state) : nothing}
      </section>
      ${this.#status(state)}`;
  }

  /** Where the user looks after each step: Cancel while it runs, then the results, or Compare again. */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const phase = this.#compare.state.phase;
    if (phase === this.#shownPhase) return;
    this.#shownPhase = phase;
    if (phase === 'running') this.renderRoot.querySelector<HTMLButtonElement>('#cancel')?.focus();
    else if (phase === 'done') void this.#showResults();
    else if (phase === 'stopped' || phase === 'failed') {
      this.renderRoot.querySelector<HTMLButtonElement>('#compare')?.focus();
    }
  }

  /**
   * Brings the results to the top of the view (the best, then the table) rather than leaving their heading
   * at its bottom edge, then focuses the heading. The results draw themselves a moment later: until then
   * the page may be too short to scroll that far.
   */
  async #showResults(): Promise<void> {
    await this.renderRoot.querySelector('petal-compare-results')?.updateComplete;
    const heading = this.resultsHeading;
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }

  #progress(state: Extract<CompareState, { phase: 'running' }>) {
    const p = state.progress;
    // One step per fold of each algorithm (folds × repeats of them).
    const total = p ? p.algorithms * p.of : 1;
    const done = p ? p.algorithm * p.of + p.fold - 1 : 0;
    const text = p
      ? `Algorithm ${p.algorithm + 1} of ${p.algorithms}, ${p.name}: fold ${p.fold} of ${p.of}`
      : 'Reading the data…';
    return html`<petal-progress-bar
      label="Comparison progress"
      .value=${done}
      .max=${total}
      .text=${text}
    ></petal-progress-bar>`;
  }

  #status(state: CompareState) {
    switch (state.phase) {
      case 'done':
        return html`<section class="card" aria-labelledby="compare-results-heading">
          <h2 id="compare-results-heading" tabindex="-1">Results</h2>
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
