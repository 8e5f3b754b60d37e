import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { downloadFile } from '../shared/download-file';
import type { CsvFileEvent } from '../shared/file-events';
import { controlStyles } from '../shared/theme';
import type { AppServices } from '../shell/app-services';
import { engineFailureReporter } from '../shell/engine-error-event';
import { BatchController, type BatchState, CANCELLED_MESSAGE, canScore } from './batch-controller';
import { batchJobs } from './batch-jobs';
import { progressPercent, scoreProgressText } from './score-progress-text';
import '../shared/petal-file-drop';
import './petal-batch-inspection';
import '../shared/petal-progress-bar';
import './petal-batch-results';
import './petal-drift-table';
import './petal-scored-rows';

/**
 * The Batch tab: choose a CSV, check its columns against the active model, score every row in the worker
 * with progress and Cancel, then read the summary, evaluation and drift report, browse the first scored
 * rows and download the scored CSV. State lives in {@link BatchController}.
 */
@customElement('petal-batch-panel')
export class PetalBatchPanel extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: grid;
        /* A wide table scrolls inside its card instead of widening the page. */
        grid-template-columns: minmax(0, 1fr);
        gap: var(--petal-gap);
      }
      .progress {
        margin-top: 1rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        margin-top: 1rem;
      }
      .card > * + * {
        margin-top: 0.75rem;
      }
    `,
  ];

  /** The app's bridge and registry. */
  @property({ attribute: false }) services?: AppServices;

  /** Engine crashes go to the shell's global alert; the next call that works clears it. */
  readonly #reportEngine = engineFailureReporter(this);

  readonly #batch = new BatchController(this, {
    jobs: () => (this.services ? batchJobs(this.services) : undefined),
    onCallSettled: (error) => this.#reportEngine(error),
    // After the next frame is drawn (a task queued from a frame callback runs after its paint), or after
    // 100 ms: a page hidden right after the click draws no frames, and scoring must not wait for it.
    afterPaint: () =>
      new Promise((resolve) => {
        requestAnimationFrame(() => setTimeout(resolve));
        setTimeout(resolve, 100);
      }),
  });

  override render() {
    const state = this.#batch.state;
    const scoring = state.phase === 'scoring';
    const problem = state.phase === 'invalid' || state.phase === 'failed' ? state.problem.message : '';
    return html`<section class="card" aria-labelledby="batch-heading">
        <h2 id="batch-heading">Score a CSV file</h2>
        <p class="muted">
          Every row is scored by the active model on this device. Columns are matched to the model's features by
          name, in any order; other columns are kept in the output.
        </p>
        <petal-file-drop
          label="CSV file to score"
          accept=".csv,.tsv,.txt,text/csv"
          .fileName=${state.phase === 'idle' ? '' : state.chosen.name}
          ?disabled=${scoring}
          @petal-csv-file=${(event: CsvFileEvent) => this.#batch.choose({ file: event.file, name: event.file.name })}
        ></petal-file-drop>
        ${state.phase === 'inspecting' ? html`<p role="status">Reading ${state.chosen.name}…</p>` : nothing}
        <div role="alert" class=${problem ? 'error' : ''}>
          ${state.phase === 'failed' ? `Scoring failed: ${problem}` : problem}
        </div>
        <petal-batch-inspection
          .inspection=${state.phase === 'idle' || state.phase === 'inspecting' ? null : state.inspection}
        ></petal-batch-inspection>
        <div class="actions">
          <button type="button" class="primary" ?disabled=${!canScore(state)} @click=${() => this.#batch.score()}>
            Score
          </button>
          <button type="button" ?disabled=${!scoring} @click=${() => this.#batch.cancel()}>Cancel</button>
          ${
            // A file in which no row could be scored has nothing worth downloading.
            state.phase === 'scored' && state.result.summary.scoredRows > 0
              ? html`<button
                type="button"
                @click=${() => downloadFile(state.result.outputName, state.result.output, 'text/csv')}
              >
                Download scored CSV
              </button>`
              : nothing
          }
        </div>
        ${
          scoring
            ? html`<petal-progress-bar
                class="progress"
                label="Scoring progress"
                .value=${progressPercent(state.progress)}
                .text=${scoreProgressText(state.progress)}
              ></petal-progress-bar>`
            : nothing
        }
        ${state.phase === 'cancelled' ? html`<p role="status">${CANCELLED_MESSAGE}</p>` : nothing}
      </section>
      ${this.#results(state)}`;
  }

  #results(state: BatchState) {
    if (state.phase !== 'scored') return nothing;
    const { summary, preview } = state.result;
    return html`<section class="card" aria-labelledby="batch-results-heading">
        <h2 id="batch-results-heading">Results for ${state.chosen.name}</h2>
        <petal-batch-results .summary=${summary}></petal-batch-results>
      </section>
      <section class="card" aria-labelledby="batch-drift-heading">
        <h2 id="batch-drift-heading">Drift</h2>
        <petal-drift-table .drift=${summary.drift}></petal-drift-table>
      </section>
      <section class="card" aria-labelledby="batch-rows-heading">
        <h2 id="batch-rows-heading">Preview of the scored file</h2>
        <petal-scored-rows
          .columns=${preview.header}
          .rows=${preview.rows}
          .total=${summary.rows}
          .hiddenColumns=${preview.columns - preview.header.length}
        ></petal-scored-rows>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-batch-panel': PetalBatchPanel;
  }
}
