import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ModelSnapshot } from '../models/model-store';
import type { CsvFileEvent } from '../shared/file-events';
import type { DataChoice, DataChoiceEvent } from '../shared/petal-data-source';
import { controlStyles } from '../shared/theme';
import { progressText } from '../shared/time-left';
import type { AppServices } from '../shell/app-services';
import { engineFailureReporter } from '../shell/engine-error-event';
import { liveAxisEnd } from './curve-axis';
import type { FinishedRun } from './last-run';
import type { BalanceClassesEvent } from './petal-class-balance';
import type { ColumnUseEvent } from './petal-columns-table';
import type { SettingsChangeEvent } from './petal-train-settings';
import { type KeptNow, keptNow } from './run-text';
import { checkSettings, draftFromSettings, type SettingsDraft, type SettingsErrors } from './settings-form';
import { shownInspection, type TrainState, trainableData } from './train-state';
import { STOPPED_MESSAGE, TrainingController } from './training-controller';
import { trainingPorts } from './training-ports';
import './petal-csv-preview';
import '../shared/petal-data-source';
import './petal-train-settings';
import './petal-training-curves';
import '../shared/petal-progress-bar';
import './petal-training-results';

const NO_ERRORS: SettingsErrors = {};

/** The bundled training data, beside the app's own files. */
function bundledSource() {
  return { kind: 'url', url: new URL('data/iris.csv', document.baseURI).href, name: 'iris.csv' } as const;
}

/**
 * The Train tab: choose data, check what was read, set the settings, train with live curves, read the
 * results and keep the model as a new version. State lives in {@link TrainingController}; this element
 * only wires its sub-elements to it.
 */
@customElement('petal-train-panel')
export class PetalTrainPanel extends LitElement {
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
        gap: 0.75rem;
        margin-top: 1rem;
      }
      .run > * + * {
        margin-top: 1rem;
      }
      .hint {
        font-size: 0.85rem;
        margin: 0.5rem 0 0;
      }
      .progress {
        margin-top: 0.75rem;
      }
      /*
       * On a laptop the settings sit beside the data, held in view while the columns are read, so Train
       * is on the first screen (one column put it ~1,700 px down at 1366 px); the run spans both below.
       */
      .setup {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: var(--petal-gap);
      }
      @media (min-width: 64rem) {
        /* The run is outside .setup, so the held settings card never slides over it. */
        .setup {
          grid-template-columns: minmax(0, 1fr) minmax(19rem, 23rem);
          align-items: start;
        }
        .settings {
          position: sticky;
          top: var(--petal-gap);
        }
      }
    `,
  ];

  /** The app's bridge and registry. */
  @property({ attribute: false }) services?: AppServices;

  /** The saved models as the app has them, to say what became of a kept run's version. */
  @property({ attribute: false }) models?: ModelSnapshot;

  @state() private choice: DataChoice = 'bundled';
  @state() private file: File | null = null;
  @state() private draft: SettingsDraft = draftFromSettings();

  /** Engine crashes go to the shell's global alert; the next call that works clears it. */
  readonly #reportEngine = engineFailureReporter(this);

  readonly #training = new TrainingController(this, {
    ports: () => (this.services ? trainingPorts(this.services) : undefined),
    onCallSettled: (error) => this.#reportEngine(error),
  });

  /** The run's phase at the last render, to answer a change of phase where the user looks. */
  #shownPhase: TrainState['phase'] = 'idle';

  /**
   * Every action answers where the user looks: when a run starts, focus moves from Train (now disabled) to
   * Stop, and the progress shows under it, in view; when it ends, focus moves to the run card's heading
   * (read out by screen readers) and the card comes into view.
   */
  protected override updated(): void {
    const phase = this.#training.state.phase;
    if (phase === this.#shownPhase) return;
    const was = this.#shownPhase;
    this.#shownPhase = phase;
    const run = this.renderRoot.querySelector<HTMLElement>('.run');
    if (phase === 'training') {
      this.renderRoot.querySelector<HTMLButtonElement>('button.stop')?.focus({ preventScroll: true });
      // The progress is right under Stop, brought into view (a minimal scroll, at once) where the button
      // was near the bottom edge. The curves below are a scroll away; scrolling to them would take Stop and
      // the progress out of view (side by side, the curves are under the data).
      this.renderRoot.querySelector('.progress')?.scrollIntoView({ block: 'nearest' });
    } else if (was === 'training' && run) {
      run.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
      // A frame later, once the results' own elements have drawn: scrolled in this same task, Chromium
      // left the results below the fold (seen at 390 px, after both a finished and a stopped-and-kept run).
      requestAnimationFrame(() => run.scrollIntoView({ block: 'start', behavior: 'smooth' }));
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The bundled data is read as soon as the services exist, so the tab opens ready to train; the last
    // run is read back too, so a reload shows its results as they were.
    if (changed.has('services') && this.services && this.#training.state.phase === 'idle') {
      this.#useChoice(this.choice);
      void this.#training.restore().then((run) => this.#settingsOf(run));
    }
  }

  /**
   * The settings a restored run was trained with, in the form, so the settings and the results below them
   * agree after a reload; only while the form still holds the defaults (never over what the user typed).
   */
  #settingsOf(run: FinishedRun | null): void {
    const metadata = run?.result.bundle.modelJson.userDefinedMetadata.petal;
    if (metadata?.kind !== 'dense-network') return;
    if (JSON.stringify(this.draft) !== JSON.stringify(draftFromSettings())) return;
    this.draft = draftFromSettings(metadata.settings);
  }

  override render() {
    const state = this.#training.state;
    const training = state.phase === 'training';
    const check = checkSettings(this.draft);
    const canTrain = check.ok && trainableData(state) !== undefined && !training;
    // Something was learnt once an epoch has been reported; a second press would change nothing.
    const canFinish = training && !state.finishing && state.history.length > 0;
    return html`<div class="setup">
      <section class="card" aria-labelledby="data-heading">
        <h2 id="data-heading">Data</h2>
        <petal-data-source
          .choice=${this.choice}
          .fileName=${this.file?.name ?? ''}
          ?disabled=${training}
          @petal-data-choice=${(event: DataChoiceEvent) => this.#useChoice(event.choice)}
          @petal-csv-file=${(event: CsvFileEvent) => this.#useFile(event.file)}
        ></petal-data-source>
        <petal-csv-preview
          .inspection=${shownInspection(state)}
          .problem=${state.phase === 'invalid' ? state.problem : null}
          .reading=${state.phase === 'inspecting' && !state.revision ? state.source.name : ''}
          ?revising=${state.phase === 'inspecting' && state.revision !== undefined}
          ?disabled=${training}
          ?balance=${this.#training.balanceClasses}
          @petal-column-use=${(event: ColumnUseEvent) => this.#training.changeUse(event.column, event.use)}
          @petal-balance-classes=${(event: BalanceClassesEvent) => this.#training.setBalanceClasses(event.balance)}
        ></petal-csv-preview>
        ${
          this.choice === 'file' && !this.file
            ? html`<p class="muted">Choose a CSV file with a header row: feature columns (numbers, categories, dates) and a label column.</p>`
            : nothing
        }
      </section>
      <section class="card settings" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <petal-train-settings
          .draft=${this.draft}
          .errors=${check.ok ? NO_ERRORS : check.errors}
          ?disabled=${training}
          @petal-settings-change=${(event: SettingsChangeEvent) => {
            this.draft = event.draft;
          }}
        ></petal-train-settings>
        <div class="actions">
          <button
            type="button"
            class="primary"
            ?disabled=${!canTrain}
            @click=${() => check.ok && this.#training.train(check.settings)}
          >
            Train
          </button>
          <button type="button" class="stop" ?disabled=${!training} @click=${() => this.#training.stop()}>
            Stop
          </button>
          <button
            type="button"
            class="finish"
            ?disabled=${!canFinish}
            aria-describedby="finish-hint"
            @click=${() => this.#finishNow()}
          >
            Stop and keep
          </button>
        </div>
        ${training ? this.#progress(state) : nothing}
        <p class="muted hint" id="finish-hint">
          Stop throws the run away; Stop and keep ends it now and keeps what it learnt${
            this.draft.earlyStopping ? ' (its best epoch so far)' : ''
          }, tested like a finished run.
        </p>
      </section>
      </div>
      ${this.#run(state)}`;
  }

  #run(state: TrainState) {
    switch (state.phase) {
      case 'training': {
        return html`<section class="card run" aria-labelledby="run-heading">
          <h2 id="run-heading" tabindex="-1">Training</h2>
          <p role="status">
            ${state.finishing ? 'Stopping and keeping what was learnt: testing the model as it is now…' : ''}
          </p>
          <petal-training-curves
            .history=${state.history}
            .epochs=${liveAxisEnd(state.history.length, state.epochs)}
            min-interval-ms="250"
          ></petal-training-curves>
        </section>`;
      }
      case 'stopped':
        return html`<section class="card run" aria-labelledby="run-heading">
          <h2 id="run-heading" tabindex="-1">Training</h2>
          <p role="status">${STOPPED_MESSAGE}</p>
          ${
            state.history.length > 0
              ? html`<petal-training-curves
                .history=${state.history}
                .epochs=${state.history.length}
              ></petal-training-curves>`
              : nothing
          }
        </section>`;
      case 'failed':
        return html`<section class="card run" aria-labelledby="run-heading">
          <h2 id="run-heading" tabindex="-1">Training</h2>
          <p role="alert" class="error">Training failed: ${state.problem.message}</p>
        </section>`;
      case 'trained':
        return this.#results(state.run, 'Results');
      default: {
        // The data is on show: the last finished run stays below it (another file, or after a reload),
        // headed so that it is not read as the results of a file it was not trained on.
        const run = this.#training.lastRun;
        if (!run) return nothing;
        const shown =
          state.phase === 'ready' ? state.data.source.name : 'source' in state ? state.source.name : '';
        return this.#results(run, shown === run.sourceName ? 'Results' : `Last run, on ${run.sourceName}`);
      }
    }
  }

  /** The run's progress, under the buttons that started it and can stop it, where the user looks. */
  #progress(state: Extract<TrainState, { phase: 'training' }>) {
    const done = state.history[state.history.length - 1]?.epoch ?? 0;
    return html`<petal-progress-bar
      class="progress"
      label="Training progress"
      .value=${done}
      .max=${state.epochs}
      .text=${progressText(done, state.epochs, state.timeLeftMs)}
    ></petal-progress-bar>`;
  }

  /** A finished run's curves (their axis ends where the run did, stopped or not) and results. */
  #results(run: FinishedRun, heading: string) {
    const { metadata, history } = run.result;
    return html`<section class="card run" aria-labelledby="run-heading">
      <h2 id="run-heading" tabindex="-1">${heading}</h2>
      <petal-training-curves
        .history=${history}
        .epochs=${metadata.kind === 'dense-network' ? metadata.epochsRun : 0}
      ></petal-training-curves>
      <petal-training-results
        .run=${run}
        .keptNow=${this.#keptNow(run)}
        @petal-keep=${() => this.#training.keep()}
      ></petal-training-results>
    </section>`;
  }

  #keptNow(run: FinishedRun): KeptNow {
    if (run.save.status !== 'saved') return { kind: 'active' };
    const versions = this.models?.versions.map((info) => info.version) ?? [];
    const active = this.models?.versions.find((info) => info.id === this.models?.activeId);
    return keptNow(run.save.version, versions, active?.version ?? null);
  }

  /**
   * "Stop and keep": the button disables itself, so focus moves to the run's heading, where the status
   * saying the model is being tested follows (focus on a disabled button falls to the page).
   */
  #finishNow(): void {
    this.#training.finishNow();
    this.renderRoot.querySelector<HTMLElement>('#run-heading')?.focus({ preventScroll: true });
  }

  #useChoice(choice: DataChoice): void {
    this.choice = choice;
    if (choice === 'bundled') void this.#training.inspect(bundledSource());
    else if (this.file) void this.#training.inspect({ kind: 'file', file: this.file, name: this.file.name });
    else this.#training.clear();
  }

  #useFile(file: File): void {
    this.file = file;
    this.#useChoice('file');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-train-panel': PetalTrainPanel;
  }
}
