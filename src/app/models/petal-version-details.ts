import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { controlStyles } from '../shared/theme';
import type { SavedVersion } from './registry/model-registry';
import type { DetailsState } from './version-details-controller';
import { settingFacts, summaryFacts } from './version-facts';
import {
  columnsSection,
  curvesSection,
  factsList,
  sectionStyles,
  settingsTable,
  testSection,
} from './version-sections';

/** The dialog frame both views share: nearly the whole screen on a phone, a wide sheet on a laptop. */
export const viewDialogStyles = css`
  dialog {
    border: 1px solid var(--petal-border);
    border-radius: var(--petal-radius);
    background: var(--petal-surface);
    color: var(--petal-text);
    width: min(64rem, calc(100vw - 1rem));
    max-width: none;
    max-height: calc(100dvh - 1rem);
    padding: 0;
    overflow: auto;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  header {
    position: sticky;
    top: 0;
    z-index: 1;
    display: flex;
    align-items: center;
    gap: 0.5rem 0.75rem;
    flex-wrap: wrap;
    padding: 0.75rem 1rem;
    background: var(--petal-surface);
    border-bottom: 1px solid var(--petal-border);
  }
  header h2 {
    margin: 0;
    flex: 1 1 12rem;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .body {
    padding: 0.25rem 1rem 1rem;
  }
  .badge {
    border: 1px solid var(--petal-accent);
    border-radius: 999px;
    padding: 0 0.5rem;
    font-size: 0.85rem;
    font-weight: 600;
  }
`;

/**
 * One saved version in full, in a modal dialog: its figures, curves, confusion matrix and per-class
 * metrics, every training setting, the columns and how each is read, the data fingerprint and size.
 * Escape or Close closes it and focus goes back to where it was (the row's actions menu).
 */
@customElement('petal-version-details')
export class PetalVersionDetails extends LitElement {
  static override styles = [controlStyles, sectionStyles, viewDialogStyles];

  /** The version shown. */
  @property({ attribute: false }) version: SavedVersion | null = null;

  /** True when it is the active version. */
  @property({ type: Boolean }) active = false;

  /** Its details as read from the registry. */
  @property({ attribute: false }) details: DetailsState | null = null;

  @query('dialog') private dialog!: HTMLDialogElement;

  /** Opens the dialog as a modal, with focus on its heading so a screen reader starts at the top. */
  async open(): Promise<void> {
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  close(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  override render() {
    const version = this.version;
    return html`<dialog aria-labelledby="details-title">
      ${version ? this.#content(version) : nothing}
    </dialog>`;
  }

  #content(version: SavedVersion) {
    const v = `v${version.version}`;
    const state = this.details;
    return html`<header>
        <h2 id="details-title" tabindex="-1">${v} · ${version.name}</h2>
        ${this.active ? html`<strong class="badge">Active</strong>` : nothing}
        <button type="button" @click=${() => this.close()}>Close</button>
      </header>
      <div class="body">
        ${
          state === null || state.status === 'loading'
            ? html`<p role="status">Reading ${v}…</p>`
            : state.status === 'failed'
              ? html`<p role="alert" class="error">The details of ${v} could not be read: ${state.message}</p>`
              : html`<h3>Summary</h3>
                  ${factsList(
                    summaryFacts(version, state.details.metadata).filter(
                      (fact) =>
                        fact.key !== 'source' || fact.value.toLowerCase() !== version.name.toLowerCase(),
                    ),
                    `Summary of ${v}`,
                  )}
                  <h3>Training curves</h3>
                  ${curvesSection(version, state.details)}
                  <h3>Test results</h3>
                  ${testSection(state.details)}
                  <h3>Settings</h3>
                  ${settingsTable(settingFacts(state.details.metadata), `Settings of ${v}`)}
                  <h3>Columns</h3>
                  ${columnsSection(state.details, `Columns of ${v}`)}`
        }
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-version-details': PetalVersionDetails;
  }
}
