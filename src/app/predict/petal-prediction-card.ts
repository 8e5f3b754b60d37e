import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { controlStyles } from '../shared/theme';
import { probabilityChartStyles } from './petal-probability-chart';
import type { UnreliableInput } from './unreliable-inputs';
import './petal-probability-chart';

/** What the Prediction card shows. */
export type PredictionCardState =
  /** A field is empty or invalid: nothing to predict. */
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'predicting' }
  /** The worker could not predict these values (the message says why). */
  | { readonly kind: 'error'; readonly message: string }
  /** The engine crashed and restarted (the shell says so); the next edit predicts again. */
  | { readonly kind: 'engine-restarted' }
  | {
      readonly kind: 'prediction';
      readonly classes: readonly string[];
      readonly probabilities: readonly number[];
      readonly predicted: number;
      /** The inputs outside the training data; any makes the prediction unreliable. */
      readonly unreliable: readonly UnreliableInput[];
    };

/**
 * The Prediction card: the predicted class and every class's probability, in a live region named by the
 * card's heading so each new answer is announced. A prediction made from inputs outside the training data
 * is shown as unreliable — a warning heading with the reasons (which feature, which value) inside the live
 * region, and muted bars — since the model answers as confidently there as anywhere.
 */
@customElement('petal-prediction-card')
export class PetalPredictionCard extends LitElement {
  static override styles = [
    controlStyles,
    probabilityChartStyles,
    css`
      :host {
        display: block;
      }
      .verdict {
        font-size: 1.25rem;
        margin: 0 0 0.75rem;
      }
      .verdict strong {
        color: var(--petal-accent);
      }
      .unreliable .verdict strong {
        color: var(--petal-muted);
      }
      .caution {
        margin: 0 0 0.75rem;
      }
      .caution h3 {
        margin: 0;
      }
      .caution ul {
        margin: 0.25rem 0 0;
        padding-left: 1.25rem;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** What to show. */
  @property({ attribute: false }) state: PredictionCardState = { kind: 'incomplete' };

  override render() {
    const unreliable = this.state.kind === 'prediction' && this.state.unreliable.length > 0;
    return html`<section class=${`card${unreliable ? ' unreliable' : ''}`} aria-labelledby="heading">
      <h2 id="heading">Prediction</h2>
      <div role="status" aria-labelledby="heading">${this.#content()}</div>
    </section>`;
  }

  #content() {
    const { state } = this;
    switch (state.kind) {
      case 'incomplete':
        return html`<p class="muted">Fill in every field to see a prediction.</p>`;
      case 'predicting':
        return html`<p class="muted">Predicting…</p>`;
      case 'error':
        return html`<p class="error">${state.message}</p>`;
      case 'engine-restarted':
        return html`<p class="muted">No prediction: the engine restarted. Change a value to try again.</p>`;
      case 'prediction': {
        const unreliable = state.unreliable.length > 0;
        return html`${unreliable ? this.#caution(state.unreliable) : nothing}
          <p class="verdict">Predicted: <strong>${state.classes[state.predicted]}</strong></p>
          <petal-probability-chart
            .classes=${state.classes}
            .probabilities=${state.probabilities}
            .predicted=${state.predicted}
            .muted=${unreliable}
          ></petal-probability-chart>`;
      }
    }
  }

  #caution(inputs: readonly UnreliableInput[]) {
    return html`<div class="caution warning">
      <h3>Unreliable — outside the training data</h3>
      <ul>
        ${inputs.map((input) => html`<li>${input.message}.</li>`)}
      </ul>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-prediction-card': PetalPredictionCard;
  }
}
