import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AlgorithmScore } from '../../core/compare-classifiers';
import { styleProperties } from '../shared/style-properties';
import { controlStyles } from '../shared/theme';
import { bestBadge, bestBadgeStyles } from './best-badge';
import { axisStart, axisTicks, percent, percentMeanSd } from './compare-figures';

/** Where the axis starts, in words: "from 90% to 100%, not from 0", or "from 0 to 100%". */
export function axisRange(from: number): string {
  return from > 0 ? `from ${Math.round(from * 100)}% to 100%, not from 0` : 'from 0 to 100%';
}

/** The accuracy (mean ± sd) of each algorithm in words, the axis and the best: the chart's accessible name. */
export function chartLabel(
  scores: readonly Pick<AlgorithmScore, 'name' | 'accuracy'>[],
  best: readonly number[] = [],
): string {
  const parts = scores.map(
    (score, i) => `${score.name}${best.includes(i) ? ' (best)' : ''}: ${percentMeanSd(score.accuracy)}`,
  );
  return `Cross-validated accuracy, mean with ± 1 standard deviation error bars, axis ${axisRange(axisStart(scores.map((s) => s.accuracy)))}. ${parts.join('; ')}.`;
}

/**
 * Horizontal bars of mean cross-validated accuracy with ± 1 sd error bars, one per algorithm, the best
 * in the accent colour with a "Best" mark. The axis starts at 90% when every bar fits above it, so close
 * scores stay distinguishable, and the caption says so. Drawn with HTML and CSS rather than a scaled SVG,
 * so its text keeps the page's size on a phone and a long name wraps instead of being cut off. One image
 * (role=img) named with every figure; the table repeats them.
 */
@customElement('petal-compare-chart')
export class PetalCompareChart extends LitElement {
  static override styles = [
    controlStyles,
    bestBadgeStyles,
    css`
      :host {
        display: block;
        container-type: inline-size;
      }
      figure {
        margin: 0;
        max-width: 48rem;
      }
      figcaption {
        margin-bottom: 0.5rem;
      }
      .axis-note {
        font-weight: 600;
      }
      .chart {
        display: grid;
        grid-template-columns: minmax(0, 14rem) minmax(0, 1fr) 3.6rem;
        column-gap: 0.6rem;
        align-items: center;
      }
      .name {
        text-align: end;
        overflow-wrap: anywhere;
        padding: 0.3rem 0;
      }
      .plot {
        position: relative;
        height: 2.25rem;
        border-inline-start: 1px solid var(--petal-muted);
      }
      .grid {
        position: absolute;
        top: 0;
        bottom: 0;
        width: 0;
        border-inline-start: 1px solid var(--petal-border);
      }
      .bar {
        position: absolute;
        left: 0;
        top: 0.55rem;
        height: 1.15rem;
        border-radius: 0 4px 4px 0;
        background: var(--petal-bar);
      }
      .best .bar {
        background: var(--petal-accent);
      }
      /* The error bar: a line with an end cap each side, mean − sd to mean + sd. */
      .whisker {
        position: absolute;
        top: 50%;
        height: 0.8rem;
        transform: translateY(-50%);
        border-inline: 2px solid var(--petal-text);
      }
      .whisker::before {
        content: '';
        position: absolute;
        left: 0;
        right: 0;
        top: 50%;
        border-top: 2px solid var(--petal-text);
        transform: translateY(-50%);
      }
      .value {
        font-variant-numeric: tabular-nums;
        font-size: 0.9rem;
      }
      .value.best {
        font-weight: 700;
      }
      .ticks {
        grid-column: 2;
        position: relative;
        height: 1.4rem;
        border-top: 1px solid var(--petal-muted);
        font-size: 0.875rem;
        color: var(--petal-muted);
        font-variant-numeric: tabular-nums;
      }
      .ticks span {
        position: absolute;
        top: 0.15rem;
        transform: translateX(-50%);
        white-space: nowrap;
      }
      /* Centred on their ticks, but the first starts at the axis so it stays inside the chart. */
      .ticks span:first-child {
        transform: none;
      }
      .axis-title {
        grid-column: 2;
        text-align: center;
        font-size: 0.875rem;
      }
      /* Narrow (a phone): each name on its own line above its bar. */
      @container (max-width: 30rem) {
        .chart {
          grid-template-columns: minmax(0, 1fr) 3.6rem;
        }
        .name {
          grid-column: 1 / -1;
          text-align: start;
          padding: 0.4rem 0 0;
        }
        .ticks,
        .axis-title {
          grid-column: 1;
        }
      }
    `,
  ];

  /** The comparison's rows, in table order. */
  @property({ attribute: false }) scores: readonly AlgorithmScore[] = [];

  /** Row indices of the best (marked), from pickBest. */
  @property({ attribute: false }) best: readonly number[] = [];

  override render() {
    const scores = this.scores;
    if (scores.length === 0) return nothing;
    const from = axisStart(scores.map((s) => s.accuracy));
    const at = (value: number) => `${((Math.min(1, Math.max(from, value)) - from) / (1 - from)) * 100}%`;
    const ticks = axisTicks(from);
    return html`<figure>
      <figcaption>
        Mean accuracy over the folds, with ± 1 standard deviation.
        <span class="axis-note">Axis ${axisRange(from)}.</span>
      </figcaption>
      <div class="chart" role="img" aria-label=${chartLabel(scores, this.best)}>
        ${scores.map((score, i) => {
          const { mean, sd } = score.accuracy;
          const best = this.best.includes(i);
          return html`<div class=${best ? 'name best' : 'name'}>
              ${score.name}${best ? bestBadge : nothing}
            </div>
            <div class=${best ? 'plot best' : 'plot'}>
              ${ticks.slice(1).map((tick) => html`<span class="grid" style=${styleProperties({ left: at(tick) })}></span>`)}
              <span class="bar" style=${styleProperties({ width: at(mean) })}></span>
              ${
                sd > 0
                  ? html`<span
                      class="whisker"
                      style=${styleProperties({ left: at(mean - sd), width: `calc(${at(mean + sd)} - ${at(mean - sd)})` })}
                    ></span>`
                  : nothing
              }
            </div>
            <div class=${best ? 'value best' : 'value'}>${percent(mean)}</div>`;
        })}
        <div class="ticks">${ticks.map((tick) => html`<span style=${styleProperties({ left: at(tick) })}>${Math.round(tick * 100)}</span>`)}</div>
        <div class="axis-title">Accuracy (%)</div>
      </div>
    </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-compare-chart': PetalCompareChart;
  }
}
