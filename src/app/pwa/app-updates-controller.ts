import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type AppUpdates, type AppUpdatesSnapshot, appUpdates } from './app-updates';

/** Re-renders its host whenever the update or install state changes. */
export class AppUpdatesController implements ReactiveController {
  readonly #onChange = () => this.host.requestUpdate();

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly updates: AppUpdates = appUpdates,
  ) {
    host.addController(this);
  }

  get snapshot(): AppUpdatesSnapshot {
    return this.updates.snapshot;
  }

  hostConnected(): void {
    this.updates.addEventListener('change', this.#onChange);
  }

  hostDisconnected(): void {
    this.updates.removeEventListener('change', this.#onChange);
  }
}
