import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ClassMetrics } from '../../core/evaluate';
import { captionedTableStyles } from './data-table-styles';
import { formatPercent } from './format-number';
import { largestBySupport, METRIC_CLASSES } from './largest-classes';
import { controlStyles } from './theme';

/** Precision, recall, F1 and support of each class on the test rows. */
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
    `,
  ];

  /** One entry per class, in class index order. */
  @property({ attribute: false }) perClass: readonly ClassMetrics[] = [];

  override render() {
    const shown = largestBySupport(this.perClass, METRIC_CLASSES);
    const hidden = this.perClass.length - shown.length;
    return html`<table>
      <caption>
        Per-class precision, recall and F1${hidden > 0 ? ` of the ${shown.length} classes with the most test rows (of ${this.perClass.length.toLocaleString('en')})` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Class</th>
          <th scope="col">Precision</th>
          <th scope="col">Recall</th>
          <th scope="col">F1</th>
          <th scope="col">Test rows</th>
        </tr>
      </thead>
      <tbody>
        ${shown.map(
          (row) => html`<tr>
            <th scope="row">${row.label}</th>
            <td>${formatPercent(row.precision)}</td>
            <td>${formatPercent(row.recall)}</td>
            <td>${formatPercent(row.f1)}</td>
            <td>${row.support}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-class-metrics': PetalClassMetrics;
  }
}
