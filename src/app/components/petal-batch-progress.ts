import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ScoreProgress } from '../../score/score-csv';
import { progressShare, scoreProgressText } from '../batch/score-progress-text';
import { controlStyles } from '../styles/theme';
import { styleProperties } from './style-properties';

/** The scoring progress bar: "120,000 rows · 45% · 650,000 rows/s · about 1 s left". */
@customElement('petal-batch-progress')
export class PetalBatchProgress extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        contain: content;
        margin-top: 1rem;
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
        background: var(--petal-accent);
        transform-origin: left center;
      }
    `,
  ];

  /** The latest progress report, null before the first. */
  @property({ attribute: false }) progress: ScoreProgress | null = null;

  override render() {
    const text = scoreProgressText(this.progress);
    const percent = Math.floor(progressShare(this.progress) * 100);
    return html`<div
      role="progressbar"
      aria-label="Scoring progress"
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${percent}
      aria-valuetext=${text}
    >
      <div class="track"><div class="fill" style=${styleProperties({ transform: `scaleX(${percent / 100})` })}></div></div>
      <span>${text}</span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-batch-progress': PetalBatchProgress;
  }
}
