import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatBytes } from '../shared/format-number';
import { controlStyles } from '../shared/theme';
import type { CompareResult } from '../worker-bridge/protocol';
import { ALGORITHM_LABELS } from './algorithm-draft';
import type { RowSave } from './compare-controller';
import './petal-compare-chart';

/** Fired when a row's "Save as new version" button is pressed. */
export class SaveComparedEvent extends Event {
  constructor(readonly index: number) {
    super('petal-save-compared', { bubbles: true, composed: true });
  }
}

function meanSd(summary: { mean: number; sd: number }, digits = 3): string {
  return `${summary.mean.toFixed(digits)} ± ${summary.sd.toFixed(digits)}`;
}

function milliseconds(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`;
}

/**
 * The comparison's results: the "Comparison" table (mean ± sd accuracy and macro F1, fit time, prediction
 * time per 1,000 rows, model size, and a save button per row) and the accuracy chart with error bars.
 */
@customElement('petal-compare-results')
export class PetalCompareResults extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: grid;
        gap: 1rem;
      }
      .scroll {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      caption {
        text-align: left;
        font-weight: 600;
        padding-bottom: 0.4rem;
      }
      th,
      td {
        text-align: left;
        padding: 0.35rem 0.6rem;
        border-bottom: 1px solid var(--petal-border);
        vertical-align: top;
      }
      td.number {
        text-align: right;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .saved {
        display: block;
        font-size: 0.875rem;
        margin-top: 0.25rem;
      }
    `,
  ];

  /** The finished comparison. */
  @property({ attribute: false }) result?: CompareResult;

  /** Per row index, whether its model is being saved, was saved or failed to save. */
  @property({ attribute: false }) saves: ReadonlyMap<number, RowSave> = new Map();

  override render() {
    const result = this.result;
    if (!result) return nothing;
    return html`<p class="muted">
        ${result.repeats} × ${result.folds}-fold stratified cross-validation on ${result.rows} rows, the same
        folds for every algorithm; took ${(result.elapsedMs / 1000).toFixed(1)} s.
      </p>
      <div class="scroll">
        <table>
          <caption>Comparison</caption>
          <thead>
            <tr>
              <th scope="col">Algorithm</th>
              <th scope="col">Accuracy (mean ± sd)</th>
              <th scope="col">Macro F1 (mean ± sd)</th>
              <th scope="col">Fit time</th>
              <th scope="col">Prediction time per 1,000 rows</th>
              <th scope="col">Model size</th>
              <th scope="col">Keep</th>
            </tr>
          </thead>
          <tbody>
            ${result.scores.map(
              (score, index) => html`<tr>
                <th scope="row">${score.name}</th>
                <td class="number">${meanSd(score.accuracy)}</td>
                <td class="number">${meanSd(score.macroF1)}</td>
                <td class="number">${milliseconds(score.fitMs.mean)}</td>
                <td class="number">${milliseconds(score.predictMsPer1000)}</td>
                <td class="number">${formatBytes(score.sizeBytes)}</td>
                <td>${this.#saveCell(index, ALGORITHM_LABELS[score.spec.kind])}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <petal-compare-chart .scores=${result.scores}></petal-compare-chart>`;
  }

  #saveCell(index: number, label: string) {
    const save = this.saves.get(index);
    const busy = save?.status === 'saving' || save?.status === 'saved';
    return html`<button
        type="button"
        aria-label=${`Save ${label} as new version`}
        ?disabled=${busy}
        @click=${() => this.dispatchEvent(new SaveComparedEvent(index))}
      >
        ${save?.status === 'saving' ? 'Saving…' : 'Save as new version'}
      </button>
      ${
        save?.status === 'saved'
          ? html`<span class="saved" role="status">Saved as v${save.version}; it is now the active model.</span>`
          : save?.status === 'failed'
            ? html`<span class="error saved" role="alert">${save.message}</span>`
            : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-compare-results': PetalCompareResults;
  }
  interface HTMLElementEventMap {
    'petal-save-compared': SaveComparedEvent;
  }
}
