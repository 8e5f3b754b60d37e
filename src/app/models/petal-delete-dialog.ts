import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { controlStyles } from '../shared/theme';
import { UNDO_MS } from './model-actions';
import type { VersionInfo } from './registry/model-registry';

/** Fired when deletion is confirmed; `replacement` is the version that becomes active, if one was asked. */
export class DeleteConfirmEvent extends Event {
  constructor(
    readonly version: VersionInfo,
    readonly replacement: VersionInfo | undefined,
  ) {
    super('petal-delete-confirm', { bubbles: true, composed: true });
  }
}

/**
 * Asks before a version is deleted. Deleting the active version also asks which version takes its place,
 * since the app always has an active model.
 */
@customElement('petal-delete-dialog')
export class PetalDeleteDialog extends LitElement {
  static override styles = [
    controlStyles,
    css`
      dialog {
        border: 1px solid var(--petal-border);
        border-radius: var(--petal-radius);
        background: var(--petal-surface);
        color: var(--petal-text);
        max-width: 28rem;
        padding: 1.25rem;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.4);
      }
      .buttons {
        display: flex;
        justify-content: flex-end;
        gap: 0.75rem;
        margin-top: 1rem;
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: 0.25rem;
      }
      button.danger {
        background: var(--petal-error-text);
        border-color: var(--petal-error-text);
        color: var(--petal-surface);
      }
    `,
  ];

  /** The version to delete. */
  @property({ attribute: false }) version: VersionInfo | null = null;

  /** True when `version` is the active one. */
  @property({ type: Boolean }) active = false;

  /** The versions that could become active instead (newest first is friendliest). */
  @property({ attribute: false }) others: readonly VersionInfo[] = [];

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('select') private select?: HTMLSelectElement;

  /** Opens the dialog as a modal, with focus on Cancel (the safe choice). */
  async open(): Promise<void> {
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    this.renderRoot.querySelector<HTMLButtonElement>('button[value="cancel"]')?.focus();
  }

  close(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  override render() {
    const version = this.version;
    const name = version ? `v${version.version}` : '';
    return html`<dialog aria-labelledby="delete-title">
      ${
        version
          ? html`<h2 id="delete-title">Delete ${name}?</h2>
            <p>
              “${version.name}” will be removed from this browser. Right after, an Undo button brings it
              back for ${UNDO_MS / 1000} seconds.
            </p>
            ${
              this.active
                ? html`<div class="field">
                  <p>${name} is the active model. Choose which version becomes active instead.</p>
                  <label for="replacement">New active version</label>
                  <select id="replacement">
                    ${this.others.map(
                      (other) => html`<option .value=${other.id}>v${other.version} · ${other.name}</option>`,
                    )}
                  </select>
                </div>`
                : nothing
            }
            <div class="buttons">
              <button type="button" value="cancel" @click=${() => this.close()}>Cancel</button>
              <button type="button" class="danger" @click=${this.#confirm}>Delete</button>
            </div>`
          : nothing
      }
    </dialog>`;
  }

  #confirm(): void {
    const version = this.version;
    if (!version) return;
    const replacement = this.active
      ? this.others.find((other) => other.id === this.select?.value)
      : undefined;
    this.close();
    this.dispatchEvent(new DeleteConfirmEvent(version, replacement));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-delete-dialog': PetalDeleteDialog;
  }
  interface HTMLElementEventMap {
    'petal-delete-confirm': DeleteConfirmEvent;
  }
}
