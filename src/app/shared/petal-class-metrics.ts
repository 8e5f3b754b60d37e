import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { classMetricText, type ShownClassMetrics, UNDEFINED_FIGURE } from './class-metric-text';
import { captionedTableStyles } from './data-table-styles';
import { largestBySupport, METRIC_CLASSES } from './largest-classes';
import { controlStyles } from './theme';
import './petal-help';

/**
 * Precision, recall, F1 and support of each class on the test rows. A figure that is not defined (a class
 * never predicted has no precision) shows "—", its reason in the cell's title and to screen readers, and
 * a note under the table says what "—" means.
 */
@customElement('petal-class-metrics')
export class PetalClassMetrics extends LitElement {
  static override styles = [
    controlStyles,
    captionedTableStyles,
    css`
      th,
      td {
        padding: 0.3rem 0.6rem;
        border-bottom: 1px solid var(--petal-border);
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      th:first-child {
        text-align: left;
      }
      .undefined {
        color: var(--petal-muted);
        cursor: help;
      }
      .note {
        font-size: 0.875rem;
        margin: 0.35rem 0 0;
      }
      /* A phone shows every figure of a class without scrolling (at 390 px F1 was cut off). */
      @media (max-width: 30rem) {
        th,
        td {
          padding: 0.3rem 0.25rem;
          font-size: 0.8125rem;
        }
      }
    `,
  ];

  /** One entry per class, in class index order. */
  @property({ attribute: false }) perClass: readonly ShownClassMetrics[] = [];

  override render() {
    const shown = largestBySupport(this.perClass, METRIC_CLASSES);
    const hidden = this.perClass.length - shown.length;
    const undefinedShown = shown.some((row) =>
      (['precision', 'recall', 'f1'] as const).some(
        (figure) => classMetricText(row, figure).undefinedBecause,
      ),
    );
    return html`<table>
      <caption>
        Per-class precision, recall and F1${hidden > 0 ? ` of the ${shown.length} classes with the most test rows (of ${this.perClass.length.toLocaleString('en')})` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Class</th>
          <th scope="col">
            Precision<petal-help topic="Precision"
              >Of the rows predicted as this class, the share that really are.</petal-help
            >
          </th>
          <th scope="col">
            Recall<petal-help topic="Recall">Of the rows of this class, the share predicted as it.</petal-help>
          </th>
          <th scope="col">
            F1<petal-help topic="F1"
              >Precision and recall in one figure (their harmonic mean): high only when both are.</petal-help
            >
          </th>
          <th scope="col">Test rows</th>
        </tr>
      </thead>
      <tbody>
        ${shown.map(
          (row) => html`<tr>
            <th scope="row">${row.label}</th>
            ${this.#cell(row, 'precision')} ${this.#cell(row, 'recall')} ${this.#cell(row, 'f1')}
            <td>${row.support}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${
      undefinedShown
        ? html`<p class="note muted">
            ${UNDEFINED_FIGURE} not defined: precision needs at least one row predicted as the class, recall at
            least one row of the class.
          </p>`
        : nothing
    }`;
  }

  #cell(row: ShownClassMetrics, figure: 'precision' | 'recall' | 'f1') {
    const { text, undefinedBecause } = classMetricText(row, figure);
    if (!undefinedBecause) return html`<td>${text}</td>`;
    return html`<td class="undefined" title=${undefinedBecause}>
      <span aria-hidden="true">${text}</span><span class="visually-hidden">${undefinedBecause}</span>
    </td>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-class-metrics': PetalClassMetrics;
  }
}
