import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { RegistryController } from '../models/registry-controller';
import { AppUpdatesController } from '../pwa/app-updates-controller';
import { controlStyles, themeTokens } from '../shared/theme';
import type { AppServices } from './app-services';
import { EngineController } from './engine-controller';
import { firstStepsDismissed } from './first-steps-flag';
import '../predict/petal-predict-panel';
import '../pwa/petal-update-prompt';

const TABS = [
  { id: 'predict', label: 'Predict' },
  { id: 'train', label: 'Train' },
  { id: 'compare', label: 'Compare' },
  { id: 'batch', label: 'Batch' },
  { id: 'models', label: 'Models' },
] as const;

type TabId = (typeof TABS)[number]['id'];

/**
 * Every view but Predict is loaded on first use: a first visit needs only the form to predict, the
 * first-load JavaScript has a size budget, and a view that is not defined yet cannot start work (such as
 * reading the bundled CSV) that competes with the first prediction. The service worker precaches these
 * chunks, so they load offline too.
 */
const PANEL_MODULES: Partial<Record<TabId, () => Promise<unknown>>> = {
  train: () => import('../train/petal-train-panel'),
  compare: () => import('../compare/petal-compare-panel'),
  batch: () => import('../batch/petal-batch-panel'),
  models: () => import('../models/petal-models-panel'),
};

/**
 * The shell: the header (name, promise, an install offer, the first-visit steps), the five tabs with their
 * panels, the footer's "About this device" (petal-about.ts, loaded when opened), and the global
 * `role="alert"` area for engine failures.
 * Tabs follow the WAI-ARIA tabs pattern: roving tabindex, arrow keys, Home and End, automatic activation.
 */
@customElement('petal-app')
export class PetalApp extends LitElement {
  static override styles = [
    themeTokens,
    controlStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
        background: var(--petal-bg);
      }
      .wrap {
        max-width: 1120px;
        margin: 0 auto;
        padding: 0 1rem 2rem;
      }
      header {
        padding: 1.5rem 0 1rem;
      }
      h1 {
        margin: 0;
        font-size: 2rem;
        letter-spacing: -0.02em;
        color: var(--petal-accent);
      }
      .promise {
        margin: 0.25rem 0 0;
        max-width: 44rem;
      }
      [role='tablist'] {
        display: flex;
        gap: 0.25rem;
        /* Five tabs fit a 320 px phone; should a label grow, the bar scrolls, never the page. */
        overflow-x: auto;
        scrollbar-width: thin;
        border-bottom: 1px solid var(--petal-border);
        margin-bottom: 1.25rem;
      }
      [role='tab'] {
        border: none;
        border-radius: 8px 8px 0 0;
        background: none;
        padding: 0.6rem 1.1rem;
        font-weight: 600;
        color: var(--petal-muted);
        border-bottom: 3px solid transparent;
        margin-bottom: -1px;
        flex: none;
      }
      @media (max-width: 30rem) {
        [role='tablist'] {
          gap: 0;
        }
        [role='tab'] {
          padding: 0.55rem 0.5rem;
          font-size: 0.9rem;
        }
      }
      [role='tab'][aria-selected='true'] {
        color: var(--petal-text);
        border-bottom-color: var(--petal-accent);
      }
      /* Hover shows the tab can be chosen, never the selected underline (controlStyles' button:hover); only
         where there is a pointer that hovers: a tap would leave the tab under the finger looking chosen. */
      [role='tab']:hover {
        border-bottom-color: transparent;
      }
      [role='tab'][aria-selected='true']:hover {
        border-bottom-color: var(--petal-accent);
      }
      @media (hover: hover) {
        [role='tab']:not([aria-selected='true']):hover {
          color: var(--petal-text);
          text-decoration: underline;
          text-decoration-color: var(--petal-border);
          text-underline-offset: 0.35em;
        }
      }
      .alert.error {
        margin: 0 0 1rem;
      }
      /* The steps' box as it will be (measured at 390 and 1366 px), kept free while its code loads. */
      petal-first-steps:not(:defined) {
        display: block;
        margin-top: 0.75rem;
        min-height: 11.02rem;
      }
      @media (max-width: 40rem) {
        petal-first-steps:not(:defined) {
          min-height: 11.62rem;
        }
      }
      /*
       * On Predict, where a visit lands, the footer starts below the fold: moved down as the model loads, it
       * would count as a layout shift. Other tabs are reached by a click (shifts after input do not count)
       * and keep their own height, with no blank screen under a short Models or Batch tab.
       */
      main.predict {
        min-height: 100vh;
      }
      footer {
        margin-top: 2rem;
        border-top: 1px solid var(--petal-border);
        padding-top: 0.75rem;
        font-size: 0.9rem;
      }
      .about summary {
        cursor: pointer;
        font-weight: 600;
        width: fit-content;
      }
    `,
  ];

  /** The app's bridge and registry, created once in `main.ts`. */
  @property({ attribute: false }) services?: AppServices;

  /** "About this device" has been opened (its element is loaded then, and kept). */
  @state() private aboutOpened = false;

  /** The open tab, kept in the URL's hash (#train …) so that a reload, a bookmark or a shared link opens it. */
  @state() private selected: TabId = tabInUrl() ?? 'predict';

  readonly #onHashChange = () => {
    const id = tabInUrl();
    if (id && id !== this.selected) this.#select(id);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
    // A tab opened from the URL loads its panel as a click would.
    if (this.selected !== 'predict') this.#select(this.selected);
    if (this.#showSteps) void import('./petal-first-steps');
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.#onHashChange);
    super.disconnectedCallback();
  }

  /**
   * The first-visit steps, until dismissed. Their code is a chunk of its own, asked for at once; its box's
   * height is kept free until it arrives (`petal-first-steps:not(:defined)`), so nothing below moves.
   */
  readonly #showSteps = !firstStepsDismissed();

  /** Whether the browser offers installation, for the header's Install button. */
  readonly #updates = new AppUpdatesController(this);

  readonly #engine = new EngineController(this, () => this.services);
  readonly #registry = new RegistryController(this, () => this.services);

  override render() {
    // The alert region is always rendered, empty when all is well, so screen readers announce a message
    // inserted into it.
    const engineError = this.#engineError();
    return html`<div class="wrap">
      <header>
        <h1>Petal</h1>
        <p class="promise">
          Train, keep and use a small classifier entirely in your browser. No server: your data never leaves
          this device.
        </p>
        ${this.#installOffer()}
        <petal-update-prompt></petal-update-prompt>
        ${
          this.#showSteps
            ? html`<petal-first-steps
                @petal-open-tab=${(event: Event & { tab: TabId }) => this.#select(event.tab, true)}
                @petal-first-steps-dismissed=${() => this.#focusSelectedTab()}
              ></petal-first-steps>`
            : nothing
        }
      </header>
      <main class=${this.selected}>
        <div class=${engineError ? 'alert error' : 'alert'} role="alert">${engineError}</div>
        <div role="tablist" aria-label="Sections" @keydown=${this.#onTabKey}>
          ${TABS.map(
            (tab) => html`<button
              type="button"
              role="tab"
              id=${`tab-${tab.id}`}
              aria-selected=${tab.id === this.selected ? 'true' : 'false'}
              aria-controls=${`panel-${tab.id}`}
              tabindex=${tab.id === this.selected ? '0' : '-1'}
              @click=${() => this.#select(tab.id)}
            >
              ${tab.label}
            </button>`,
          )}
        </div>
        ${this.#panel('predict', html`<petal-predict-panel .services=${this.services}></petal-predict-panel>`)}
        ${this.#panel('train', html`<petal-train-panel .services=${this.services} .models=${this.#registry.snapshot}></petal-train-panel>`)}
        ${this.#panel('compare', html`<petal-compare-panel .services=${this.services}></petal-compare-panel>`)}
        ${this.#panel('batch', html`<petal-batch-panel .services=${this.services} .models=${this.#registry.snapshot}></petal-batch-panel>`)}
        ${this.#panel('models', html`<petal-models-panel .services=${this.services}></petal-models-panel>`)}
      </main>
      <footer>
        <details class="about" @toggle=${this.#onAboutToggle}>
          <summary>About this device</summary>
          ${
            this.aboutOpened
              ? html`<petal-about
                .engine=${{
                  status: this.#engine.status,
                  backend: this.#engine.backend,
                  fallbackReason: this.#engine.fallbackReason,
                }}
                .storage=${this.#registry.snapshot.storage}
              ></petal-about>`
              : nothing
          }
        </details>
      </footer>
    </div>`;
  }

  #panel(id: TabId, content: unknown) {
    return html`<section
      role="tabpanel"
      id=${`panel-${id}`}
      aria-labelledby=${`tab-${id}`}
      tabindex="0"
      ?hidden=${id !== this.selected}
    >
      ${content}
    </section>`;
  }

  /**
   * "About this device" is loaded the first time it is opened (few visits open it, and the first
   * prediction should not wait for it); opened at the foot of the page it would unfold below the fold, so
   * it is brought into view once drawn.
   */
  async #onAboutToggle(event: Event): Promise<void> {
    const details = event.currentTarget as HTMLDetailsElement;
    if (!details.open) return;
    this.aboutOpened = true;
    await import('./petal-about');
    await this.updateComplete;
    details.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  /**
   * The header's Install button, once the browser offers installation: that comes after the service
   * worker is registered, itself after the first model, so the button's code is loaded only then.
   */
  #installOffer() {
    if (!this.#updates.snapshot.canInstall) return nothing;
    void import('../pwa/petal-install-app');
    return html`<petal-install-app offer-only></petal-install-app>`;
  }

  #focusSelectedTab() {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>(`#tab-${this.selected}`)?.focus(),
    );
  }

  #engineError(): string {
    if (this.#engine.error) return this.#engine.error;
    if (this.#engine.status === 'failed') {
      return 'The prediction engine could not be started. Reload the page to try again.';
    }
    return '';
  }

  #select(id: TabId, focus = false) {
    void PANEL_MODULES[id]?.();
    this.selected = id;
    // Replaced, not pushed: tabs are not pages, so Back leaves the app rather than walking the tabs.
    const hash = id === 'predict' ? '' : `#${id}`;
    if (window.location.hash !== hash) {
      history.replaceState(history.state, '', `${window.location.pathname}${window.location.search}${hash}`);
    }
    if (focus) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLButtonElement>(`#tab-${id}`)?.focus(),
      );
    }
  }

  #onTabKey(event: KeyboardEvent) {
    const index = TABS.findIndex((tab) => tab.id === this.selected);
    const last = TABS.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (index + last) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : -1;
    if (next < 0) return;
    event.preventDefault();
    this.#select(TABS[next].id, true);
  }
}

/** The tab the URL's hash names (#train, #batch …), if any. */
function tabInUrl(): TabId | undefined {
  const id = window.location.hash.slice(1);
  return TABS.find((tab) => tab.id === id)?.id;
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-app': PetalApp;
  }
}
