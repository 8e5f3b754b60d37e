import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  DeletedVersion,
  ImportFile,
  ModelRegistry,
  VersionArchive,
  VersionInfo,
} from './registry/model-registry';

/** What the last action did, for a `role="status"` (success) or `role="alert"` (failure) message. */
export type ActionMessage = { readonly kind: 'status' | 'alert'; readonly text: string } | null;

/** The registry calls the Models tab makes. */
export type VersionActionsPort = Pick<
  ModelRegistry,
  'activate' | 'rename' | 'remove' | 'restore' | 'discard' | 'exportArchive' | 'importFiles'
>;

/** How long a delete can be undone, in milliseconds, unless another action comes first. */
export const UNDO_MS = 10_000;

export interface ModelActionsOptions {
  readonly registry: () => VersionActionsPort | undefined;
  /** Hands the exported archive to the browser; tests pass a recorder. */
  readonly download: (archive: VersionArchive) => void;
  /** How long a delete can be undone (UNDO_MS). */
  readonly undoMs?: number;
}

/** "v2 “Iris, wider net”": how messages name a version (names are user text, quoted). */
export function versionLabel(version: VersionInfo): string {
  return `v${version.version} “${version.name}”`;
}

function messageOf(error: unknown): string {
  // RegistryError messages are written for the user; anything else still gets its message shown.
  return error instanceof Error && error.message
    ? error.message
    : 'Something went wrong; nothing was changed.';
}

/**
 * The Models tab's actions on saved versions: each calls the registry, then says what happened in one
 * message. The list itself is not kept here: the registry announces every change (also from other tabs)
 * and the shell's registry controller re-renders the table.
 *
 * A delete can be undone for UNDO_MS or until the next action, whichever comes first: the registry keeps
 * the deleted version's data under a lease until `discard` (or, should the tab close first, until a later
 * sweep finds the lease old).
 */
export class ModelActions implements ReactiveController {
  #message: ActionMessage = null;
  #busy = false;
  #undo: { readonly deleted: DeletedVersion; readonly timer: ReturnType<typeof setTimeout> } | null = null;
  readonly #host: ReactiveControllerHost;
  readonly #options: ModelActionsOptions;

  constructor(host: ReactiveControllerHost, options: ModelActionsOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get message(): ActionMessage {
    return this.#message;
  }

  /** True while a registry call runs; the buttons wait for it. */
  get busy(): boolean {
    return this.#busy;
  }

  /** The version the last delete removed, while it can still be restored with `undo()`. */
  get undoable(): VersionInfo | null {
    return this.#undo?.deleted.version ?? null;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#settleUndo();
  }

  /** Shows a message that did not come from a registry call (e.g. why a delete is refused). */
  say(message: ActionMessage): void {
    this.#message = message;
    this.#host.requestUpdate();
  }

  activate(version: VersionInfo): Promise<boolean> {
    return this.#run(async (registry) => {
      await registry.activate(version.id);
      return `${versionLabel(version)} is now the active model.`;
    });
  }

  rename(version: VersionInfo, name: string): Promise<boolean> {
    return this.#run(async (registry) => {
      const renamed = await registry.rename(version.id, name);
      return `Renamed v${version.version} to “${renamed.name}”.`;
    });
  }

  remove(version: VersionInfo, replacement?: VersionInfo): Promise<boolean> {
    return this.#run(async (registry) => {
      const { deleted } = await registry.remove(
        version.id,
        replacement ? { replacementId: replacement.id } : {},
      );
      const timer = setTimeout(() => {
        if (this.#undo?.deleted === deleted) this.#settleUndo();
      }, this.#options.undoMs ?? UNDO_MS);
      this.#undo = { deleted, timer };
      return replacement
        ? `Deleted ${versionLabel(version)}; ${versionLabel(replacement)} is now the active model.`
        : `Deleted ${versionLabel(version)}.`;
    });
  }

  /** Restores the version the last delete removed (same id, number and name; active again if it was). */
  undo(): Promise<boolean> {
    const pending = this.#undo;
    if (!pending) return Promise.resolve(false);
    return this.#run(async (registry) => {
      clearTimeout(pending.timer);
      this.#undo = null;
      const { activated } = await registry.restore(pending.deleted);
      const label = versionLabel(pending.deleted.version);
      if (activated) return `Restored ${label}; it is the active model again.`;
      return pending.deleted.wasActive
        ? `Restored ${label}. Another version was made active since, so it stays active.`
        : `Restored ${label}.`;
    }, false);
  }

  export(version: VersionInfo): Promise<boolean> {
    return this.#run(async (registry) => {
      const archive = await registry.exportArchive(version.id);
      this.#options.download(archive);
      return `Exported v${version.version} as ${archive.fileName}.`;
    });
  }

  import(files: readonly ImportFile[]): Promise<boolean> {
    return this.#run(async (registry) => {
      const saved = await registry.importFiles(files);
      return `Imported ${files.map((file) => file.name).join(' and ')} as ${versionLabel(saved)} and made it active.`;
    });
  }

  /** Ends the undo window: the deleted version's data goes for good. */
  #settleUndo(): void {
    const pending = this.#undo;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.#undo = null;
    void this.#options.registry()?.discard(pending.deleted);
    this.#host.requestUpdate();
  }

  /** Runs one action; any action but the undo itself ends the undo window first ("until the next action"). */
  async #run(action: (registry: VersionActionsPort) => Promise<string>, endsUndo = true): Promise<boolean> {
    const registry = this.#options.registry();
    if (!registry || this.#busy) return false;
    if (endsUndo) this.#settleUndo();
    this.#busy = true;
    this.#host.requestUpdate();
    try {
      this.#message = { kind: 'status', text: await action(registry) };
      return true;
    } catch (error) {
      this.#message = { kind: 'alert', text: messageOf(error) };
      return false;
    } finally {
      this.#busy = false;
      this.#host.requestUpdate();
    }
  }
}
