import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatPercent } from '../shared/format-number';
import { controlStyles } from '../shared/theme';
import { formatDuration } from '../shared/time-left';
import type { TrainResult } from '../worker-bridge/protocol';
import type { SaveState } from './training-controller';
import '../shared/petal-class-metrics';
import '../shared/petal-confusion-matrix';

/** The message shown once a trained model was kept. */
export function savedMessage(version: number): string {
  return `Saved as v${version} and made active.`;
}

/**
 * A finished run: test accuracy, confusion matrix, per-class metrics, time and epochs, and the button that
 * keeps the model. Fires `petal-keep` when that button is pressed.
 */
@customElement('petal-training-results')
export class PetalTrainingResults extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.2rem 1rem;
        margin: 0 0 1rem;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
      }
      .tables {
        display: flex;
        flex-wrap: wrap;
        gap: 1.5rem;
        margin-bottom: 1rem;
      }
      .keep {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem;
      }
    `,
  ];

  /** The finished run. */
  @property({ attribute: false }) result?: TrainResult;

  /** Whether the model was kept yet. */
  @property({ attribute: false }) save: SaveState = { status: 'unsaved' };

  override render() {
    const result = this.result;
    if (!result) return html``;
    const { metadata } = result;
    const test = result.testMetrics;
    const save = this.save;
    const status = save.status;
    return html`<dl>
        <dt>Test accuracy</dt>
        <dd>${formatPercent(test.accuracy)} (${test.rows} test rows)</dd>
        <dt>Macro F1</dt>
        <dd>${formatPercent(test.macroF1)}</dd>
        <dt>Training time</dt>
        <dd>${formatDuration(result.trainingMs)}</dd>
        ${
          metadata.kind === 'dense-network'
            ? html`<dt>Epochs run</dt>
                <dd>${metadata.epochsRun} of ${metadata.settings.epochs}</dd>`
            : nothing
        }
        <dt>Rows</dt>
        <dd>${metadata.rows.train} training, ${metadata.rows.validation} validation, ${metadata.rows.test} test</dd>
      </dl>
      <div class="tables">
        <petal-confusion-matrix .classes=${metadata.schema.classes} .confusion=${test.confusion}></petal-confusion-matrix>
        <petal-class-metrics .perClass=${test.perClass}></petal-class-metrics>
      </div>
      <div class="keep">
        <button
          type="button"
          class="primary"
          ?disabled=${status === 'saving' || status === 'saved'}
          @click=${() => this.dispatchEvent(new Event('petal-keep', { bubbles: true, composed: true }))}
        >
          Keep as new version
        </button>
        <p role="status">
          ${save.status === 'saved' ? savedMessage(save.version) : save.status === 'saving' ? 'Saving…' : ''}
        </p>
      </div>
      <p role="alert" class=${save.status === 'failed' ? 'error' : ''}>
        ${save.status === 'failed' ? save.message : ''}
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-training-results': PetalTrainingResults;
  }
}
