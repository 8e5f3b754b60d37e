// Issue 5, updates by prompt: build A is served and visited, then the host's files become build B (a
// deploy). The new service worker waits; "Update ready" appears, but not while a training runs; accepting
// reloads into B. An old tab whose worker file is gone gets a reload offer instead of a broken page.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import {
  fillSettings,
  openApp,
  openBundledData,
  poll,
  predict,
  SETOSA,
  trainButton,
  turnOffEarlyStopping,
} from './app-page';
import { launchChromium } from './chromium';
import {
  checkForUpdate,
  hasWaitingWorker,
  serveSwitchable,
  waitForServiceWorkerControl,
} from './pwa-harness';

const VERSION_B = '0.1.0-b';
let buildA = '';
let buildB = '';
let browser: Browser | undefined;

before(async () => {
  // Build A is a copy of dist/ (npm run test:e2e builds it); build B differs only in its version string.
  buildA = await mkdtemp(join(tmpdir(), 'petal-build-a-'));
  await cp('dist', buildA, { recursive: true });
  buildB = await mkdtemp(join(tmpdir(), 'petal-build-b-'));
  await promisify(execFile)(
    'npx',
    ['vite', 'build', '--outDir', buildB, '--emptyOutDir', '--logLevel', 'error'],
    {
      env: { ...process.env, PETAL_VERSION: VERSION_B },
    },
  );
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const dir of [buildA, buildB]) if (dir) await rm(dir, { recursive: true, force: true });
});

/** Opens "About this device" (loaded when opened), where the running version is written. */
async function openAbout(page: Page): Promise<void> {
  await page.getByText('About this device', { exact: true }).click({ timeout: 30_000 });
}

function updateRegion(page: Page) {
  return page.getByRole('status', { name: 'App update', exact: true });
}

test('a deploy shows "Update ready", held back during training; Reload switches to the new version', async () => {
  assert.ok(browser);
  const server = await serveSwitchable({ dir: buildA });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await openApp(page, server.url);
    await waitForServiceWorkerControl(page);
    await openAbout(page);
    await page.getByText('Version 0.1.0', { exact: false }).first().waitFor();
    assert.equal((await updateRegion(page).textContent())?.trim(), '', 'no offer before a deploy');

    server.use(buildB);
    // A long training run is busy work: the update must wait for it. The longest run allowed — the most
    // epochs, one row per update — so it is still going however fast this machine trains while build B
    // installs (10,000 epochs of the default batches took as little as 35 s, and the check came later).
    await openBundledData(page);
    await fillSettings(page, { Epochs: '10000', 'Batch size': '1' });
    await turnOffEarlyStopping(page);
    await trainButton(page).click();
    const progress = page.getByRole('progressbar', { name: 'Training progress', exact: true });
    await progress.waitFor();
    await checkForUpdate(page);
    await poll(() => hasWaitingWorker(page), Boolean, 'build B to install and wait', 30_000);
    await page.waitForTimeout(500);
    assert.equal(await progress.count(), 1, 'precondition: the training is still running');
    assert.equal(await page.getByText('Update ready').count(), 0, 'no prompt during training');

    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await updateRegion(page).getByText('Update ready').waitFor();
    await updateRegion(page).getByRole('button', { name: 'Reload', exact: true }).click();
    await openAbout(page);
    await page.getByText(`Version ${VERSION_B}`).first().waitFor({ timeout: 30_000 });
    await waitForServiceWorkerControl(page);
    assert.equal(await hasWaitingWorker(page), false, 'the new worker took over');
    assert.equal((await updateRegion(page).textContent())?.trim(), '', 'no offer after updating');
    await predict(page, SETOSA);
  } finally {
    await context.close();
    await server.close();
  }
});

test('an old tab whose worker file is gone offers a reload instead of breaking', async () => {
  assert.ok(browser);
  const server = await serveSwitchable({ dir: buildA });
  // No service worker here: this is the tab of a visitor whose cache no longer has the old files.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await openApp(page, server.url);
    await predict(page, SETOSA);
    server.use(buildB);
    // The worker dies; the bridge restarts it from the old URL, which build B does not have.
    await Promise.all(
      page.workers().map((worker) => worker.evaluate(() => self.close()).catch(() => undefined)),
    );
    await page.getByRole('spinbutton', { name: 'Sepal length', exact: true }).fill('5.0');
    await updateRegion(page).getByText('A new version of Petal is available').waitFor({ timeout: 30_000 });
    await updateRegion(page).getByRole('button', { name: 'Reload', exact: true }).click();
    await openAbout(page);
    await page.getByText(`Version ${VERSION_B}`).first().waitFor({ timeout: 30_000 });
    await predict(page, SETOSA);
  } finally {
    await context.close();
    await server.close();
  }
});
