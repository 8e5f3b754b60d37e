// Issue 5, installable and hostable anywhere: Chromium reports no installability errors, every manifest
// icon loads at its declared size (the maskable one on the theme colour), the Install button follows the
// browser's offer, and the same dist/ works offline-ready from a sub-path and from a domain root.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { openApp, poll, predict, predictedClass, SETOSA } from './app-page';
import { CHROMIUM_ARGS, chromiumPath, launchChromium } from './chromium';
import { pngSize, serveSwitchable, waitForServiceWorkerControl } from './pwa-harness';

interface ManifestIcon {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
}

let browser: Browser | undefined;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

async function installabilityErrors(page: Page): Promise<unknown[]> {
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: unknown[];
  };
  await cdp.detach();
  return installabilityErrors;
}

for (const base of ['/petal/', '/']) {
  test(`served from ${base}: installable, icons at their sizes, offline-ready and predicting`, async () => {
    const server = await serveSwitchable({ dir: 'dist', base });
    // Installability needs a real profile: Chromium never offers installation in incognito contexts.
    const profile = await mkdtemp(join(tmpdir(), 'petal-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
      headless: true,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await openApp(page, server.url);
      await waitForServiceWorkerControl(page);
      assert.equal(predictedClass(await predict(page, SETOSA)), 'setosa');
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
      assert.equal(scope, server.url, 'the service worker covers exactly the app’s folder');
      assert.deepEqual(await installabilityErrors(page), [], 'Chromium’s installability errors');

      const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
      assert.ok(manifestHref, 'the page links its manifest');
      const manifestUrl = new URL(manifestHref, server.url).href;
      const manifest = (await (await page.request.get(manifestUrl)).json()) as {
        name: string;
        short_name: string;
        start_url: string;
        scope: string;
        display: string;
        theme_color: string;
        icons: ManifestIcon[];
      };
      assert.equal(manifest.name, 'Petal');
      assert.equal(manifest.display, 'standalone');
      assert.equal(
        new URL(manifest.start_url, manifestUrl).href,
        server.url,
        'start_url is the app’s folder',
      );
      assert.equal(new URL(manifest.scope, manifestUrl).href, server.url, 'scope is the app’s folder');
      assert.ok(
        manifest.icons.some((icon) => icon.purpose === 'maskable'),
        'a maskable icon',
      );
      for (const icon of manifest.icons) {
        const response = await page.request.get(new URL(icon.src, manifestUrl).href);
        assert.equal(response.status(), 200, `${icon.src} loads`);
        const { width, height } = pngSize(await response.body());
        assert.equal(`${width}x${height}`, icon.sizes, `${icon.src} has its declared size`);
      }
      // The maskable icon is padded with the theme colour, not white: read its corner pixel.
      const maskable = manifest.icons.find((icon) => icon.purpose === 'maskable');
      assert.ok(maskable);
      const corner = await page.evaluate(async (src) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const context2d = canvas.getContext('2d');
        context2d?.drawImage(image, 0, 0);
        return [...(context2d?.getImageData(2, 2, 1, 1).data ?? [])];
      }, new URL(maskable.src, manifestUrl).href);
      assert.deepEqual(corner, [0x1f, 0x4d, 0x3a, 255], 'the maskable icon’s padding is the theme colour');

      for (const selector of [
        'link[rel="icon"]',
        'link[rel="apple-touch-icon"]',
        'meta[name="theme-color"]',
      ]) {
        assert.ok((await page.locator(selector).count()) > 0, `the page has ${selector}`);
      }
    } finally {
      await context.close();
      await server.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
}

test('the Install button follows the browser’s offer; otherwise help text says where to look', async () => {
  assert.ok(browser);
  const server = await serveSwitchable({ dir: 'dist' });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await openApp(page, server.url);
    // The hint lives under "About this device"; the header shows only an Install button, when offered.
    await page.getByText('About this device', { exact: true }).click();
    await page.getByText(/use your browser's menu → Install app/).waitFor();
    // What Chromium dispatches when the app is installable (headless never shows a real install prompt).
    // (A string: the bundler's helpers do not exist in the page.)
    await page.evaluate(`
      window.dispatchEvent(Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
        prompt: async () => { window.__petalPrompted = true; },
        userChoice: Promise.resolve({ outcome: 'accepted' }),
      }));
    `);
    // Offered in the header (and in the open "About this device"): the header's is the first.
    const install = page.getByRole('button', { name: 'Install', exact: true });
    await poll(
      () => install.count(),
      (n) => n === 2,
      'the Install offer in the header and in About',
    );
    await install.first().click();
    assert.equal(await page.evaluate(() => (window as { __petalPrompted?: boolean }).__petalPrompted), true);
    await page.getByText(/Installed; works offline/).waitFor();
    assert.equal(await install.count(), 0, 'no Install button once installed');
  } finally {
    await context.close();
    await server.close();
  }
});
