import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { controlStyles } from '../shared/theme';

/** Example buttons shown at once; a model with more classes offers its examples in a list. */
const EXAMPLE_BUTTONS = 12;

/**
 * The "Example: <class>" buttons that fill the form with a typical row of a class, or, for a model with
 * many classes, a list to pick the class from. Dumb: it reports the class chosen with a bubbling
 * `petal-example` event (its detail is the class index).
 */
@customElement('petal-class-examples')
export class PetalClassExamples extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        margin: 0 0 1rem;
      }
      .examples {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      select {
        max-width: 100%;
      }
    `,
  ];

  /** Class names, in the model's class order. */
  @property({ attribute: false }) classes: readonly string[] = [];

  override render() {
    const { classes } = this;
    if (classes.length <= EXAMPLE_BUTTONS) {
      return html`<div class="examples">
        ${classes.map(
          (name, k) => html`<button type="button" @click=${() => this.#choose(k)}>Example: ${name}</button>`,
        )}
      </div>`;
    }
    return html`<label class="examples"
      >Fill with an example of
      <select
        @change=${(event: Event) => {
          const select = event.target as HTMLSelectElement;
          if (select.value !== '') this.#choose(Number(select.value));
          select.value = '';
        }}
      >
        <option value="">a class…</option>
        ${classes.map((name, k) => html`<option value=${k}>${name}</option>`)}
      </select></label
    >`;
  }

  #choose(classIndex: number) {
    this.dispatchEvent(new CustomEvent<number>('petal-example', { detail: classIndex, bubbles: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-class-examples': PetalClassExamples;
  }
  interface HTMLElementEventMap {
    'petal-example': CustomEvent<number>;
  }
}
