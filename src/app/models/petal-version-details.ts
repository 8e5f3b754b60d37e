import { html, LitElement, nothing } from 'lit';
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
import { viewDialogHeader, viewDialogStyles } from './view-dialog';

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
    return html`${viewDialogHeader({
      titleId: 'details-title',
      title: `${v} · ${version.name}`,
      badge: this.active ? 'Active' : undefined,
      onClose: () => this.close(),
    })}
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
