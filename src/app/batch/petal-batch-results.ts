import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ScoreSummary } from '../../score/score-csv';
import { dataTableStyles } from '../shared/data-table-styles';
import { formatPercent } from '../shared/format-number';
import { styleProperties } from '../shared/style-properties';
import { classColour, controlStyles } from '../shared/theme';
import { formatDuration } from '../shared/time-left';
import { countOf, formatCount } from './score-progress-text';
import '../shared/petal-class-metrics';
import '../shared/petal-confusion-matrix';
import '../shared/petal-help';

/**
 * A scored file's summary: row counts and speed, the first rows that could not be scored with their row
 * numbers and reasons, a bar chart of the predicted classes and, when the file had the label column, the
 * accuracy (with short help), confusion matrix and per-class metrics on it. A figure that is not
 * defined (a speed with no time measured, shares of no scored rows) is "—", never NaN or Infinity.
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
        <dd>${countOf(s.outsideRangeRows, 'row')}</dd>
        <dt>Time</dt>
        <dd>
          ${formatDuration(s.seconds * 1000)}${Number.isFinite(s.rowsPerSecond) && s.seconds > 0 ? `, ${formatCount(s.rowsPerSecond)} rows/s` : ''}
        </dd>
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
      ${s.scoredRows > 0 ? this.#predicted(s) : nothing}
      ${this.#evaluation(s)}`;
  }

  #predicted(s: ScoreSummary) {
    const most = Math.max(1, ...s.classCounts.map((entry) => entry.count));
    return html`<figure>
        <figcaption><h3>Predicted classes</h3></figcaption>
        <ul>
          ${s.classCounts.map(
            (entry, i) => html`<li>
              <span>${entry.label}</span>
              <span
                class="bar"
                style=${styleProperties({ width: `${(100 * entry.count) / most}%`, background: classColour(i) })}
              ></span>
              <span>${formatCount(entry.count)} (${formatPercent(entry.count / s.scoredRows)})</span>
            </li>`,
          )}
        </ul>
      </figure>`;
  }

  /** Accuracy, confusion matrix and per-class figures on the rows whose label is one of the model's classes. */
  #evaluation(s: ScoreSummary) {
    const evaluation = s.evaluation;
    if (!evaluation) return nothing;
    const { metrics, unknownLabelRows } = evaluation;
    const unknown = unknownLabelRows > 0 ? `${countOf(unknownLabelRows, 'row')} with an unknown label` : '';
    if (!metrics) {
      return html`<h3>Evaluation on this file</h3>
        <p>
          No evaluation: no scored row has a label that is one of the model's classes${
            unknown
              ? ` (${unknown}${
                  evaluation.unknownLabels.length > 0
                    ? `, such as ${evaluation.unknownLabels
                        .slice(0, 3)
                        .map((entry) => `“${entry.label}”`)
                        .join(', ')}`
                    : ''
                })`
              : ''
          }.
        </p>`;
    }
    return html`<h3>Evaluation on this file</h3>
      <p>
        Accuracy<petal-help topic="accuracy">
          The share of the rows with a known label (one of the model's classes) whose predicted class is that
          label. Far below the model's test accuracy, it says these rows differ from the training data: see
          Drift below.
        </petal-help>
        <strong>${formatPercent(metrics.accuracy)}</strong> on ${countOf(metrics.rows, 'row')} with a
        label${unknown ? `; ${unknown} left out` : ''}.
      </p>
      <petal-confusion-matrix
        .classes=${s.classCounts.map((entry) => entry.label)}
        .confusion=${metrics.confusion}
      ></petal-confusion-matrix>
      <petal-class-metrics .perClass=${metrics.perClass}></petal-class-metrics>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-batch-results': PetalBatchResults;
  }
}
