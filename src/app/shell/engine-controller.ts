import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AppServices } from './app-services';
import { ENGINE_ERROR_EVENT, type EngineErrorEvent } from './engine-error-event';

/** The bridge's lifecycle state. */
export type EngineStatus = 'starting' | 'ready' | 'restarting' | 'failed';

/**
 * The prediction engine as the header shows it: the bridge's status and backend (with the reason for a
 * CPU fallback), plus the last engine failure that any panel reported with an {@link EngineErrorEvent}.
 * Listens to the bridge's `status` events and to engine-error events bubbling up to the host.
 */
export class EngineController implements ReactiveController {
  /** The last engine failure, in words, or null. */
  error: string | null = null;
  #bridge: AppServices['bridge'] | null = null;
  #connected = false;
  readonly #onStatus = () => this.host.requestUpdate();
  readonly #onEngineError = (event: EngineErrorEvent) => {
    this.error = event.error?.message ?? null;
    this.host.requestUpdate();
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly services: () => AppServices | undefined,
  ) {
    host.addController(this);
  }

  get status(): EngineStatus {
    return this.#bridge?.status ?? 'starting';
  }

  /** 'wasm' or 'cpu' once the worker has started, else null. */
  get backend(): string | null {
    return this.#bridge?.backend ?? null;
  }

  /** Why the WASM backend could not be used, when it could not. */
  get fallbackReason(): string | null {
    return this.#bridge?.fallbackReason ?? null;
  }

  hostConnected(): void {
    this.#connected = true;
    this.host.addEventListener(ENGINE_ERROR_EVENT, this.#onEngineError);
    this.#attach();
  }

  hostUpdate(): void {
    this.#attach();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.host.removeEventListener(ENGINE_ERROR_EVENT, this.#onEngineError);
    this.#bridge?.removeEventListener('status', this.#onStatus);
    this.#bridge = null;
  }

  #attach(): void {
    const bridge = this.services()?.bridge;
    if (!this.#connected || !bridge || bridge === this.#bridge) return;
    this.#bridge?.removeEventListener('status', this.#onStatus);
    this.#bridge = bridge;
    bridge.addEventListener('status', this.#onStatus);
    this.host.requestUpdate();
  }
}
