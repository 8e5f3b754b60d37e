import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ScoreSummary } from '../../score/score-csv';
import { dataTableStyles } from '../shared/data-table-styles';
import { formatPercent } from '../shared/format-number';
import { classColour, controlStyles } from '../shared/theme';
import { formatDuration } from '../shared/time-left';
import { formatCount } from './score-progress-text';
import '../shared/petal-class-metrics';
import '../shared/petal-confusion-matrix';
import { styleProperties } from '../shared/style-properties';

/**
 * A scored file's summary: row counts and speed, the first rows that could not be scored with their row
 * numbers and reasons, a bar chart of the predicted classes and, when the file had the label column, the
 * accuracy, confusion matrix and per-class metrics on it.
 */
@customElement('petal-batch-results')
export class PetalBatchResults extends LitElement {
  static override styles = [
    controlStyles,
    dataTableStyles,
    css`
      :host > * + * {
        margin-top: 1rem;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        grid-template-columns: max-content 1fr max-content;
        gap: 0.3rem 0.75rem;
        align-items: center;
        max-width: 40rem;
      }
      li {
        display: contents;
      }
      .bar {
        height: 0.9rem;
        border-radius: 3px;
        min-width: 1px;
      }
      td.wrap {
        white-space: normal;
      }
    `,
  ];

  /** The worker's summary of the run. */
  @property({ attribute: false }) summary: ScoreSummary | null = null;

  override render() {
    const s = this.summary;
    if (!s) return nothing;
    const most = Math.max(1, ...s.classCounts.map((entry) => entry.count));
    const metrics = s.evaluation?.metrics;
    const rows = (count: number) => `${formatCount(count)} ${count === 1 ? 'row' : 'rows'}`;
    return html`${
      s.scoredRows === 0 && s.rows > 0
        ? html`<p role="alert" class="error">
          No row of this file could be scored: ${s.firstBadRows[0]?.message ?? 'every row has a problem'}. Fix the
          file (the table below lists the first rows) and choose it again.
        </p>`
        : nothing
    }<dl>
        <dt>Rows</dt>
        <dd>${formatCount(s.rows)}</dd>
        <dt>Scored</dt>
        <dd>${formatCount(s.scoredRows)}</dd>
        <dt>Not scored (bad rows)</dt>
        <dd>${formatCount(s.badRows)}</dd>
        <dt>Outside the training range</dt>
        <dd>${rows(s.outsideRangeRows)}</dd>
        <dt>Time</dt>
        <dd>${formatDuration(s.seconds * 1000)}, ${formatCount(s.rowsPerSecond)} rows/s</dd>
      </dl>
      ${
        s.firstBadRows.length > 0
          ? html`<div class="scroll">
            <table>
              <caption>
                ${s.badRows > s.firstBadRows.length ? `The first ${s.firstBadRows.length} rows not scored` : 'Rows not scored'}
              </caption>
              <thead>
                <tr><th scope="col">Row</th><th scope="col">Problem</th></tr>
              </thead>
              <tbody>
                ${s.firstBadRows.map((bad) => html`<tr><td>${bad.row}</td><td class="wrap">${bad.message}</td></tr>`)}
              </tbody>
            </table>
          </div>`
          : nothing
      }
      <figure>
        <figcaption><h3>Predicted classes</h3></figcaption>
        <ul>
          ${s.classCounts.map(
            (entry, i) => html`<li>
              <span>${entry.label}</span>
              <span
                class="bar"
                style=${styleProperties({ width: `${(100 * entry.count) / most}%`, background: classColour(i) })}
              ></span>
              <span>${formatCount(entry.count)} (${formatPercent(entry.count / Math.max(1, s.scoredRows))})</span>
            </li>`,
          )}
        </ul>
      </figure>
      ${
        metrics
          ? html`<h3>Evaluation on this file</h3>
            <p>
              Accuracy <strong>${formatPercent(metrics.accuracy)}</strong> on ${rows(metrics.rows)} with a label${s.evaluation!.unknownLabelRows > 0 ? html`; ${rows(s.evaluation!.unknownLabelRows)} with an unknown label left out` : ''}.
            </p>
            <petal-confusion-matrix
              .classes=${s.classCounts.map((entry) => entry.label)}
              .confusion=${metrics.confusion}
            ></petal-confusion-matrix>
            <petal-class-metrics .perClass=${metrics.perClass}></petal-class-metrics>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-batch-results': PetalBatchResults;
  }
}
