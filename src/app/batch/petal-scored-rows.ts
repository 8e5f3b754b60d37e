import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { dataTableStyles } from '../shared/data-table-styles';
import { styleProperties } from '../shared/style-properties';
import { controlStyles } from '../shared/theme';
import { formatCount } from './score-progress-text';
import { virtualWindow } from './virtual-window';

/** Every row is exactly this tall (px), so the window is plain arithmetic. */
export const ROW_HEIGHT = 28;

/**
 * A virtualised table of scored rows: a scroll container of fixed-height rows of which only a window of
 * about 30 is in the DOM, with spacer rows above and below keeping the scroll height. `aria-rowcount` and
 * `aria-rowindex` tell assistive technology where the rendered rows sit.
 */
@customElement('petal-scored-rows')
export class PetalScoredRows extends LitElement {
  static override styles = [
    controlStyles,
    dataTableStyles,
    css`
      .scroll {
        max-height: ${ROW_HEIGHT * 12}px;
      }
      table {
        table-layout: fixed;
      }
      th,
      td {
        height: ${ROW_HEIGHT}px;
        max-width: 12rem;
        overflow: hidden;
        text-overflow: ellipsis;
        padding-block: 0;
      }
      thead th {
        position: sticky;
        top: 0;
        background: var(--petal-surface);
        /*
         * A name may wrap after its first underscore (see wrappable): a phone then shows the prediction
         * and the first probabilities, whose names are longer than their values, side by side. The header
         * is not one of the fixed-height rows the window counts.
         */
        height: auto;
        padding-block: 0.2rem;
        white-space: normal;
        vertical-align: bottom;
      }
      .spacer td {
        padding: 0;
        border: 0;
      }
    `,
  ];

  /** Column names. */
  @property({ attribute: false }) columns: readonly string[] = [];

  /** The rows available (the first ones of the output), as cells. */
  @property({ attribute: false }) rows: readonly (readonly string[])[] = [];

  /** Rows in the whole output, for the caption. */
  @property({ type: Number }) total = 0;

  /** Columns of the output left out of a wide preview (they are all in the downloaded file). */
  @property({ type: Number }) hiddenColumns = 0;

  @state() private scrolled = 0;

  override render() {
    const { start, end, before, after } = virtualWindow({
      scrollTop: this.scrolled,
      rowHeight: ROW_HEIGHT,
      rowCount: this.rows.length,
    });
    const spacer = (height: number) =>
      height > 0
        ? html`<tr class="spacer" aria-hidden="true"><td colspan=${this.columns.length} style=${styleProperties({ height: `${height}px` })}></td></tr>`
        : '';
    return html`<div
      class="scroll"
      tabindex="0"
      role="region"
      aria-label="Scored rows"
      @scroll=${(event: Event) => {
        this.scrolled = (event.target as HTMLElement).scrollTop;
      }}
    >
      <table aria-rowcount=${this.rows.length + 1}>
        <caption>
          ${this.rows.length < this.total ? `The first ${formatCount(this.rows.length)} of ${formatCount(this.total)} scored rows` : 'Scored rows'}${
            this.hiddenColumns > 0
              ? `; ${formatCount(this.hiddenColumns)} more ${this.hiddenColumns === 1 ? 'column is' : 'columns are'} in the downloaded file`
              : ''
          }
        </caption>
        <thead>
          <tr aria-rowindex="1">
            ${this.columns.map((name) => html`<th scope="col" title=${name}>${wrappable(name)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${spacer(before)}
          ${this.rows
            .slice(start, end)
            .map(
              (row, i) =>
                html`<tr aria-rowindex=${start + i + 2}>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`,
            )}
          ${spacer(after)}
        </tbody>
      </table>
    </div>`;
  }
}

/**
 * A column name with a line-break opportunity after its first underscore: "probability_" over "setosa".
 * One only, so a header is at most two lines ("outside_" over "training_range").
 */
function wrappable(name: string) {
  const at = name.indexOf('_') + 1;
  return at === 0 || at === name.length ? name : html`${name.slice(0, at)}<wbr />${name.slice(at)}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-scored-rows': PetalScoredRows;
  }
}
