import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatPercent } from '../shared/format-number';
import { styleProperties } from '../shared/style-properties';
import { classColour } from '../shared/theme';
import { mostLikely } from './most-likely';

/**
 * Styles of {@link PetalProbabilityChart}. The chart renders into the light DOM (see below), so the
 * element that contains it includes these in its own `static styles`.
 */
export const probabilityChartStyles = css`
  petal-probability-chart {
    display: block;
  }
  .probabilities {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.45rem;
  }
  .probabilities li {
    display: grid;
    grid-template-columns: minmax(5rem, 35%) 1fr 4rem;
    gap: 0.75rem;
    align-items: center;
  }
  .probabilities .name {
    overflow-wrap: anywhere;
  }
  .probabilities .value {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .probabilities .track {
    height: 0.85rem;
    border-radius: 999px;
    background: var(--petal-track);
    overflow: hidden;
  }
  /* A full-width bar slid left by the missing share (the track clips it): its rounded end stays round,
     and moving it is a compositor-only transform, with no layout or paint per prediction. */
  .probabilities .bar {
    display: block;
    width: 100%;
    height: 100%;
    border-radius: 999px;
    background: var(--petal-bar);
    will-change: transform;
  }
  .probabilities .predicted .name,
  .probabilities .predicted .value {
    font-weight: 700;
  }
  .probabilities .predicted .track {
    height: 1.1rem;
    outline: 2px solid var(--petal-text);
    outline-offset: 1px;
  }
  /* An unreliable prediction: grey, faded bars and a dashed outline, so its confidence does not read as
     trustworthy at a glance. */
  .probabilities.muted .bar {
    opacity: 0.45;
  }
  .probabilities.muted .predicted .track {
    outline-style: dashed;
    outline-color: var(--petal-muted);
  }
`;

/**
 * Every class with its probability as a percentage with one decimal ("97.3%") and a horizontal bar; the
 * predicted class is in bold with a thicker outlined bar in its class colour (grey and faded when `muted`).
 * Bar widths and colours are set through the CSSOM ({@link styleProperties}), not a `style` attribute,
 * which the CSP would block.
 *
 * It renders into the light DOM so that its text is part of the text of the live region that contains
 * it (a nested shadow root's text is not in the region's `textContent` / `innerText`).
 */
@customElement('petal-probability-chart')
export class PetalProbabilityChart extends LitElement {
  /** Class names, in the model's class order. */
  @property({ attribute: false }) classes: readonly string[] = [];

  /** One probability (0–1) per class, in the same order. */
  @property({ attribute: false }) probabilities: readonly number[] = [];

  /** Index of the predicted class, emphasised; -1 for none. */
  @property({ type: Number }) predicted = -1;

  /** Shows every bar grey and faded: the prediction is unreliable (outside the training data). */
  @property({ type: Boolean }) muted = false;

  protected override createRenderRoot() {
    return this;
  }

  override render() {
    if (this.probabilities.length !== this.classes.length) return nothing;
    const { shown, others } = mostLikely(this.probabilities, this.predicted);
    return html`<ul class=${this.muted ? 'probabilities muted' : 'probabilities'}>
      ${shown.map((i) => {
        const name = this.classes[i];
        const p = this.probabilities[i];
        const isPredicted = i === this.predicted;
        const colour = isPredicted && !this.muted ? classColour(i) : 'var(--petal-bar)';
        return html`<li class=${isPredicted ? 'predicted' : ''}>
          <span class="name">${name}</span>
          <span class="track" aria-hidden="true"
            ><span
              class="bar"
              style=${styleProperties({ transform: `translateX(${(p * 100 - 100).toFixed(1)}%)`, background: colour })}
            ></span
          ></span>
          <span class="value">${formatPercent(p)}</span>
        </li>`;
      })}
      ${
        others.count > 0
          ? html`<li class="others">
              <span class="name">${others.count.toLocaleString('en')} other classes</span>
              <span class="track" aria-hidden="true"></span>
              <span class="value">${formatPercent(others.probability)}</span>
            </li>`
          : nothing
      }
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-probability-chart': PetalProbabilityChart;
  }
}
