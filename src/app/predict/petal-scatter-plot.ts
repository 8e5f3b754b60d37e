import { css, html, LitElement, nothing, type PropertyValues, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { live } from 'lit/directives/live.js';
import { formatNumber } from '../shared/format-number';
import { CLASS_COLOUR_COUNT, controlStyles } from '../shared/theme';
import { WidthController } from '../shared/width-controller';
import { nextFrame } from './next-frame';
import { defaultAxes, leftMargin, niceTicks, type ScatterSample, tickLabels } from './scatter-axes';

/**
 * The drawing's width in SVG units follows the plot's width in CSS pixels (between these bounds), so its
 * text is drawn at its own size on a phone rather than scaled down; the height keeps the 4:3 shape.
 */
const WIDTH = { least: 280, most: 560, initial: 420 } as const;

function heightFor(width: number): number {
  return Math.round((width * 3) / 4);
}
/** The left margin grows with the y tick labels (see leftMargin). */
const MARGIN = { top: 12, right: 16, bottom: 46 };

/**
 * The training sample on two chosen features (selects "X axis" and "Y axis"), one colour and marker
 * shape per class with a legend, and the current input as a distinct ringed cross. The SVG is
 * `role="img"` with a label summarising what it shows. Axes default to the two features that separate
 * the classes best, and reset when the feature list changes (another model).
 *
 * It redraws at most once per animation frame, just before the frame is painted, so the user sees every
 * input on the plot in the same frame as the prediction, while typing or dragging never spends time on
 * the plot between an edit and its prediction. Only the input marker and the summary change per edit:
 * the points, grid and legend are re-rendered only when the data, the axes or the scale change.
 */
@customElement('petal-scatter-plot')
export class PetalScatterPlot extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .axes {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        margin-bottom: 0.5rem;
      }
      .axes label {
        display: flex;
        gap: 0.4rem;
        align-items: center;
      }
      .plot {
        position: relative;
        max-width: 560px;
      }
      svg {
        display: block;
        width: 100%;
        height: auto;
      }
      /* The input marker is drawn on a layer of its own above the sample: moving it repaints one small
         shape, not the 300 points and the grid (measured: the frames between an edit and its answer set
         the p99 of input → result). */
      .plot .marker-layer {
        position: absolute;
        inset: 0;
        pointer-events: none;
        will-change: transform;
      }
      .grid {
        stroke: var(--petal-track);
      }
      .frame {
        stroke: var(--petal-muted);
        fill: none;
      }
      /* SVG units are CSS pixels here (the drawing is as wide as the plot, see WIDTH). */
      text {
        fill: var(--petal-muted);
        font-size: 13px;
      }
      text.title {
        fill: var(--petal-text);
        font-size: 14px;
        font-weight: 600;
      }
      .point {
        fill-opacity: 0.8;
        stroke: var(--petal-surface);
        stroke-width: 0.75;
      }
      .input {
        fill: none;
        stroke: var(--petal-text);
        stroke-width: 2.5;
      }
      .legend {
        list-style: none;
        padding: 0;
        margin: 0.5rem 0 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
      }
      .legend li {
        display: flex;
        gap: 0.35rem;
        align-items: center;
      }
      .legend svg {
        width: 14px;
        height: 14px;
      }
      .c0 { fill: var(--petal-class-0); }
      .c1 { fill: var(--petal-class-1); }
      .c2 { fill: var(--petal-class-2); }
      .c3 { fill: var(--petal-class-3); }
      .c4 { fill: var(--petal-class-4); }
      .c5 { fill: var(--petal-class-5); }
    `,
  ];

  /** Readable feature labels, in the model's schema order. */
  @property({ attribute: false }) labels: readonly string[] = [];

  /** Class names, in the model's class order. */
  @property({ attribute: false }) classes: readonly string[] = [];

  /** Training rows to plot, or null when the model was saved without any. */
  @property({ attribute: false }) sample: ScatterSample | null = null;

  /** The form's values in `labels`' order (NaN where a field is blank), or null while the form is invalid. */
  @property({ attribute: false }) current: readonly number[] | null = null;

  /** The drawing's width in SVG units: the plot's CSS width, within WIDTH's bounds. */
  @state() private width: number = WIDTH.initial;

  constructor() {
    super();
    // Registers itself with this element, which holds it from then on.
    new WidthController(this, (shown) => {
      const width = Math.round(Math.min(WIDTH.most, Math.max(WIDTH.least, shown)));
      // Small changes are left to the browser's scaling: redrawing the sample costs more than it shows.
      if (Math.abs(width - this.width) >= 8) this.width = width;
    });
  }

  @state() private xIndex = 0;
  @state() private yIndex = 1;

  /** Min and max of the sample on the two axes, kept while the sample and axes stay the same. */
  #bounds: { sample: ScatterSample | null; xi: number; yi: number; x: Extent; y: Extent } | null = null;

  protected override async scheduleUpdate(): Promise<void> {
    // A hidden page paints no frames (and gets none): update at once so its DOM stays current.
    if (document.visibilityState === 'visible') await nextFrame();
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    const before = changed.get('labels') as readonly string[] | undefined;
    if (changed.has('labels') && before?.join('\u0000') !== this.labels.join('\u0000')) {
      [this.xIndex, this.yIndex] = defaultAxes(this.sample, this.labels.length);
    } else if (changed.has('sample') && changed.get('sample') === null) {
      [this.xIndex, this.yIndex] = defaultAxes(this.sample, this.labels.length);
    }
  }

  override render() {
    if (this.labels.length === 0) return nothing;
    return html`
      <div class="axes">
        ${this.#axisSelect('x-axis', 'X axis', this.xIndex, (i) => {
          this.xIndex = i;
        })}
        ${this.#axisSelect('y-axis', 'Y axis', this.yIndex, (i) => {
          this.yIndex = i;
        })}
      </div>
      ${this.#plot()}
      ${guard([this.classes], () => this.#legend())}
    `;
  }

  #legend() {
    return html`<ul class="legend">
      ${this.classes.map(
        (name, k) =>
          html`<li><svg viewBox="-7 -7 14 14" aria-hidden="true">${marker(k, 0, 0, 5)}</svg>${name}</li>`,
      )}
      <li>
        <svg viewBox="-8 -8 16 16" aria-hidden="true">${inputMarker(0, 0)}</svg>Your input
      </li>
    </ul>`;
  }

  #axisSelect(id: string, label: string, value: number, set: (index: number) => void) {
    return html`<label for=${id}
      >${label}
      <select
        id=${id}
        .value=${live(String(value))}
        @change=${(event: Event) => set(Number((event.target as HTMLSelectElement).value))}
      >
        ${this.labels.map((name, i) => html`<option value=${i} ?selected=${i === value}>${name}</option>`)}
      </select></label
    >`;
  }

  #plot() {
    const sample = this.sample;
    const rows = sample?.x.length ?? 0;
    const { xIndex: xi, yIndex: yi } = this;
    const [cx, cy] = this.#input();
    const bounds = this.#sampleBounds(sample, xi, yi);
    // The scale covers the sample and the input, so an input outside the sample moves the axes too.
    const [x0, x1] = padded(bounds.x, cx);
    const [y0, y1] = padded(bounds.y, cy);
    const width = this.width;
    const height = heightFor(width);
    const yCount = tickCount(height - MARGIN.top - MARGIN.bottom, 45);
    const left = leftMargin(tickLabels(niceTicks(y0, y1, yCount)));
    const scale = new PlotScale(x0, x1, y0, y1, left, width, height);
    return html`<div class="plot">
      <svg viewBox="0 0 ${width} ${height}" role="img" aria-label=${this.#summary(rows)}>
        ${guard([sample, xi, yi, x0, x1, y0, y1, this.labels, width], () => this.#background(scale))}
      </svg>
      <svg class="marker-layer" viewBox="0 0 ${width} ${height}" aria-hidden="true">
        ${cx !== undefined && cy !== undefined ? inputMarker(scale.x(cx), scale.y(cy)) : nothing}
      </svg>
    </div>`;
  }

  /** Grid, ticks, axis titles and the sample's points: everything but the input marker. */
  #background(scale: PlotScale) {
    const { xIndex: xi, yIndex: yi } = this;
    const sample = this.sample;
    const { innerW, innerH, left } = scale;
    // Fewer ticks on a narrow plot, so the labels along the x axis never run into each other.
    const xTicks = niceTicks(scale.x0, scale.x1, tickCount(innerW, 70));
    const xLabels = tickLabels(xTicks);
    const yTicks = niceTicks(scale.y0, scale.y1, tickCount(innerH, 45));
    const yLabels = tickLabels(yTicks);
    return svg`${xTicks.map(
      (
        t,
        i,
      ) => svg`<line class="grid" x1=${scale.x(t)} x2=${scale.x(t)} y1=${MARGIN.top} y2=${MARGIN.top + innerH}></line>
          <text x=${scale.x(t)} y=${MARGIN.top + innerH + 17} text-anchor="middle">${xLabels[i]}</text>`,
    )}
      ${yTicks.map(
        (
          t,
          i,
        ) => svg`<line class="grid" x1=${left} x2=${left + innerW} y1=${scale.y(t)} y2=${scale.y(t)}></line>
          <text x=${left - 6} y=${scale.y(t) + 4.5} text-anchor="end">${yLabels[i]}</text>`,
      )}
      <rect class="frame" x=${left} y=${MARGIN.top} width=${innerW} height=${innerH}></rect>
      <text class="title" x=${left + innerW / 2} y=${scale.height - 6} text-anchor="middle">${this.labels[xi]}</text>
      <text class="title" transform="rotate(-90)" x=${-(MARGIN.top + innerH / 2)} y="15" text-anchor="middle">
        ${this.labels[yi]}
      </text>
      ${
        // A row blank in either feature has no place on the plot.
        sample?.x.map((row, r) =>
          Number.isFinite(row[xi]) && Number.isFinite(row[yi])
            ? marker(sample.y[r], scale.x(row[xi]), scale.y(row[yi]), 4)
            : nothing,
        ) ?? nothing
      }`;
  }

  /** The input's coordinates on the two axes; undefined for a field that is blank or invalid. */
  #input(): [x: number | undefined, y: number | undefined] {
    const finite = (value: number | undefined) =>
      value !== undefined && Number.isFinite(value) ? value : undefined;
    return [finite(this.current?.[this.xIndex]), finite(this.current?.[this.yIndex])];
  }

  #sampleBounds(sample: ScatterSample | null, xi: number, yi: number) {
    const cached = this.#bounds;
    if (cached && cached.sample === sample && cached.xi === xi && cached.yi === yi) return cached;
    const rows = sample?.x ?? [];
    this.#bounds = {
      sample,
      xi,
      yi,
      x: extent(rows.map((row) => row[xi])),
      y: extent(rows.map((row) => row[yi])),
    };
    return this.#bounds;
  }

  #summary(rows: number): string {
    const xLabel = this.labels[this.xIndex];
    const yLabel = this.labels[this.yIndex];
    const parts = [
      rows > 0
        ? `Scatter plot of ${rows} training rows, ${xLabel} across against ${yLabel} up, coloured by class: ${this.classes.join(', ')}.`
        : `Scatter plot of ${xLabel} against ${yLabel}: this model was saved without training rows to show.`,
    ];
    const [cx, cy] = this.#input();
    if (cx !== undefined && cy !== undefined) {
      parts.push(`Your input is at ${xLabel} ${formatNumber(cx)}, ${yLabel} ${formatNumber(cy)}.`);
    } else if (this.current) {
      parts.push('Your input is not shown: one of these two fields is blank.');
    }
    return parts.join(' ');
  }
}

/** About one tick per `spacing` units of an axis `length` units long: 3 to 5 of them. */
function tickCount(length: number, spacing: number): number {
  return Math.min(5, Math.max(3, Math.floor(length / spacing)));
}

/** The smallest and largest value, or null for no values. */
type Extent = readonly [min: number, max: number] | null;

/** The extent of the finite values (a blank training cell is NaN in the sample). */
function extent(values: readonly number[]): Extent {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : null;
}

/**
 * The range of the data and the input (when there is one) with 5% padding each side; a single value gets
 * ±1 so the scale is never degenerate.
 */
function padded(data: Extent, input: number | undefined): [number, number] {
  if (data === null && input === undefined) return [0, 1];
  let min = Math.min(data?.[0] ?? Infinity, input ?? Infinity);
  let max = Math.max(data?.[1] ?? -Infinity, input ?? -Infinity);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const pad = (max - min) * 0.05;
  return [min - pad, max + pad];
}

/** Data coordinates to SVG coordinates inside the margins. */
class PlotScale {
  readonly innerW: number;
  readonly innerH: number;

  constructor(
    readonly x0: number,
    readonly x1: number,
    readonly y0: number,
    readonly y1: number,
    /** The left margin, wide enough for the y tick labels. */
    readonly left: number,
    /** The drawing's size in SVG units. */
    readonly width: number,
    readonly height: number,
  ) {
    this.innerW = width - left - MARGIN.right;
    this.innerH = height - MARGIN.top - MARGIN.bottom;
  }

  x(v: number): number {
    return this.left + ((v - this.x0) / (this.x1 - this.x0)) * this.innerW;
  }

  y(v: number): number {
    return MARGIN.top + this.innerH - ((v - this.y0) / (this.y1 - this.y0)) * this.innerH;
  }
}

/** Class k's marker: circle, square, triangle, then the same shapes again in further colours. */
function marker(k: number, x: number, y: number, r: number) {
  const cls = `point c${k % CLASS_COLOUR_COUNT}`;
  switch (k % 3) {
    case 0:
      return svg`<circle class=${cls} cx=${x} cy=${y} r=${r}></circle>`;
    case 1:
      return svg`<rect class=${cls} x=${x - r * 0.85} y=${y - r * 0.85} width=${r * 1.7} height=${r * 1.7}></rect>`;
    default:
      return svg`<path class=${cls} d="M${x} ${y - r * 1.1}L${x + r} ${y + r * 0.8}L${x - r} ${y + r * 0.8}Z"></path>`;
  }
}

/**
 * The current input: a ring with a cross, in the text colour so it reads on any class colour. Drawn at
 * the origin and moved with one `transform`, so following the input changes a single attribute.
 */
function inputMarker(x: number, y: number) {
  return svg`<g class="input" transform="translate(${x} ${y})"><circle r="6.5"></circle>
    <path d="M-9 0H9M0 -9V9"></path></g>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-scatter-plot': PetalScatterPlot;
  }
}
