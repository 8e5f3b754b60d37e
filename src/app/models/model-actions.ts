import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ExportedFiles, ImportFile, ModelRegistry, VersionInfo } from './registry/model-registry';

/** What the last action did, for a `role="status"` (success) or `role="alert"` (failure) message. */
export type ActionMessage = { readonly kind: 'status' | 'alert'; readonly text: string } | null;

/** The registry calls the Models tab makes. */
export type VersionActionsPort = Pick<
  ModelRegistry,
  'activate' | 'rename' | 'remove' | 'exportFiles' | 'importFiles'
>;

export interface ModelActionsOptions {
  readonly registry: () => VersionActionsPort | undefined;
  /** Hands the two exported files to the browser; tests pass a recorder. */
  readonly download: (files: ExportedFiles) => void;
}

function label(version: VersionInfo): string {
  return `v${version.version}`;
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
 */
export class ModelActions implements ReactiveController {
  #message: ActionMessage = null;
  #busy = false;
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

  hostConnected(): void {}

  /** Shows a message that did not come from a registry call (e.g. why a delete is refused). */
  say(message: ActionMessage): void {
    this.#message = message;
    this.#host.requestUpdate();
  }

  activate(version: VersionInfo): Promise<boolean> {
    return this.#run(async (registry) => {
      await registry.activate(version.id);
      return `${label(version)} is now the active model.`;
    });
  }

  rename(version: VersionInfo, name: string): Promise<boolean> {
    return this.#run(async (registry) => {
      const renamed = await registry.rename(version.id, name);
      return `Renamed ${label(version)} to “${renamed.name}”.`;
    });
  }

  remove(version: VersionInfo, replacement?: VersionInfo): Promise<boolean> {
    return this.#run(async (registry) => {
      await registry.remove(version.id, replacement ? { replacementId: replacement.id } : {});
      return replacement
        ? `Deleted ${label(version)}; ${label(replacement)} is now the active model.`
        : `Deleted ${label(version)}.`;
    });
  }

  export(version: VersionInfo): Promise<boolean> {
    return this.#run(async (registry) => {
      const files = await registry.exportFiles(version.id);
      this.#options.download(files);
      return `Exported ${label(version)} as ${files.modelJsonName} and ${files.weightsName}.`;
    });
  }

  import(files: readonly ImportFile[]): Promise<boolean> {
    return this.#run(async (registry) => {
      const saved = await registry.importFiles(files);
      return `Imported ${files.map((file) => file.name).join(' and ')} as ${label(saved)} and made it active.`;
    });
  }

  async #run(action: (registry: VersionActionsPort) => Promise<string>): Promise<boolean> {
    const registry = this.#options.registry();
    if (!registry || this.#busy) return false;
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
