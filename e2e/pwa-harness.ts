// Helpers for the offline / update / install / security journeys (issue 5): a static server whose files
// can be swapped for a new build (a deploy), the service-worker waits, a CSP-violation recorder and a PNG
// size reader. The journeys otherwise use app-page.ts and app-test.ts like every other browser test.
import { createServer, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import sirv from 'sirv';
import { poll } from './app-page';

export interface SwitchableServer {
  /** The app's URL, ending in the base path. */
  readonly url: string;
  readonly origin: string;
  /** Serves another directory from now on, as a deploy replaces a static host's files. */
  use(dir: string): void;
  /** Every path requested so far (after the base), in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * Serves `dir` under `base` on loopback with no caching headers and optionally extra response headers
 * (e.g. a CSP header), like a plain static host. `use` swaps the directory without restarting.
 */
export async function serveSwitchable(options: {
  dir: string;
  base?: string;
  headers?: OutgoingHttpHeaders;
}): Promise<SwitchableServer> {
  const base = options.base ?? '/petal/';
  const handlers = new Map<string, ReturnType<typeof sirv>>();
  const handlerFor = (dir: string) => {
    let handler = handlers.get(dir);
    if (!handler) {
      handler = sirv(dir, { dev: true, etag: true });
      handlers.set(dir, handler);
    }
    return handler;
  };
  let current = options.dir;
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (!url.startsWith(base)) {
      response.writeHead(404).end('Not found');
      return;
    }
    request.url = `/${url.slice(base.length)}`;
    requests.push(request.url);
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (value !== undefined) response.setHeader(name, value);
    }
    handlerFor(current)(request, response, () => {
      response.writeHead(404).end('Not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${base}`,
    origin,
    requests,
    use(dir) {
      current = dir;
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Waits until the page is controlled by an activated service worker (its precache is then complete). */
export async function waitForServiceWorkerControl(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () =>
      navigator.serviceWorker.controller !== null && navigator.serviceWorker.controller.state === 'activated',
    undefined,
    { timeout },
  );
}

/** Whether the page's registration has a new worker installed and waiting. */
export function hasWaitingWorker(page: Page): Promise<boolean> {
  return page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting));
}

/** Asks the browser to look for a new service worker now (as it does on navigation, at most once a day). */
export async function checkForUpdate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });
}

export interface CspViolation {
  readonly directive: string;
  readonly blockedURI: string;
  readonly sample: string;
}

/**
 * Records every `securitypolicyviolation` in every page of the context (an init script, installed before
 * any page script runs) and every console message about the Content Security Policy.
 */
export async function recordCspViolations(context: BrowserContext): Promise<{
  violations(page: Page): Promise<CspViolation[]>;
  readonly consoleMessages: string[];
}> {
  await context.addInitScript(() => {
    const seen: unknown[] = [];
    Object.defineProperty(window, '__petalCspViolations', { value: seen });
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push({
        directive: event.effectiveDirective,
        blockedURI: event.blockedURI,
        sample: event.sample,
      });
    });
  });
  const consoleMessages: string[] = [];
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleMessages.push(message.text());
  });
  return {
    violations: (page) =>
      page.evaluate(
        () => (window as unknown as { __petalCspViolations: CspViolation[] }).__petalCspViolations ?? [],
      ),
    consoleMessages,
  };
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, i) => bytes[i] !== byte)) throw new Error('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Cuts the network: the context goes offline and every request that reaches it is aborted. */
export async function cutNetwork(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
}

/** Opens "About this device" (its element loads when first opened) and polls its "Backend: wasm" line. */
export async function waitForBackend(page: Page, backend: 'wasm' | 'cpu'): Promise<unknown> {
  const about = page.locator('details.about');
  if (!(await about.evaluate((details) => (details as HTMLDetailsElement).open))) {
    await page.getByText('About this device', { exact: true }).click();
  }
  return poll(
    () =>
      page
        .getByText(/^Backend: /)
        .first()
        .textContent(),
    (text) => text?.trim() === `Backend: ${backend}`,
    `"About this device" to say "Backend: ${backend}"`,
    30_000,
  );
}
