// The Predict form's compact result bar. Where the Prediction card sits below the form (a phone, a narrow
// window) it would be out of sight while the user types; the bar, sticky at the top of the Measurements
// card, keeps the answer in view for as long as the form is on screen, and goes with the form when the
// user scrolls on to the card. It is not a live region: the card's is, so each answer is announced once.
import { css, html, nothing } from 'lit';
import { formatPercent } from '../shared/format-number';
import type { PredictionCardState } from './petal-prediction-card';

export const stickyResultStyles = css`
  .sticky {
    position: sticky;
    top: 0;
    z-index: 1;
    margin: 0 -0.5rem 0.75rem;
    padding: 0.45rem 0.75rem;
    border: 1px solid var(--petal-border);
    border-radius: 8px;
    background: var(--petal-surface);
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.15);
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
    align-items: baseline;
  }
  .sticky strong {
    color: var(--petal-accent);
    overflow-wrap: anywhere;
  }
  .sticky.unreliable strong {
    color: var(--petal-muted);
  }
  .sticky .flag {
    font-size: 0.85rem;
    font-weight: 600;
    color: var(--petal-warning-text);
    background: var(--petal-warning-bg);
    border-radius: 4px;
    padding: 0 0.35rem;
  }
`;

/** The bar: the predicted class and its probability, "Unreliable" when an input lies outside the training data. */
export function stickyResult(state: PredictionCardState) {
  const unreliable = state.kind === 'prediction' && state.unreliable.length > 0;
  return html`<div class=${unreliable ? 'sticky unreliable' : 'sticky'}>
    <span class="muted">Prediction</span>
    ${
      state.kind === 'prediction'
        ? html`<strong>${state.classes[state.predicted]}</strong>
            <span>${formatPercent(state.probabilities[state.predicted])}</span>
            ${unreliable ? html`<span class="flag">Unreliable</span>` : nothing}`
        : html`<span>${
            state.kind === 'incomplete'
              ? 'Fill in every field'
              : state.kind === 'predicting'
                ? 'Predicting…'
                : 'None: see below'
          }</span>`
    }
  </div>`;
}
