import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { captionedTableStyles } from './data-table-styles';
import { heatColour } from './heat-colour';
import { largestClasses, MATRIX_CLASSES } from './largest-classes';
import { styleProperties } from './style-properties';
import { controlStyles } from './theme';

/**
 * The test rows' confusion matrix as a heat map: one row per actual class, one column per predicted
 * class, the count in each cell and its shade growing with the count (the number is always written, so
 * colour is never the only cue).
 */
@customElement('petal-confusion-matrix')
export class PetalConfusionMatrix extends LitElement {
  static override styles = [
    controlStyles,
    captionedTableStyles,
    css`
      th,
      td {
        padding: 0.35rem 0.6rem;
        border: 1px solid var(--petal-border);
      }
      th {
        font-weight: 600;
        text-align: left;
      }
      td {
        text-align: center;
        min-width: 3rem;
        font-variant-numeric: tabular-nums;
      }
      .corner {
        font-weight: 400;
        font-size: 0.85rem;
      }
    `,
  ];

  /** Class names, in class index order. */
  @property({ attribute: false }) classes: readonly string[] = [];

  /** confusion[actual][predicted] = number of test rows. */
  @property({ attribute: false }) confusion: readonly (readonly number[])[] = [];

  override render() {
    // A loop, not Math.max(...cells): spreading a large matrix's cells overflows the call stack.
    let max = 0;
    for (const row of this.confusion) for (const count of row) if (count > max) max = count;
    const shown = largestClasses(this.confusion, MATRIX_CLASSES);
    const caption =
      shown.length < this.classes.length
        ? `Confusion matrix of the ${shown.length} classes with the most test rows (of ${this.classes.length.toLocaleString('en')})`
        : 'Confusion matrix';
    return html`<table>
      <caption>${caption}</caption>
      <thead>
        <tr>
          <th scope="col" class="corner">Actual ↓ / Predicted →</th>
          ${shown.map((k) => html`<th scope="col">${this.classes[k]}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${shown.map(
          (actual) => html`<tr>
            <th scope="row">${this.classes[actual]}</th>
            ${shown.map((predicted) => {
              const count = this.confusion[actual]?.[predicted] ?? 0;
              const { background, color } = heatColour(count, max);
              return html`<td style=${styleProperties({ background, color })}>${count}</td>`;
            })}
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-confusion-matrix': PetalConfusionMatrix;
  }
}
