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
    await details.getByText(/Nothing is sent\s+anywhere/).waitFor();
    await details.getByText(/Version \d+\.\d+\.\d+/).waitFor();
  },
);

appTest(
  'on a phone, "About this device" opens into view, its lines starting with words',
  async ({ page, server }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page, server.url);
    await page.getByText('About this device', { exact: true }).click();
    const details = page.locator('details.about');
    await poll(
      async () => {
        const box = await details.boundingBox();
        return box ? box.y + box.height : Number.POSITIVE_INFINITY;
      },
      (bottom) => bottom <= 844 + 1,
      'the opened details to come up into view, their last line included',
    );
    const install = details.locator('petal-install-app');
    await install.getByText(/Version \d/).waitFor();
    // Each wrapped line of the version and install line, as laid out: none may start with a separator.
    const lines = await install.evaluate((host) => {
      const range = document.createRange();
      const starts: string[] = [];
      const walker = document.createTreeWalker(host.shadowRoot ?? host, NodeFilter.SHOW_TEXT);
      let lastTop = Number.NEGATIVE_INFINITY;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          if (/\s/.test(text[i])) continue;
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const top = range.getBoundingClientRect().top;
          if (top > lastTop + 2) starts.push(text[i]);
          lastTop = Math.max(lastTop, top);
        }
      }
      return starts;
    });
    assert.ok(lines.length > 0);
    for (const first of lines) assert.doesNotMatch(first, /[·•|,]/, `a line starts with "${first}"`);
  },
);
