import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { controlStyles } from '../shared/theme';
import { dismissFirstSteps, firstStepsDismissed } from './first-steps-flag';

/** The tabs a step opens (petal-app's ids). */
export type StepTab = 'train' | 'predict' | 'batch';

/** Fired when a step asks for its tab; petal-app opens it. */
export class OpenTabEvent extends Event {
  constructor(readonly tab: StepTab) {
    super('petal-open-tab', { bubbles: true, composed: true });
  }
}

const STEPS: readonly { readonly tab: StepTab; readonly title: string; readonly text: string }[] = [
  {
    tab: 'predict',
    title: 'Try the ready model',
    text: 'Predict already holds a model trained on iris flowers: change a value and watch the answer.',
  },
  {
    tab: 'train',
    title: 'Pick your data and train',
    text: 'On Train, choose a CSV file (or the bundled iris data), check how each column is used, press Train.',
  },
  {
    tab: 'predict',
    title: 'Keep it and predict',
    text: 'Keep a run you like as a version: Predict and Batch then use it.',
  },
  {
    tab: 'batch',
    title: 'Score a whole file',
    text: 'On Batch, drop a CSV with the same columns to get every row’s class and probability.',
  },
];

/**
 * The first-visit path: four short numbered steps, each a button to its tab, shown until the person says
 * "Got it" (remembered in localStorage, first-steps-flag.ts). On a phone only the step titles show, so the
 * panels stay near the top. Loaded by the shell only while not dismissed, after the first-load code.
 */
@customElement('petal-first-steps')
export class PetalFirstSteps extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      section {
        margin: 0.75rem 0 0;
        padding: 0.75rem 1rem;
        border: 1px solid var(--petal-border);
        border-inline-start: 4px solid var(--petal-accent);
        border-radius: var(--petal-radius);
        background: var(--petal-surface);
      }
      .top {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: 0.5rem;
      }
      h2 {
        font-size: 1rem;
        margin: 0;
      }
      ol {
        margin: 0.5rem 0 0;
        padding: 0;
        list-style: none;
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
        gap: 0.5rem 1rem;
        counter-reset: step;
      }
      li {
        counter-increment: step;
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        align-content: start;
        gap: 0 0.5rem;
        font-size: 0.9rem;
      }
      /* On a phone the steps are their titles, two by two: the panels stay near the top. */
      @media (max-width: 40rem) {
        ol {
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
        li p {
          display: none;
        }
        li::before {
          grid-row: auto;
        }
      }
      li::before {
        content: counter(step);
        grid-row: span 2;
        width: 1.5rem;
        height: 1.5rem;
        border-radius: 50%;
        background: var(--petal-accent-soft);
        color: var(--petal-text);
        font-weight: 700;
        display: grid;
        place-items: center;
      }
      li button {
        justify-self: start;
        border: none;
        background: none;
        padding: 0;
        min-height: 0;
        border-radius: 4px;
        font-weight: 600;
        color: var(--petal-accent);
        text-decoration: underline;
        text-underline-offset: 2px;
      }
      li p {
        margin: 0.1rem 0 0;
        color: var(--petal-muted);
      }
    `,
  ];

  @state() private dismissed = firstStepsDismissed();

  override render() {
    if (this.dismissed) return html``;
    return html`<section aria-labelledby="first-steps-title">
      <div class="top">
        <h2 id="first-steps-title">New here? Four steps</h2>
        <button type="button" @click=${this.#dismiss}>Got it</button>
      </div>
      <ol>
        ${STEPS.map(
          (step) => html`<li>
            <button type="button" @click=${() => this.dispatchEvent(new OpenTabEvent(step.tab))}>
              ${step.title}
            </button>
            <p>${step.text}</p>
          </li>`,
        )}
      </ol>
    </section>`;
  }

  #dismiss() {
    this.dismissed = true;
    dismissFirstSteps();
    // The button that had focus is gone: focus goes to the tabs, the next thing in reading order.
    this.dispatchEvent(new Event('petal-first-steps-dismissed', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-first-steps': PetalFirstSteps;
  }
}
