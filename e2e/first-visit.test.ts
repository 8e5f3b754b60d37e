import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { type StaticServer, serveStatic } from './static-server';

let browser: Browser;
let server: StaticServer;

before(async () => {
  server = await serveStatic({ dir: 'dist' });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the built app, served from a sub-path, says what Petal is', async () => {
  const page = await browser.newPage();
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Petal' }).waitFor();
  assert.match((await page.textContent('body')) ?? '', /never leaves this device/);
  assert.deepEqual(failed, []);
  await page.close();
});
