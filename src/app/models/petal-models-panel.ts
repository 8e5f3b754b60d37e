import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { downloadFile } from '../shared/download-file';
import type { FilesEvent } from '../shared/file-events';
import { controlStyles } from '../shared/theme';
import type { AppServices } from '../shell/app-services';
import { ActiveNotice } from './active-notice';
import { ModelActions } from './model-actions';
import { modelsPanelStyles } from './models-panel-styles';
import type { DeleteConfirmEvent, PetalDeleteDialog } from './petal-delete-dialog';
import type { ComparePickEvent, PetalVersionComparison } from './petal-version-comparison';
import type { PetalVersionDetails } from './petal-version-details';
import type { PetalVersionMenu } from './petal-version-menu';
import type { SavedVersion, VersionInfo } from './registry/model-registry';
import { checkedName } from './registry/version-info';
import { RegistryController } from './registry-controller';
import { VersionDetailsController } from './version-details-controller';
import { type VersionAction, versionRow } from './version-row';
import './petal-delete-dialog';
import '../shared/petal-file-drop';
import './petal-version-comparison';
import './petal-version-details';

/**
 * The Models tab: every saved version as one compact row with one actions menu (use, details, compare,
 * rename, export, delete), the details and comparison views, an undo after a delete, and the import of an
 * exported file. The list follows the registry, so changes made in another tab show up here too, and a
 * change of the active version made elsewhere is announced.
 */
@customElement('petal-models-panel')
export class PetalModelsPanel extends LitElement {
  static override styles = [controlStyles, modelsPanelStyles];

  /** The app's bridge and registry. */
  @property({ attribute: false }) services?: AppServices;

  @state() private renaming: { readonly id: string; readonly draft: string; readonly error: string } | null =
    null;
  @state() private deleting: VersionInfo | null = null;
  @state() private detailsId: string | null = null;
  @state() private comparing: { readonly leftId: string; readonly rightId: string } | null = null;

  @query('petal-delete-dialog') private deleteDialog!: PetalDeleteDialog;
  @query('petal-version-details') private detailsDialog!: PetalVersionDetails;
  @query('petal-version-comparison') private comparisonDialog!: PetalVersionComparison;

  readonly #registry = new RegistryController(this, () => this.services);
  readonly #actions = new ModelActions(this, {
    registry: () => this.services?.registry,
    download: (archive) => downloadFile(archive.fileName, archive.bytes, 'application/zip'),
  });
  readonly #details = new VersionDetailsController(this, () => this.services?.registry);
  /** Where the last message goes: beside the list, or under the import field that caused it. */
  #messageAt: 'list' | 'import' = 'list';
  /** Focus to move after the next render (the Undo button, a row's menu, the heading). */
  #focusNext: (() => HTMLElement | null | undefined) | null = null;

  constructor() {
    super();
    new ActiveNotice(this, {
      registry: () => this.services?.registry,
      initial: () => this.#registry.snapshot,
      quiet: () => this.#actions.busy,
      say: (text) => {
        this.#messageAt = 'list';
        this.#actions.say({ kind: 'status', text });
      },
    });
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    // The undo window closed while its button had focus: keep focus in the list rather than on <body>.
    const undo = this.renderRoot.querySelector?.('button.undo');
    if (undo && !this.#actions.undoable && this.shadowRoot?.activeElement === undo) {
      this.#focusNext = () => this.renderRoot.querySelector<HTMLElement>('#versions-heading');
    }
  }

  protected override updated(): void {
    const target = this.#focusNext?.();
    if (target) {
      this.#focusNext = null;
      target.focus();
    }
  }

  override render() {
    const { versions, activeId } = this.#registry.snapshot;
    const busy = this.#actions.busy;
    // Newest first: the version just trained or imported is where the eye lands.
    const rows = [...versions].reverse();
    const intact = versions.filter((v): v is SavedVersion => v.damaged === undefined);
    return html`<section class="card list" aria-labelledby="versions-heading">
        <h2 id="versions-heading" tabindex="-1">Saved models</h2>
        <p class="muted intro">Predict and Batch use the active version. Each row's menu has its actions.</p>
        ${this.#messages('list')}
        <table>
          <caption class="visually-hidden">Model versions</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Name</th>
              <th scope="col" class="wide-only">Model</th>
              <th scope="col" class="wide-only number">Test accuracy</th>
              <th scope="col" class="wide-only">Created</th>
              <th scope="col" class="actions"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            ${rows.map((version) =>
              versionRow(version, {
                active: version.id === activeId,
                busy,
                comparable: version.damaged === undefined && intact.length > 1,
                ...(this.renaming?.id === version.id ? { rename: this.renaming } : {}),
                onAction: (action) => this.#onAction(action, version, versions),
                onRenameInput: (draft) => {
                  if (this.renaming) this.renaming = { ...this.renaming, draft, error: '' };
                },
                onRenameSave: () => this.#saveName(version),
                onRenameCancel: () => {
                  this.renaming = null;
                  this.#focusNext = () => this.#menuOf(version.id);
                },
              }),
            )}
          </tbody>
        </table>
        ${versions.length === 0 ? html`<p class="muted">No saved models yet.</p>` : nothing}
      </section>
      <section class="card import" aria-labelledby="import-heading">
        <h2 id="import-heading">Import a model</h2>
        <petal-file-drop
          multiple
          label="Import model files"
          accept=".zip,.json,.bin,application/zip,application/json,application/octet-stream"
          empty="The .zip file Petal exported, or a TensorFlow.js model's .json and weights files together."
          hint="You can also drop them here."
          @petal-files=${this.#onImport}
        ></petal-file-drop>
        ${this.#messages('import')}
      </section>
      <petal-delete-dialog
        .version=${this.deleting}
        ?active=${this.deleting !== null && this.deleting.id === activeId}
        .others=${this.deleting ? rows.filter((other) => other.id !== this.deleting?.id) : []}
        @petal-delete-confirm=${this.#onDelete}
      ></petal-delete-dialog>
      ${this.#detailsView(intact, activeId)} ${this.#comparisonView(intact)}`;
  }

  /** The live regions of one place; only the place of the last action shows its message. */
  #messages(place: 'list' | 'import') {
    const message = this.#messageAt === place ? this.#actions.message : null;
    const undoable = place === 'list' ? this.#actions.undoable : null;
    return html`<div class="messages">
      <p role="status" class=${message?.kind === 'status' ? 'success' : ''}>
        ${message?.kind === 'status' ? message.text : ''}
      </p>
      ${
        undoable
          ? html`<button
            type="button"
            class="undo"
            aria-label=${`Undo: restore v${undoable.version}`}
            @click=${this.#undo}
          >
            Undo
          </button>`
          : nothing
      }
      <p role="alert" class=${message?.kind === 'alert' ? 'error' : ''}>
        ${message?.kind === 'alert' ? message.text : ''}
      </p>
    </div>`;
  }

  #detailsView(intact: readonly SavedVersion[], activeId: string | null) {
    const version = intact.find((v) => v.id === this.detailsId) ?? null;
    return html`<petal-version-details
      .version=${version}
      ?active=${version !== null && version.id === activeId}
      .details=${version ? this.#details.get(version.id) : null}
      @close=${() => {
        this.detailsId = null;
      }}
    ></petal-version-details>`;
  }

  #comparisonView(intact: readonly SavedVersion[]) {
    const pair = this.comparing;
    return html`<petal-version-comparison
      .versions=${intact}
      .leftId=${pair?.leftId ?? null}
      .rightId=${pair?.rightId ?? null}
      .left=${pair ? this.#details.get(pair.leftId) : null}
      .right=${pair ? this.#details.get(pair.rightId) : null}
      @petal-compare-pick=${(event: ComparePickEvent) => {
        this.comparing = { leftId: event.leftId, rightId: event.rightId };
      }}
      @close=${() => {
        this.comparing = null;
      }}
    ></petal-version-comparison>`;
  }

  #onAction(action: VersionAction, version: VersionInfo, versions: readonly VersionInfo[]): void {
    this.#messageAt = 'list';
    switch (action) {
      case 'use':
        void this.#actions.activate(version);
        return;
      case 'details':
        this.#details.retryFailed(version.id);
        this.detailsId = version.id;
        void this.updateComplete.then(() => this.detailsDialog.open());
        return;
      case 'compare':
        this.#openComparison(version, versions);
        return;
      case 'rename':
        this.renaming = { id: version.id, draft: version.name, error: '' };
        this.#focusNext = () => this.renderRoot.querySelector<HTMLInputElement>('form.rename input');
        return;
      case 'export':
        void this.#actions.export(version);
        return;
      case 'delete':
        this.#askDelete(version, versions);
    }
  }

  #openComparison(version: VersionInfo, versions: readonly VersionInfo[]): void {
    const { activeId } = this.#registry.snapshot;
    const others = versions.filter((v) => v.id !== version.id && v.damaged === undefined);
    // The active version is what a user most often weighs another against; otherwise the newest other.
    const other = others.find((v) => v.id === activeId) ?? others.at(-1);
    if (!other) return;
    this.#details.retryFailed(version.id);
    this.#details.retryFailed(other.id);
    this.comparing = { leftId: version.id, rightId: other.id };
    void this.updateComplete.then(() => this.comparisonDialog.open());
  }

  async #saveName(version: VersionInfo): Promise<void> {
    const draft = this.renaming?.draft ?? '';
    try {
      checkedName(draft);
    } catch (error) {
      if (this.renaming) this.renaming = { ...this.renaming, error: (error as Error).message };
      return;
    }
    this.#messageAt = 'list';
    if (await this.#actions.rename(version, draft)) {
      this.renaming = null;
      this.#focusNext = () => this.#menuOf(version.id);
    }
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
    void this.updateComplete.then(() => this.deleteDialog.open());
  }

  async #onDelete(event: DeleteConfirmEvent): Promise<void> {
    this.deleting = null;
    if (this.renaming?.id === event.version.id) this.renaming = null;
    this.#messageAt = 'list';
    const deleted = await this.#actions.remove(event.version, event.replacement);
    // The row and its menu are gone: focus goes to the Undo button beside the message, or back to the list.
    this.#focusNext = deleted
      ? () => this.renderRoot.querySelector<HTMLElement>('button.undo')
      : () =>
          this.#menuOf(event.version.id) ?? this.renderRoot.querySelector<HTMLElement>('#versions-heading');
    this.requestUpdate();
  }

  async #undo(): Promise<void> {
    const version = this.#actions.undoable;
    this.#messageAt = 'list';
    const restored = await this.#actions.undo();
    this.#focusNext = () =>
      (restored && version ? this.#menuOf(version.id) : null) ??
      this.renderRoot.querySelector<HTMLElement>('#versions-heading');
    this.requestUpdate();
  }

  #menuOf(id: string): PetalVersionMenu | null {
    return this.renderRoot.querySelector<PetalVersionMenu>(`petal-version-menu[data-version-id="${id}"]`);
  }

  #onImport(event: FilesEvent): void {
    this.#messageAt = 'import';
    void this.#actions.import(event.files);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-models-panel': PetalModelsPanel;
  }
}
