// One browser and one static server per test file; one fresh browser context (fresh IndexedDB, fresh
// cache) per test. On failure the test's page is screenshotted so a red run shows what the user saw.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { type StaticServer, serveStatic } from './static-server';

/** What a journey gets: its own context and page, and the server the built app is served from. */
export interface AppTestContext {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly server: StaticServer;
}

/** Where failure screenshots go (git-ignored). */
export const SCREENSHOT_DIR = 'test-results/e2e';

let browser: Browser | undefined;
let server: StaticServer | undefined;
let hooksRegistered = false;

function registerHooks(): void {
  if (hooksRegistered) return;
  hooksRegistered = true;
  before(async () => {
    // PETAL_DIST serves another build (e.g. one built with `vite build --outDir` beside a running one).
    server = await serveStatic({ dir: process.env.PETAL_DIST ?? 'dist' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/**
 * Declares a browser test. Besides its own assertions, every journey checks what must hold on any page:
 * no uncaught page errors, no failed (4xx/5xx) responses, and no request leaving the app's own origin
 * ("at run time the app requests nothing but its own static files").
 */
export function appTest(
  name: string,
  run: (app: AppTestContext) => Promise<void>,
  options: { timeout?: number } = {},
): void {
  registerHooks();
  test(name, { timeout: options.timeout ?? 120_000 }, async () => {
    assert.ok(browser && server, 'the browser and server start in before()');
    const context = await browser.newContext({ acceptDownloads: true });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    const failedResponses: string[] = [];
    const foreignRequests: string[] = [];
    const origin = server.origin;
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    context.on('response', (response) => {
      if (response.status() >= 400) failedResponses.push(`${response.status()} ${response.url()}`);
    });
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !/^(data|blob):/.test(url)) foreignRequests.push(url);
    });
    try {
      await run({ page, context, server });
      assert.deepEqual(pageErrors, [], 'uncaught errors in the page');
      assert.deepEqual(failedResponses, [], 'failed responses');
      assert.deepEqual(foreignRequests, [], 'requests outside the app’s origin');
    } catch (error) {
      const path = await screenshot(page, name);
      if (error instanceof Error && path) error.message += `\nScreenshot: ${path}`;
      throw error;
    } finally {
      await context.close();
    }
  });
}

async function screenshot(page: Page, name: string): Promise<string | undefined> {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
  const path = `${SCREENSHOT_DIR}/${slug}.png`;
  try {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path, fullPage: true, timeout: 5_000 });
    return path;
  } catch {
    return undefined;
  }
}
