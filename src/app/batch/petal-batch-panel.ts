import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { quoted, quotedList } from '../../core/short-text';
import type { LoadedModel, ModelSnapshot } from '../models/model-store';
import { downloadFile } from '../shared/download-file';
import type { CsvFileEvent } from '../shared/file-events';
import { controlStyles } from '../shared/theme';
import type { AppServices } from '../shell/app-services';
import { engineFailureReporter } from '../shell/engine-error-event';
import { BatchController, type BatchState, CANCELLED_MESSAGE, canScore } from './batch-controller';
import { batchJobs } from './batch-jobs';
import { type BatchModel, modelName } from './batch-model';
import { sampleCsv, templateCsv, templateFileName } from './csv-template';
import { predictionsFirst } from './predictions-first';
import { progressPercent, scoreProgressText } from './score-progress-text';
import { nothingScored } from './summary-facts';
import '../shared/petal-file-drop';
// <petal-model-picker> is defined with the Predict tab, which the shell always loads first. Importing
// it (or the registry controller) here too made the bundler split those first-load modules into chunks
// shared with this one: about 1.3 KB more first-load JavaScript (gzip), measured.
import './petal-batch-inspection';
import '../shared/petal-progress-bar';
import './petal-batch-results';
import './petal-drift-table';
import './petal-scored-rows';

/**
 * The Batch tab: pick the model (the active one), see the columns it reads and download a template or a
 * sample file of them, choose a CSV, check its columns against the model, score every row in the worker
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
      .columns {
        overflow-wrap: anywhere;
      }
      .note {
        font-size: 0.9rem;
      }
    `,
  ];

  /** The app's bridge and registry. */
  @property({ attribute: false }) services?: AppServices;

  /** Engine crashes go to the shell's global alert; the next call that works clears it. */
  readonly #reportEngine = engineFailureReporter(this);

  /** The saved versions and the model loaded in the worker, as the shell follows them. */
  @property({ attribute: false }) models: ModelSnapshot | null = null;

  readonly #batch = new BatchController(this, {
    jobs: () => (this.services ? batchJobs(this.services) : undefined),
    model: () => {
      const loaded = this.#loaded();
      return loaded ? batchModel(loaded) : null;
    },
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
    const loaded = this.#loaded();
    return html`<section class="card" aria-labelledby="batch-heading">
        <h2 id="batch-heading">Score a CSV file</h2>
        <p class="muted">
          Every row is scored by the chosen model on this device. Columns are matched to the model's features by
          name, in any order; other columns are kept in the output.
        </p>
        <petal-model-picker .services=${this.services} ?disabled=${scoring}></petal-model-picker>
        ${loaded ? this.#expected(loaded) : nothing}
        <petal-file-drop
          label="CSV file to score"
          accept=".csv,.tsv,.txt,text/csv"
          .fileName=${state.phase === 'idle' ? '' : state.chosen.name}
          ?disabled=${scoring}
          @petal-csv-file=${(event: CsvFileEvent) => this.#batch.choose({ file: event.file, name: event.file.name })}
        ></petal-file-drop>
        ${
          state.phase === 'inspecting'
            ? html`<p role="status">
                ${state.model ? `Reading ${state.chosen.name}…` : `${state.chosen.name} will be read once the model is loaded…`}
              </p>`
            : nothing
        }
        <div role="alert" tabindex="-1" class=${problem ? 'error' : ''}>
          ${state.phase === 'failed' ? `Scoring failed: ${problem}` : problem}
        </div>
        <petal-batch-inspection
          .inspection=${state.phase === 'idle' || state.phase === 'inspecting' ? null : state.inspection}
        ></petal-batch-inspection>
        <div class="actions">
          <button
            type="button"
            class="primary"
            ?disabled=${!canScore(state) || !loaded}
            @click=${() => void this.#score()}
          >
            Score
          </button>
          <button type="button" class="cancel" ?disabled=${!scoring} @click=${() => this.#batch.cancel()}>
            Cancel
          </button>
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

  /** The model loaded in the worker; null while another one is being loaded into it. */
  #loaded(): LoadedModel | null {
    return (!this.models?.switching && this.models?.loaded) || null;
  }

  /** The columns the model reads, and the two files that show them. */
  #expected(loaded: LoadedModel) {
    const { schema } = loaded.metadata;
    const { version } = loaded.version;
    return html`<p class="columns">
        This model reads ${schema.features.length === 1 ? 'one column:' : `${schema.features.length.toLocaleString('en')} columns:`}
        ${quotedList(schema.features)}. A ${quoted(schema.label)} column is optional: with it, the file's accuracy
        is measured.
      </p>
      <div class="actions">
        <button
          type="button"
          @click=${() => downloadFile(templateFileName(version, 'template'), templateCsv(schema), 'text/csv')}
        >
          Download a CSV template
        </button>
        <button
          type="button"
          @click=${() =>
            downloadFile(
              templateFileName(version, 'sample'),
              sampleCsv(loaded.metadata, loaded.sample),
              'text/csv',
            )}
        >
          Download a sample file
        </button>
      </div>`;
  }

  /**
   * Score, with the focus where the run is: on Cancel while it runs (Score turns disabled, which would
   * drop the focus to the page), then on the results' heading, the failure, or Score again after a cancel.
   * The outcome takes the focus only from Cancel or the page, never from where the user moved it.
   */
  async #score(): Promise<void> {
    const run = this.#batch.score();
    await this.updateComplete;
    this.#button('button.cancel')?.focus();
    await run;
    await this.updateComplete;
    const here = this.renderRoot as ShadowRoot;
    const left = document.activeElement === document.body || here.activeElement?.matches('button.cancel');
    if (!left) return;
    const phase = this.#batch.state.phase;
    const target =
      phase === 'scored'
        ? here.querySelector<HTMLElement>('#batch-results-heading')
        : phase === 'failed' || phase === 'invalid'
          ? here.querySelector<HTMLElement>('[role="alert"]')
          : this.#button('button.primary');
    target?.focus();
    if (phase === 'scored') target?.scrollIntoView({ block: 'start' });
  }

  #button(selector: string): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>(selector);
  }

  /**
   * The results: the summary, then the drift report and the first rows of the scored file. A file in which
   * no row could be scored has neither (no batch figure to compare, no prediction to show): the summary
   * says why, and the chosen file's first rows are above.
   */
  #results(state: BatchState) {
    if (state.phase !== 'scored') return nothing;
    const { summary, preview } = state.result;
    // At most a few hundred cells, reordered at each render of a scored file.
    const shown = predictionsFirst(preview, summary);
    const active = this.#batch.model();
    return html`<section class="card" aria-labelledby="batch-results-heading">
        <h2 id="batch-results-heading" tabindex="-1">Results for ${state.chosen.name}</h2>
        <p>
          Scored by model ${modelName(state.model)}.${
            active && active.id !== state.model.id
              ? ` The active model is now ${modelName(active)}: press Score to score the file with it.`
              : ''
          }
        </p>
        <petal-batch-results .summary=${summary}></petal-batch-results>
      </section>
      ${
        nothingScored(summary)
          ? nothing
          : html`<section class="card" aria-labelledby="batch-drift-heading">
              <h2 id="batch-drift-heading">Drift</h2>
              <petal-drift-table .drift=${summary.drift}></petal-drift-table>
            </section>
            <section class="card" aria-labelledby="batch-rows-heading">
              <h2 id="batch-rows-heading">Preview of the scored file</h2>
              <p class="muted note">
                Petal's columns come first here, probabilities rounded. The downloaded file keeps the file's
                columns in their order, then Petal's, in full.
              </p>
              <petal-scored-rows
                .columns=${shown.header}
                .rows=${shown.rows}
                .total=${summary.rows}
                .hiddenColumns=${preview.columns - preview.header.length}
              ></petal-scored-rows>
            </section>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-batch-panel': PetalBatchPanel;
  }
}

/** The loaded version as the Batch tab names it. */
function batchModel(loaded: LoadedModel): BatchModel {
  const { id, version, name } = loaded.version;
  return { id, version, name };
}
