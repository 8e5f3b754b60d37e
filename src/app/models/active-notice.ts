import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { versionLabel } from './model-actions';
import type { ChangeOrigin, ModelRegistry, RegistryState } from './registry/model-registry';

/**
 * What to announce when the active version changed outside the Models tab's own actions (which say so
 * themselves): Train's Keep or Compare's Save in this tab, or anything in another tab. Null when the
 * active version did not change, or when there was none before (the first load).
 */
export function activeChangeText(
  before: RegistryState,
  after: RegistryState,
  origin: ChangeOrigin,
): string | null {
  if (before.activeId === null || after.activeId === null || after.activeId === before.activeId) return null;
  const version = after.versions.find((v) => v.id === after.activeId);
  if (!version) return null;
  const label = versionLabel(version);
  const isNew = !before.versions.some((v) => v.id === version.id);
  if (origin === 'other-tab') {
    return `${label} is now the active model: it was ${isNew ? 'saved' : 'chosen'} in another Petal tab.`;
  }
  return isNew ? `${label} was saved and is now the active model.` : `${label} is now the active model.`;
}

export interface ActiveNoticeOptions {
  readonly registry: () => Pick<ModelRegistry, 'subscribe'> | undefined;
  /** The state before the first change is heard (the shared model store's). */
  readonly initial: () => RegistryState;
  /** True while the tab's own action runs: it reports its outcome itself. */
  readonly quiet: () => boolean;
  readonly say: (text: string) => void;
}

/**
 * Tells the Models tab when the active version changes elsewhere, so its `role="status"` message says
 * which version every tab now predicts with. Follows the registry from `hostConnected` (once the services
 * are there) to `hostDisconnected`.
 */
export class ActiveNotice implements ReactiveController {
  #unsubscribe: (() => void) | null = null;
  #last: RegistryState | null = null;
  #connected = false;
  readonly #options: ActiveNoticeOptions;

  constructor(host: ReactiveControllerHost, options: ActiveNoticeOptions) {
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#attach();
  }

  hostUpdate(): void {
    this.#attach();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  #attach(): void {
    const registry = this.#options.registry();
    if (!this.#connected || this.#unsubscribe || !registry) return;
    this.#last = this.#options.initial();
    this.#unsubscribe = registry.subscribe((state, origin) => {
      const before = this.#last;
      this.#last = state;
      if (!before || this.#options.quiet()) return;
      const text = activeChangeText(before, state, origin);
      if (text) this.#options.say(text);
    });
  }
}
