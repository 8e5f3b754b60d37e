import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Tells its host element its own content width as it changes (a ResizeObserver, connected and
 * disconnected with the host), for drawings and layouts that depend on the room an element has rather
 * than on the viewport's. A hidden element (a tab not shown) measures 0: that is not reported, so the host
 * keeps its last layout until it shows again.
 */
export class WidthController implements ReactiveController {
  readonly #observer: ResizeObserver;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    onWidth: (width: number) => void,
  ) {
    this.#observer = new ResizeObserver(([entry]) => {
      const width = entry?.contentRect.width ?? 0;
      if (width > 0) onWidth(width);
    });
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }
}
