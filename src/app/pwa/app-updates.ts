import type { Workbox } from 'workbox-window';
import { isBusy, onBusyChange } from './busy';

/** What the update region offers the user. */
export type UpdateOffer =
  /** Nothing to do. */
  | 'none'
  /** A new version is installed and waiting; reloading switches to it. */
  | 'update-ready'
  /** This tab runs files the server no longer has (a newer version was deployed): reload to recover. */
  | 'new-version';

export interface AppUpdatesSnapshot {
  readonly offer: UpdateOffer;
  /** An update is waiting but held back because training or scoring is running. */
  readonly heldBack: boolean;
  /** The browser offered installation (`beforeinstallprompt`) and the app is not installed yet. */
  readonly canInstall: boolean;
  /** Running as an installed app (display-mode standalone). */
  readonly installed: boolean;
}

/** Chromium's install prompt event (not in lib.dom). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** Something that says when the worker restarts or fails: the WorkerBridge. */
export interface WorkerStatusSource extends EventTarget {
  readonly status: string;
}

/** Messages of a failed dynamic import in Chromium, Firefox and Safari. */
const FAILED_IMPORT =
  /dynamically imported module|Importing a module script failed|Failed to load module script/i;

/**
 * The app's side of the service worker: registers it (workbox-window), knows when an update waits, holds
 * the prompt back while work is busy, and accepts an update with SKIP_WAITING then reloads once the new
 * worker controls the page. It also notices an old tab whose files are gone from the server (a failed
 * chunk preload, a failed dynamic import, a worker that cannot start) and offers a reload instead of a
 * broken page. Modelled on Squoosh's sw-bridge: the user decides when to switch versions.
 */
export class AppUpdates extends EventTarget {
  #workbox: Workbox | undefined;
  #registration: ServiceWorkerRegistration | undefined;
  #updateWaiting = false;
  #staleVersion = false;
  #accepted = false;
  #installPrompt: BeforeInstallPromptEvent | undefined;
  #installed = false;
  #lastCheck = 0;

  get snapshot(): AppUpdatesSnapshot {
    const busy = isBusy();
    const offer: UpdateOffer = this.#staleVersion
      ? 'new-version'
      : this.#updateWaiting && !busy
        ? 'update-ready'
        : 'none';
    return {
      offer,
      heldBack: this.#updateWaiting && busy && !this.#staleVersion,
      canInstall: this.#installPrompt !== undefined && !this.#installed,
      installed: this.#installed,
    };
  }

  /**
   * Starts listening, and registers the service worker (production builds only) once `registerAfter`
   * settles (default: at once; either way not before the page's `load` event). Call once, early.
   */
  start(
    options: { readonly worker?: WorkerStatusSource; readonly registerAfter?: Promise<unknown> } = {},
  ): void {
    onBusyChange(() => this.#changed());
    this.#installed = matchMedia('(display-mode: standalone)').matches;
    window.addEventListener('beforeinstallprompt', (event) => {
      // Keep the browser's own banner away; the Install button shows the prompt when the user asks.
      event.preventDefault();
      this.#installPrompt = event as BeforeInstallPromptEvent;
      this.#changed();
    });
    window.addEventListener('appinstalled', () => {
      this.#installPrompt = undefined;
      this.#installed = true;
      this.#changed();
    });
    window.addEventListener('vite:preloadError', (event) => {
      // The chunk is gone; do not let Vite throw into the page. Find out whether a new version is why.
      event.preventDefault();
      void this.checkDeployedVersion();
    });
    window.addEventListener('unhandledrejection', (event) => {
      const reason: unknown = event.reason;
      if (reason instanceof Error && FAILED_IMPORT.test(reason.message)) void this.checkDeployedVersion();
    });
    options.worker?.addEventListener('status', () => {
      const status = options.worker?.status;
      if (status === 'restarting' || status === 'failed') void this.checkDeployedVersion();
    });
    if (import.meta.env.PROD && 'serviceWorker' in navigator) {
      void (options.registerAfter ?? Promise.resolve()).finally(() => this.#register());
    }
  }

  /** Switches to the waiting version (or, for an old tab, just reloads). */
  acceptUpdate(): void {
    if (this.#updateWaiting && this.#workbox && !this.#staleVersion) {
      this.#accepted = true;
      this.#workbox.messageSkipWaiting();
      // If the waiting worker is gone (another tab took it), 'controlling' never comes: reload anyway.
      setTimeout(() => location.reload(), 3_000);
    } else {
      location.reload();
    }
  }

  /** Shows the browser's install dialog, when it offered one. */
  async install(): Promise<void> {
    const prompt = this.#installPrompt;
    if (!prompt) return;
    this.#installPrompt = undefined;
    this.#changed();
    await prompt.prompt();
    const { outcome } = await prompt.userChoice;
    if (outcome === 'accepted') this.#installed = true;
    this.#changed();
  }

  /**
   * Compares this page's entry script with the one the server now has. Different means a new version was
   * deployed: offer a reload. The query string keeps the precache from answering; offline, nothing changes.
   */
  async checkDeployedVersion(): Promise<void> {
    if (Date.now() - this.#lastCheck < 2_000) return;
    this.#lastCheck = Date.now();
    void this.#registration?.update().catch(() => undefined);
    try {
      const url = new URL(`index.html?version-check=${Date.now()}`, document.baseURI);
      const response = await fetch(url, { cache: 'no-store' });
      if (!response.ok) return;
      const deployed = entryScript(new DOMParser().parseFromString(await response.text(), 'text/html'));
      const ours = entryScript(document);
      if (deployed && ours && deployed !== ours) {
        this.#staleVersion = true;
        this.#changed();
      }
    } catch {
      // Offline or the server is down: the failure was not a new version.
    }
  }

  async #register(): Promise<void> {
    // Loaded on demand, after the page's own start-up: workbox-window is not needed to show the first
    // prediction, and the precache install should not compete with the first load.
    if (document.readyState !== 'complete') {
      await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
    }
    let Workbox: typeof import('workbox-window').Workbox;
    try {
      ({ Workbox } = await import('workbox-window'));
    } catch {
      // The chunk is gone (a new deploy) or the network is down: the version check says which.
      void this.checkDeployedVersion();
      return;
    }
    const workbox = new Workbox(new URL('sw.js', document.baseURI).href, { scope: './' });
    this.#workbox = workbox;
    workbox.addEventListener('waiting', () => {
      this.#updateWaiting = true;
      this.#changed();
    });
    workbox.addEventListener('controlling', (event) => {
      if (this.#accepted) {
        location.reload();
      } else if (event.isUpdate) {
        // Another tab accepted an update: this page's files may be gone from the new cache.
        this.#staleVersion = true;
        this.#changed();
      }
    });
    try {
      this.#registration = await workbox.register();
    } catch (error) {
      // No service worker (private mode, blocked by policy): the app still works online.
      console.warn('Petal could not register its service worker; offline use is unavailable.', error);
    }
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

function entryScript(doc: Document): string | null {
  const src = doc.querySelector('script[type="module"][src]')?.getAttribute('src');
  return src ? new URL(src, document.baseURI).pathname : null;
}

/** The app's one instance, started from `main.ts`. */
export const appUpdates = new AppUpdates();
