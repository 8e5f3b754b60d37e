import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { styleProperties } from './style-properties';
import { controlStyles } from './theme';

/**
 * A labelled progress bar with its text under it ("Epoch 12 of 40 · about 1 s left", "120,000 rows · 45%
 * · …"): `role="progressbar"` with the value, the range and the text as `aria-valuetext`. The Train tab's
 * training and the Batch tab's scoring use it.
 */
@customElement('petal-progress-bar')
export class PetalProgressBar extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        contain: content;
      }
      .track {
        height: 0.6rem;
        border-radius: 999px;
        background: var(--petal-track);
        overflow: hidden;
        margin-bottom: 0.3rem;
      }
      .fill {
        height: 100%;
        width: 100%;
        background: var(--petal-accent);
        /* A transform, not a width, so each update is composited rather than laid out and painted. */
        transform-origin: left center;
      }
    `,
  ];

  /** The accessible name, e.g. "Training progress". */
  @property() label = 'Progress';

  /** Done so far, from 0 to `max`. */
  @property({ type: Number }) value = 0;

  @property({ type: Number }) max = 100;

  /** What the bar says, shown and given as `aria-valuetext`. */
  @property() text = '';

  override render() {
    const share = this.max > 0 ? Math.min(1, Math.max(0, this.value / this.max)) : 0;
    return html`<div
      role="progressbar"
      aria-label=${this.label}
      aria-valuemin="0"
      aria-valuemax=${this.max}
      aria-valuenow=${this.value}
      aria-valuetext=${this.text}
    >
      <div class="track"><div class="fill" style=${styleProperties({ transform: `scaleX(${share.toFixed(4)})` })}></div></div>
      <span>${this.text}</span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-progress-bar': PetalProgressBar;
  }
}
