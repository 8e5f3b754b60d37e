import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { captionedTableStyles } from './data-table-styles';
import { heatColour } from './heat-colour';
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
    const max = Math.max(0, ...this.confusion.flat());
    return html`<table>
      <caption>Confusion matrix</caption>
      <thead>
        <tr>
          <th scope="col" class="corner">Actual ↓ / Predicted →</th>
          ${this.classes.map((name) => html`<th scope="col">${name}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${this.classes.map(
          (name, actual) => html`<tr>
            <th scope="row">${name}</th>
            ${this.classes.map((_, predicted) => {
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
