import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { downloadFile } from '../shared/download-file';
import { controlStyles } from '../shared/theme';
import type { AppServices } from '../shell/app-services';
import { ModelActions } from './model-actions';
import type { DeleteConfirmEvent, PetalDeleteDialog } from './petal-delete-dialog';
import type { VersionInfo } from './registry/model-registry';
import { checkedName } from './registry/version-info';
import { RegistryController } from './registry-controller';
import { versionRow } from './version-row';
import './petal-delete-dialog';

/**
 * The Models tab: every saved version with its actions (activate, rename, delete, export) and the import
 * of exported files. The list follows the registry, so changes made in another tab show up here too.
 */
@customElement('petal-models-panel')
export class PetalModelsPanel extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: grid;
        /* A wide table scrolls inside its card instead of widening the page. */
        grid-template-columns: minmax(0, 1fr);
        gap: var(--petal-gap);
      }
      .scroll {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      caption {
        text-align: left;
        font-weight: 600;
        margin-bottom: 0.4rem;
      }
      th,
      td {
        text-align: left;
        padding: 0.4rem 0.6rem;
        border-bottom: 1px solid var(--petal-border);
        vertical-align: top;
      }
      tr.active {
        background: var(--petal-accent-soft);
      }
      td.number {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      td.buttons {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
      }
      .badge {
        border: 1px solid var(--petal-accent);
        border-radius: 999px;
        padding: 0 0.5rem;
        font-size: 0.85rem;
      }
      .rename {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
        align-items: center;
      }
      .import {
        display: flex;
        flex-direction: column;
        gap: 0.35rem;
        align-items: flex-start;
      }
      .import label {
        font-weight: 600;
      }
    `,
  ];

  /** The app's bridge and registry. */
  @property({ attribute: false }) services?: AppServices;

  @state() private renaming: { readonly id: string; readonly draft: string; readonly error: string } | null =
    null;
  @state() private deleting: VersionInfo | null = null;

  @query('petal-delete-dialog') private dialog!: PetalDeleteDialog;

  readonly #registry = new RegistryController(this, () => this.services);
  readonly #actions = new ModelActions(this, {
    registry: () => this.services?.registry,
    download: (files) => {
      downloadFile(files.modelJsonName, files.modelJson, 'application/json');
      downloadFile(files.weightsName, files.weights, 'application/octet-stream');
    },
  });

  override render() {
    const { versions, activeId } = this.#registry.snapshot;
    const busy = this.#actions.busy;
    const message = this.#actions.message;
    const deleting = this.deleting;
    // Newest first: the version just trained or imported is where the eye lands.
    const rows = [...versions].reverse();
    return html`<section class="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Saved models</h2>
        <div class="scroll">
          <table>
            <caption>Model versions</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Name</th>
                <th scope="col">Model</th>
                <th scope="col">Created</th>
                <th scope="col">Source</th>
                <th scope="col">Test accuracy</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map((version) =>
                versionRow(version, {
                  active: version.id === activeId,
                  busy,
                  ...(this.renaming?.id === version.id ? { rename: this.renaming } : {}),
                  onActivate: () => this.#actions.activate(version),
                  onRenameStart: () => {
                    this.renaming = { id: version.id, draft: version.name, error: '' };
                  },
                  onRenameInput: (draft) => {
                    if (this.renaming) this.renaming = { ...this.renaming, draft, error: '' };
                  },
                  onRenameSave: () => this.#saveName(version),
                  onRenameCancel: () => {
                    this.renaming = null;
                  },
                  onDelete: () => this.#askDelete(version, versions),
                  onExport: () => this.#actions.export(version),
                }),
              )}
            </tbody>
          </table>
        </div>
        ${versions.length === 0 ? html`<p class="muted">No saved models yet.</p>` : nothing}
      </section>
      <section class="card" aria-labelledby="import-heading">
        <h2 id="import-heading">Import a model</h2>
        <div class="import">
          <label for="import-files">Import model files</label>
          <input
            id="import-files"
            type="file"
            multiple
            accept=".json,.bin,application/json,application/octet-stream"
            ?disabled=${busy}
            aria-describedby="import-hint"
            @change=${this.#onImport}
          />
          <p class="muted" id="import-hint">Choose both files of an exported model: its .json file and its weights file.</p>
        </div>
      </section>
      <p role="status">${message?.kind === 'status' ? message.text : ''}</p>
      <p role="alert" class=${message?.kind === 'alert' ? 'error' : ''}>
        ${message?.kind === 'alert' ? message.text : ''}
      </p>
      <petal-delete-dialog
        .version=${deleting}
        ?active=${deleting !== null && deleting.id === activeId}
        .others=${deleting ? rows.filter((other) => other.id !== deleting.id) : []}
        @petal-delete-confirm=${this.#onDelete}
      ></petal-delete-dialog>`;
  }

  async #saveName(version: VersionInfo): Promise<void> {
    const draft = this.renaming?.draft ?? '';
    try {
      checkedName(draft);
    } catch (error) {
      if (this.renaming) this.renaming = { ...this.renaming, error: (error as Error).message };
      return;
    }
    if (await this.#actions.rename(version, draft)) this.renaming = null;
  }

  #askDelete(version: VersionInfo, versions: readonly VersionInfo[]): void {
    if (versions.length <= 1) {
      this.#actions.say({
        kind: 'alert',
        text: `v${version.version} is the only saved model, so it cannot be deleted. Train or import another version first.`,
      });
      return;
    }
    this.deleting = version;
    void this.dialog.open();
  }

  #onDelete(event: DeleteConfirmEvent): void {
    this.deleting = null;
    if (this.renaming?.id === event.version.id) this.renaming = null;
    void this.#actions.remove(event.version, event.replacement);
  }

  async #onImport(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    if (files.length === 0) return;
    await this.#actions.import(files);
    input.value = '';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-models-panel': PetalModelsPanel;
  }
}
