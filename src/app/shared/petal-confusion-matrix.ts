import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { captionedTableStyles, scrollCue } from './data-table-styles';
import { type CellKind, heatColour } from './heat-colour';
import { largestClasses, MATRIX_CLASSES } from './largest-classes';
import { styleProperties } from './style-properties';
import { controlStyles } from './theme';

/**
 * Both themes' colours of a cell as custom properties; the stylesheet picks a pair with
 * `prefers-color-scheme`, as the theme tokens do, so the matrix follows the theme without re-rendering.
 */
function cellStyle(count: number, max: number, kind: CellKind) {
  const light = heatColour(count, max, kind, 'light');
  const dark = heatColour(count, max, kind, 'dark');
  return styleProperties({
    '--cell-bg': light.background,
    '--cell-fg': light.color,
    '--cell-bg-dark': dark.background,
    '--cell-fg-dark': dark.color,
  });
}

/**
 * The test rows' confusion matrix as a heat map: one row per actual class, one column per predicted
 * class, the count in each cell. Right answers (the diagonal) are purple, bold and outlined; mistakes are
 * orange; an empty cell is plain, its 0 in muted text. The colour grows with the count, and the number is always written, so
 * colour is never the only cue; a legend under the table says what the colours mean.
 */
@customElement('petal-confusion-matrix')
export class PetalConfusionMatrix extends LitElement {
  static override styles = [
    controlStyles,
    captionedTableStyles,
    css`
      /* The table scrolls in its own box, which the keyboard can reach (it holds nothing focusable). */
      :host {
        overflow: visible;
        background: none;
      }
      .scroll {
        overflow-x: auto;
        ${scrollCue}
      }
      th,
      td {
        padding: 0.35rem 0.5rem;
        border: 1px solid var(--petal-border);
      }
      th {
        font-weight: 600;
        text-align: left;
      }
      td {
        text-align: center;
        min-width: 2.75rem;
        font-variant-numeric: tabular-nums;
        background: var(--cell-bg);
        color: var(--cell-fg);
      }
      td.correct {
        font-weight: 700;
        box-shadow: inset 0 0 0 2px var(--petal-text);
      }
      .corner {
        font-weight: 400;
        font-size: 0.8rem;
        max-width: 7rem;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        margin: 0.4rem 0 0;
        padding: 0;
        list-style: none;
        font-size: 0.875rem;
      }
      .legend li {
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
      }
      .swatch {
        display: inline-block;
        width: 1rem;
        height: 1rem;
        border-radius: 3px;
        background: var(--cell-bg);
        border: 1px solid var(--petal-border);
      }
      .swatch.correct {
        box-shadow: inset 0 0 0 2px var(--petal-text);
      }
      /* A phone fits a three-class matrix without scrolling (at 390 px the third column was cut off). */
      @media (max-width: 30rem) {
        th,
        td {
          padding: 0.3rem 0.25rem;
          font-size: 0.875rem;
        }
        td {
          min-width: 2.25rem;
        }
        .corner {
          font-size: 0.75rem;
          max-width: 5rem;
        }
      }
      @media (prefers-color-scheme: dark) {
        td,
        .swatch {
          background: var(--cell-bg-dark);
          color: var(--cell-fg-dark);
        }
      }
    `,
  ];

  /** Class names, in class index order. */
  @property({ attribute: false }) classes: readonly string[] = [];

  /** confusion[actual][predicted] = number of test rows. */
  @property({ attribute: false }) confusion: readonly (readonly number[])[] = [];

  override render() {
    // A loop, not Math.max(...cells): spreading a large matrix's cells overflows the call stack. Both kinds
    // share one scale, so a cell's colour says how many rows it holds whichever kind it is.
    let max = 0;
    for (const row of this.confusion) for (const count of row) if (count > max) max = count;
    const shown = largestClasses(this.confusion, MATRIX_CLASSES);
    const caption =
      shown.length < this.classes.length
        ? `Confusion matrix of the ${shown.length} classes with the most test rows (of ${this.classes.length.toLocaleString('en')})`
        : 'Confusion matrix';
    return html`<div class="scroll" tabindex="0" role="region" aria-label=${caption}>
      <table>
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
                const kind: CellKind = actual === predicted ? 'correct' : 'mistake';
                return html`<td class=${kind} style=${cellStyle(count, max, kind)}>${count}</td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
      </div>
      <ul class="legend" aria-label="Colours of the confusion matrix">
        <li>
          <span class="swatch correct" style=${cellStyle(1, 1, 'correct')}></span>Right answers: the
          diagonal, purple, outlined
        </li>
        <li><span class="swatch" style=${cellStyle(1, 1, 'mistake')}></span>Mistakes: orange</li>
        <li>Stronger colour, more rows</li>
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-confusion-matrix': PetalConfusionMatrix;
  }
}
