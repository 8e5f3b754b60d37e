import { css, html, LitElement, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AlgorithmScore } from '../../core/compare-classifiers';

/** The accuracy (mean ± sd) of each algorithm in words: the chart's accessible name. */
export function chartLabel(scores: readonly Pick<AlgorithmScore, 'name' | 'accuracy'>[]): string {
  const parts = scores.map(
    (score) => `${score.name}: ${score.accuracy.mean.toFixed(3)} ± ${score.accuracy.sd.toFixed(3)}`,
  );
  return `Cross-validated accuracy, mean with ± 1 standard deviation error bars. ${parts.join('; ')}.`;
}

const ROW = 34;
const LEFT = 250;
const WIDTH = 640;
const RIGHT = 20;
const TOP = 10;
const AXIS = 30;

/**
 * Horizontal bars of mean cross-validated accuracy with ± 1 sd error bars, one per algorithm, on an axis
 * that starts where the worst bar minus its error does (so close scores stay distinguishable), rounded
 * down to a tenth. The SVG is one image (role=img) named with every figure; the table repeats them.
 */
@customElement('petal-compare-chart')
export class PetalCompareChart extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    svg {
      width: 100%;
      max-width: 640px;
      height: auto;
      font: 12px var(--petal-font);
    }
    .bar {
      fill: var(--petal-accent);
      opacity: 0.75;
    }
    .error {
      stroke: var(--petal-text);
      stroke-width: 1.5;
    }
    .grid {
      stroke: var(--petal-border);
    }
    text {
      fill: var(--petal-text);
    }
  `;

  /** The comparison's rows, in table order. */
  @property({ attribute: false }) scores: readonly AlgorithmScore[] = [];

  override render() {
    const scores = this.scores;
    if (scores.length === 0) return html``;
    const lowest = Math.min(...scores.map((s) => s.accuracy.mean - s.accuracy.sd));
    const from = Math.max(0, Math.floor(Math.min(lowest, 0.9) * 10) / 10);
    const span = 1 - from;
    const plot = WIDTH - LEFT - RIGHT;
    const x = (value: number) => LEFT + (Math.min(1, Math.max(from, value)) - from) * (plot / span);
    const height = TOP + scores.length * ROW + AXIS;
    const ticks = Array.from({ length: Math.round(span * 20) + 1 }, (_, i) => from + i * 0.05).filter(
      (_, i) => span <= 0.3 || i % 2 === 0,
    );
    return html`<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label=${chartLabel(scores)}>
      ${ticks.map(
        (tick) => svg`<line class="grid" x1=${x(tick)} x2=${x(tick)} y1=${TOP} y2=${height - AXIS}></line>
          <text x=${x(tick)} y=${height - AXIS + 16} text-anchor="middle">${tick.toFixed(2)}</text>`,
      )}
      ${scores.map((score, i) => {
        const y = TOP + i * ROW;
        const { mean, sd } = score.accuracy;
        const middle = y + ROW / 2;
        return svg`<text x=${LEFT - 8} y=${middle + 4} text-anchor="end">${shortName(score.name)}</text>
          <rect class="bar" x=${LEFT} y=${y + 7} width=${Math.max(0, x(mean) - LEFT)} height=${ROW - 14}></rect>
          <line class="error" x1=${x(mean - sd)} x2=${x(mean + sd)} y1=${middle} y2=${middle}></line>
          <line class="error" x1=${x(mean - sd)} x2=${x(mean - sd)} y1=${middle - 6} y2=${middle + 6}></line>
          <line class="error" x1=${x(mean + sd)} x2=${x(mean + sd)} y1=${middle - 6} y2=${middle + 6}></line>`;
      })}
      <text x=${LEFT + plot / 2} y=${height - 2} text-anchor="middle">Accuracy</text>
    </svg>`;
  }
}

/** The name, cut with an ellipsis when it would not fit beside the bars (the table has it in full). */
function shortName(name: string): string {
  return name.length <= 36 ? name : `${name.slice(0, 35)}…`;
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-compare-chart': PetalCompareChart;
  }
}
