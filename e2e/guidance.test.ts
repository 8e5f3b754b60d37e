// Issue 14, guidance: a first visit shows four steps that open their tabs and go away for good on "Got it";
// the engine and storage details live under "About this device", not in the header.
import assert from 'node:assert/strict';
import { openApp, poll } from './app-page';
import { appTest } from './app-test';

appTest(
  'the first-visit steps open their tabs, and "Got it" hides them for good',
  async ({ page, server }) => {
    await openApp(page, server.url);
    const steps = page.getByRole('region', { name: 'New here? Four steps' });
    await steps.waitFor();
    assert.equal(await steps.getByRole('listitem').count(), 4);

    // A step is a way to its tab: the tab opens and takes the focus.
    await steps.getByRole('button', { name: 'Pick your data and train' }).click();
    const trainTab = page.getByRole('tab', { name: 'Train', exact: true });
    await poll(
      () => trainTab.getAttribute('aria-selected'),
      (selected) => selected === 'true',
      'Train to open',
    );
    await poll(
      () => trainTab.evaluate((tab) => (tab.getRootNode() as ShadowRoot).activeElement === tab),
      Boolean,
      'the Train tab to have the focus',
    );

    // "Got it": gone, the focus on the open tab rather than lost to the body, and still gone after a reload.
    await steps.getByRole('button', { name: 'Got it' }).click();
    await steps.waitFor({ state: 'detached' });
    await poll(
      () => trainTab.evaluate((tab) => (tab.getRootNode() as ShadowRoot).activeElement === tab),
      Boolean,
      'the focus to go to the open tab',
    );
    await page.reload();
    await page.getByRole('tab', { name: 'Train', exact: true }).waitFor();
    await page.waitForTimeout(1_000);
    assert.equal(await page.getByRole('region', { name: 'New here? Four steps' }).count(), 0);
  },
);

appTest(
  'the header keeps to the app; the backend and storage are under "About this device"',
  async ({ page, server }) => {
    await openApp(page, server.url);
    const header = page.getByRole('banner');
    assert.doesNotMatch((await header.textContent()) ?? '', /Backend|Storage/);
    const about = page.getByText('About this device', { exact: true });
    await about.click();
    const details = page.locator('details.about');
    await poll(() => details.getByText(/^Backend: (wasm|cpu)$/).isVisible(), Boolean, 'the backend to show');
    assert.match(((await details.textContent()) ?? '').replace(/\s+/g, ' '), /Nothing is sent anywhere/);
    await details.getByText(/Version \d+\.\d+\.\d+/).waitFor();
  },
);
