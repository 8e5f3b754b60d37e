import { css, html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { controlStyles } from '../shared/theme';
import { AppUpdatesController } from './app-updates-controller';

/**
 * The "Update ready · Reload" offer, in a `role="status"` region that is always present (so screen readers
 * announce what appears in it). Empty while no update waits, or while training or scoring runs.
 * An old tab whose files are gone offers "A new version of Petal is available" with the same button.
 */
@customElement('petal-update-prompt')
export class PetalUpdatePrompt extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .offer {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.6rem;
        margin: 0.75rem 0 0;
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--petal-accent);
        border-radius: var(--petal-radius);
        background: var(--petal-accent-soft);
        color: var(--petal-text);
      }
    `,
  ];

  readonly #updates = new AppUpdatesController(this);

  override render() {
    const { offer } = this.#updates.snapshot;
    const message =
      offer === 'update-ready'
        ? 'Update ready'
        : offer === 'new-version'
          ? 'A new version of Petal is available — reload to use it.'
          : '';
    // The region stays in the accessibility tree while empty, so what appears in it is announced.
    return html`<div role="status" aria-label="App update">
      ${
        message
          ? html`<div class="offer">
              <strong>${message}</strong>
              <button type="button" class="primary" @click=${() => this.#updates.updates.acceptUpdate()}>
                Reload
              </button>
            </div>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-update-prompt': PetalUpdatePrompt;
  }
}
