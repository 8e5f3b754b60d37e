import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { controlStyles } from '../shared/theme';
import { AppUpdatesController } from './app-updates-controller';

/**
 * An "Install" button when the browser offers installation; otherwise a line of help saying where the
 * browser keeps its install command. Also shows which version of Petal this page runs.
 */
@customElement('petal-install-app')
export class PetalInstallApp extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        margin: 0.5rem 0 0;
        font-size: 0.875rem;
        color: var(--petal-muted);
      }
      p {
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        /* Parts of the line are flex items: a wrapped part starts its own line, with no separator to strand. */
        gap: 0.25rem 1rem;
      }
    `,
  ];

  readonly #updates = new AppUpdatesController(this);

  /**
   * Only the offer: the Install button when the browser can install the app, nothing otherwise (the
   * header shows this; "About this device" shows the whole line).
   */
  @property({ type: Boolean, attribute: 'offer-only' }) offerOnly = false;

  override render() {
    const { canInstall, installed } = this.#updates.snapshot;
    if (this.offerOnly && (installed || !canInstall)) return nothing;
    const version = html`<span>Version ${__PETAL_VERSION__}</span>`;
    if (installed) return html`<p>${version}<span>Installed; works offline.</span></p>`;
    if (canInstall) {
      return html`<p>
        ${version}
        <button type="button" @click=${() => void this.#updates.updates.install()}>Install</button>
      </p>`;
    }
    return html`<p>
      ${version}<span>To install Petal, use your browser's menu → Install app / Add to Home Screen.</span>
    </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-install-app': PetalInstallApp;
  }
}
