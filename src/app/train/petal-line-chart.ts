import { css, html, LitElement, nothing, svg, unsafeCSS } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { controlStyles } from '../shared/theme';
import { WidthController } from '../shared/width-controller';

/** One line of a chart: its values at x = 1, 2, 3…, how it is drawn and what the legend calls it. */
export interface ChartSeries {
  readonly label: string;
  readonly values: readonly number[];
  /** A CSS colour. */
  readonly colour: string;
  /** Dashed lines tell series apart without relying on colour. */
  readonly dashed?: boolean;
}

/** The drawing's width before the element has been measured (and its least and greatest). */
const DEFAULT_WIDTH = 360;
const MIN_WIDTH = 200;
const MAX_WIDTH = 480;
const HEIGHT = 180;
const LEFT = 48;
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 28;
/** More points than this are thinned out: the chart is at most 480 pixels wide, so more would not show. */
const MAX_POINTS = 600;

function tick(value: number, percent: boolean): string {
  return percent ? `${Math.round(value * 100)}%` : String(Number(value.toPrecision(2)));
}

/**
 * The top of the y axis: `value` rounded up to a round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10ⁿ),
 * so the top and middle ticks read as round figures.
 */
function niceCeil(value: number): number {
  const unit = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * unit >= value - 1e-12) ?? 10;
  return Number((step * unit).toPrecision(6));
}

/** A latest value as the results write it: a share as a percentage with one decimal. */
function latestValue(value: number, percent: boolean): string {
  return percent ? `${(value * 100).toFixed(1)}%` : String(Number(value.toPrecision(3)));
}

/**
 * A small SVG line chart over epochs (no chart library: the main thread stays small). The x axis runs to
 * `xMax` from the start so a run's curves grow across a fixed frame instead of rescaling every epoch.
 */
@customElement('petal-line-chart')
export class PetalLineChart extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        /* Redrawn up to once a frame while training: keep its layout and paint from spreading. */
        contain: content;
      }
      figure {
        margin: 0;
      }
      figcaption {
        font-weight: 600;
        margin-bottom: 0.25rem;
      }
      svg {
        width: 100%;
        max-width: ${unsafeCSS(MAX_WIDTH)}px;
        height: auto;
        display: block;
      }
      .axis {
        stroke: var(--petal-muted);
        stroke-width: 1;
      }
      .grid {
        stroke: var(--petal-border);
        stroke-width: 1;
        stroke-dasharray: 2 3;
      }
      /* The drawing is as wide as its box (one unit a pixel), so the labels are this size at every width. */
      .tick {
        fill: var(--petal-muted);
        font-size: 13px;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0.25rem 0 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        font-size: 0.9rem;
      }
      li svg {
        display: inline-block;
        width: 1.75rem;
        vertical-align: middle;
        margin-right: 0.3rem;
      }
    `,
  ];

  /** The chart's title, shown as its caption and used in its accessible name ("Loss"). */
  @property() label = '';

  /** The lines to draw, in legend order. */
  @property({ attribute: false }) series: readonly ChartSeries[] = [];

  /** The last epoch of the x axis (the run's planned number of epochs). */
  @property({ type: Number, attribute: 'x-max' }) xMax = 1;

  /** A fixed top of the y axis (1 for accuracy); when unset, the largest value drawn. */
  @property({ type: Number, attribute: 'y-max' }) yMax?: number;

  /** The values are shares (accuracy): ticks and latest values are written as percentages, as elsewhere. */
  @property({ type: Boolean }) percent = false;

  /**
   * The drawing's width in pixels, measured: a fixed viewBox scaled to the box made the labels ~11 px on a
   * phone and ~19 px in a wide dialog; drawn at the box's own width they read the same everywhere.
   */
  @state() private width = DEFAULT_WIDTH;

  constructor() {
    super();
    // Registers itself with this element, which holds it from then on.
    new WidthController(this, (shown) => {
      const width = Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, shown)));
      if (width !== this.width) this.width = width;
    });
  }

  override render() {
    const width = this.width;
    const longest = Math.max(0, ...this.series.map((line) => line.values.length));
    const xMax = Math.max(this.xMax, longest, 2);
    const dataMax = Math.max(0, ...this.series.flatMap((line) => line.values.filter(Number.isFinite)));
    const yMax = this.yMax ?? (dataMax > 0 ? niceCeil(dataMax * 1.05) : 1);
    const plotWidth = width - LEFT - RIGHT;
    const plotHeight = HEIGHT - TOP - BOTTOM;
    const x = (epoch: number) => LEFT + ((epoch - 1) / (xMax - 1)) * plotWidth;
    const y = (value: number) => TOP + plotHeight - (Math.min(Math.max(value, 0), yMax) / yMax) * plotHeight;
    const latest = this.series
      .filter((line) => line.values.length > 0)
      .map((line) => `${line.label} ${latestValue(line.values[line.values.length - 1], this.percent)}`)
      .join(', ');
    const name = `${this.label} by epoch${latest ? `: ${latest}` : ''}`;
    return html`<figure>
      <figcaption>${this.label}</figcaption>
      <svg viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-label=${name}>
        <line class="axis" x1=${LEFT} y1=${TOP} x2=${LEFT} y2=${TOP + plotHeight}></line>
        <line class="axis" x1=${LEFT} y1=${TOP + plotHeight} x2=${width - RIGHT} y2=${TOP + plotHeight}></line>
        <line class="grid" x1=${LEFT} y1=${y(yMax / 2)} x2=${width - RIGHT} y2=${y(yMax / 2)}></line>
        <line class="grid" x1=${LEFT} y1=${y(yMax)} x2=${width - RIGHT} y2=${y(yMax)}></line>
        <text class="tick" x=${LEFT - 6} y=${TOP + 5} text-anchor="end">${tick(yMax, this.percent)}</text>
        <text class="tick" x=${LEFT - 6} y=${y(yMax / 2) + 5} text-anchor="end">${tick(yMax / 2, this.percent)}</text>
        <text class="tick" x=${LEFT - 6} y=${TOP + plotHeight} text-anchor="end">${tick(0, this.percent)}</text>
        <text class="tick" x=${LEFT} y=${HEIGHT - 6} text-anchor="middle">1</text>
        <text class="tick" x=${width - RIGHT} y=${HEIGHT - 6} text-anchor="end">${xMax}</text>
        <text class="tick" x=${LEFT + plotWidth / 2} y=${HEIGHT - 6} text-anchor="middle">epoch</text>
        ${this.series.map((line) => this.#line(line, x, y))}
      </svg>
      ${
        this.series.length > 1
          ? html`<ul>
            ${this.series.map(
              (line) => html`<li>
                <svg viewBox="0 0 28 8" aria-hidden="true">
                  <line
                    x1="0"
                    y1="4"
                    x2="28"
                    y2="4"
                    stroke=${line.colour}
                    stroke-width="2.5"
                    stroke-dasharray=${line.dashed ? '5 3' : 'none'}
                  ></line></svg
                >${line.label}
              </li>`,
            )}
          </ul>`
          : nothing
      }
    </figure>`;
  }

  #line(line: ChartSeries, x: (epoch: number) => number, y: (value: number) => number) {
    const { values } = line;
    const step = Math.max(1, Math.ceil(values.length / MAX_POINTS));
    const points: string[] = [];
    for (let i = 0; i < values.length; i += step) {
      if (Number.isFinite(values[i])) points.push(`${x(i + 1).toFixed(1)},${y(values[i]).toFixed(1)}`);
    }
    const last = values.length - 1;
    if (last >= 0 && last % step !== 0 && Number.isFinite(values[last])) {
      points.push(`${x(last + 1).toFixed(1)},${y(values[last]).toFixed(1)}`);
    }
    return svg`<polyline
      points=${points.join(' ')}
      fill="none"
      stroke=${line.colour}
      stroke-width="2"
      stroke-linejoin="round"
      stroke-dasharray=${line.dashed ? '6 4' : 'none'}
    ></polyline>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-line-chart': PetalLineChart;
  }
}
