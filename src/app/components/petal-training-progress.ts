import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { controlStyles } from '../styles/theme';
import { progressText } from '../train/time-left';
import { styleProperties } from './style-properties';

/** The training progress bar: "Epoch 12 of 40 · about 1 s left". */
@customElement('petal-training-progress')
export class PetalTrainingProgress extends LitElement {
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

  /** Epochs finished so far (0 before the first one ends). */
  @property({ type: Number }) epoch = 0;

  /** Epochs planned. */
  @property({ type: Number }) epochs = 1;

  /** Estimated milliseconds left, or null while unknown. */
  @property({ attribute: false }) timeLeftMs: number | null = null;

  override render() {
    const text = progressText(this.epoch, this.epochs, this.timeLeftMs);
    const share = this.epochs > 0 ? Math.min(1, this.epoch / this.epochs) : 0;
    return html`<div
      role="progressbar"
      aria-label="Training progress"
      aria-valuemin="0"
      aria-valuemax=${this.epochs}
      aria-valuenow=${this.epoch}
      aria-valuetext=${text}
    >
      <div class="track"><div class="fill" style=${styleProperties({ transform: `scaleX(${share.toFixed(4)})` })}></div></div>
      <span>${text}</span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-training-progress': PetalTrainingProgress;
  }
}
