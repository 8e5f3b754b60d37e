import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { shorten } from '../../core/short-text';
import type { VersionInfo } from '../models/registry/version-info';
import { RegistryController } from '../models/registry-controller';
import type { AppServices } from '../shell/app-services';
import { formatPercent } from './format-number';
import { controlStyles } from './theme';

/** One entry of the picker's list. */
export interface ModelChoice {
  readonly id: string;
  /** "v3 · Trained on iris.csv", "v2 · From an older Petal (damaged)". */
  readonly text: string;
  /** The version's test accuracy, "96.7%"; null for a damaged version. */
  readonly accuracy: string | null;
  readonly active: boolean;
  /** A damaged version is listed (so the list matches the Models tab) but cannot be chosen. */
  readonly damaged: boolean;
}

/**
 * The saved versions as the picker lists them: newest first, the active one marked. An option is the
 * version and its name only: a select shows its option's text in one line it cannot wrap, and with the
 * accuracy in it too the text was cut at a phone's width ("… accuracy 93"). The chosen version's
 * accuracy is shown beside the select instead.
 */
export function modelChoices(versions: readonly VersionInfo[], activeId: string | null): ModelChoice[] {
  return versions
    .map((version) => {
      const damaged = version.damaged !== undefined;
      // Names are the user's (or an imported file's) text: shortened so the list stays readable.
      const name = `v${version.version} · ${shorten(version.name, 48)}`;
      return {
        id: version.id,
        text: damaged ? `${name} (damaged)` : name,
        accuracy: damaged ? null : formatPercent(version.accuracy),
        active: version.id === activeId,
        damaged,
      };
    })
    .reverse();
}

/**
 * Makes `id` the active version — the Models tab's "Use", through the same registry call — and returns
 * the message to show when that fails (null when it worked). Every tab follows the registry's change.
 */
export async function activateVersion(
  registry: Pick<AppServices['registry'], 'activate'>,
  id: string,
): Promise<string | null> {
  try {
    await registry.activate(id);
    return null;
  } catch (error) {
    return error instanceof Error && error.message ? error.message : 'The model could not be activated.';
  }
}

/**
 * The "Model" select of the Predict and Batch tabs: every saved version (version and name), the active one
 * selected with its test accuracy beside it; choosing one makes it the active model everywhere, as "Use"
 * in the Models tab does. The select keeps its own width and moves under its label when the two do not
 * fit one line (a 320 px phone's card), so its text is not cut. It stays enabled while the chosen model
 * loads (disabling it would drop the keyboard focus) and says so beside it; a failed activation is shown
 * under it and the select returns to the active version.
 */
@customElement('petal-model-picker')
export class PetalModelPicker extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem 0.75rem;
        align-items: center;
      }
      label {
        font-weight: 600;
      }
      .accuracy {
        white-space: nowrap;
      }
      /* A select is as wide as its longest option: never wider than a phone's screen. */
      select {
        max-width: 100%;
        min-width: 0;
      }
    `,
  ];

  /** The app's bridge and registry. */
  @property({ attribute: false }) services?: AppServices;

  /** True while the tab's job must keep its model (Batch while scoring). */
  @property({ type: Boolean }) disabled = false;

  @state() private error: string | null = null;

  readonly #registry = new RegistryController(this, () => this.services);

  override render() {
    const { versions, activeId, switching } = this.#registry.snapshot;
    if (versions.length === 0) return nothing;
    const choices = modelChoices(versions, activeId);
    const accuracy = choices.find((choice) => choice.active)?.accuracy;
    return html`<div class="row">
        <label for="model">Model</label>
        <select
          id="model"
          aria-describedby="accuracy"
          ?disabled=${this.disabled}
          @change=${this.#onChange}
        >
          ${choices.map(
            (choice) =>
              html`<option value=${choice.id} .selected=${live(choice.active)} ?disabled=${choice.damaged}>
                ${choice.text}
              </option>`,
          )}
        </select>
        <span id="accuracy" class="accuracy muted">${accuracy ? `Test accuracy ${accuracy}` : ''}</span>
        <span class="muted" role="status">${switching ? 'Loading the model…' : ''}</span>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
  }

  async #onChange(event: Event) {
    const registry = this.services?.registry;
    if (!registry) return;
    this.error = await activateVersion(registry, (event.target as HTMLSelectElement).value);
    // On failure the registry did not change: put the select back on the active version.
    this.requestUpdate();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-model-picker': PetalModelPicker;
  }
}
