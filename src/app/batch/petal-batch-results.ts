import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ScoreSummary } from '../../score/score-csv';
import { dataTableStyles } from '../shared/data-table-styles';
import { formatPercent } from '../shared/format-number';
import { styleProperties } from '../shared/style-properties';
import { classColour, controlStyles } from '../shared/theme';
import { groupBadRows, groupRows } from './bad-row-groups';
import { countOf, formatCount } from './score-progress-text';
import { nothingScored, summaryFacts } from './summary-facts';
import '../shared/petal-class-metrics';
import '../shared/petal-confusion-matrix';
import '../shared/petal-help';

/**
 * A scored file's summary: row counts and speed, the first rows that could not be scored grouped by
 * problem with their row numbers, a bar chart of the predicted classes and, when the file had the label
 * column, the accuracy (with short help), confusion matrix and per-class metrics on it. Of a file in which
 * no row could be scored, an alert and the counts and problems only (see summaryFacts). A figure that is
 * not defined is left out or "—", never NaN or Infinity.
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
      :host {
        container-type: inline-size;
      }
      /*
       * The figures as tiles, each name above its value: two to a row on a phone, 320 px too (side by side
       * in two columns, the longest name, "Outside the training range", left the values a sliver of a
       * 390 px screen), and one row as wide as its names where there is room.
       */
      dl.facts {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr));
        gap: 0.75rem 1rem;
        margin-bottom: 0;
      }
      @container (min-width: 44rem) {
        dl.facts {
          display: flex;
          flex-wrap: wrap;
          gap: 0.75rem 2.5rem;
        }
      }
      dl.facts > .wide {
        grid-column: 1 / -1;
      }
      dl.facts > div {
        display: flex;
        flex-direction: column;
        justify-content: space-between;
        gap: 0.1rem;
      }
      dl.facts dt {
        font-size: 0.85rem;
        font-weight: normal;
        color: var(--petal-muted);
      }
      dl.facts dd {
        font-size: 1.1rem;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      figure {
        margin: 0;
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
      /*
       * The problem wraps, and on a phone the rows too ("2–9" over "(8 rows)"), so the table of bad rows
       * fits 320 px without scrolling; where there is room the rows stay on one line.
       */
      @container (max-width: 30rem) {
        td.rows {
          white-space: normal;
          min-width: 4rem;
        }
      }
      td.wrap {
        white-space: normal;
        min-width: 10rem;
      }
    `,
  ];

  /** The worker's summary of the run. */
  @property({ attribute: false }) summary: ScoreSummary | null = null;

  override render() {
    const s = this.summary;
    if (!s) return nothing;
    const none = nothingScored(s);
    return html`${
      none
        ? html`<p role="alert" class="error">
          No row of this file could be scored: ${s.firstBadRows[0]?.message ?? 'every row has a problem'}. Fix the
          file (the table below lists the problems by row) and choose it again.
        </p>`
        : nothing
    }<dl class="facts">
        ${summaryFacts(s).map(
          // The spaces keep the figures apart in the text (a copy, a find, a screen reader's reading).
          (fact) =>
            html`<div class=${fact.wide ? 'wide' : ''}><dt>${fact.term}</dt> <dd>${fact.value}</dd> </div>`,
        )}
      </dl>
      ${this.#badRows(s)}
      ${none ? nothing : html`${this.#predicted(s)}${this.#evaluation(s)}`}`;
  }

  /** The rows not scored, one line per problem: a fault every row shares is listed once, with its rows. */
  #badRows(s: ScoreSummary) {
    if (s.firstBadRows.length === 0) return nothing;
    const listed = s.firstBadRows.length;
    return html`<div class="scroll">
      <table>
        <caption>
          ${
            s.badRows <= listed
              ? 'Rows not scored'
              : `The first ${formatCount(listed)} rows not scored${
                  // A file with rows scored can be downloaded, and its error column has every row's reason.
                  nothingScored(s)
                    ? ''
                    : ` (the error column of the downloaded file gives every row's reason)`
                }`
          }
        </caption>
        <thead>
          <tr><th scope="col">Rows</th><th scope="col">Problem</th></tr>
        </thead>
        <tbody>
          ${groupBadRows(s.firstBadRows).map(
            (group) =>
              html`<tr><td class="rows">${groupRows(group)}</td><td class="wrap">${group.message}</td></tr>`,
          )}
        </tbody>
      </table>
    </div>`;
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
