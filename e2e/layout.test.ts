// The app as a phone and a laptop show it, light and dark: no tab scrolls the page sideways, no "NaN" or
// "Infinity" is shown, the open tab survives a reload, and pressing Train moves focus to Stop with the run
// in view, then to the results.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  openApp,
  openBundledData,
  openTab,
  poll,
  type TabName,
  tab,
  trainButton,
  trainOnIris,
} from './app-page';
import { appTest } from './app-test';

const TABS: readonly TabName[] = ['Predict', 'Train', 'Compare', 'Batch', 'Models'];
const SIZES = [
  { width: 390, height: 844 },
  { width: 1366, height: 850 },
] as const;

/** How far the page scrolls sideways, and the widest element that sticks out (for the message). */
async function overflow(page: Page): Promise<{ by: number; widest: string }> {
  return page.evaluate(`(() => {
    const root = document.documentElement;
    // With a stable scrollbar gutter clientWidth includes the gutter: a page narrower than it is fine.
    const by = Math.max(0, root.scrollWidth - root.clientWidth);
    let widest = '';
    let right = root.clientWidth;
    const walk = (node) => {
      for (const element of node.querySelectorAll('*')) {
        const box = element.getBoundingClientRect();
        if (box.right > right + 0.5) {
          right = box.right;
          widest = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + ' ' + Math.round(box.right) + 'px';
        }
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    return { by, widest };
  })()`);
}

/** Text of the whole page, shadow roots included. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const parts = [];
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) parts.push(child.textContent);
        else if (child.nodeType === 1) {
          if (child.shadowRoot) walk(child.shadowRoot);
          walk(child);
        }
      }
    };
    walk(document.body);
    return parts.join(' ');
  })()`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  appTest(
    `every tab fits a 390 px phone and a 1366 px laptop, ${colorScheme}: no sideways scroll, no NaN`,
    async ({ page, server }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize(SIZES[0]);
      await openApp(page, server.url);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        for (const name of TABS) {
          await openTab(page, name);
          // Let the panel load and lay out (Train reads the bundled data).
          await page.waitForTimeout(name === 'Train' ? 1500 : 400);
          const { by, widest } = await overflow(page);
          assert.equal(
            by,
            0,
            `${name} at ${size.width} px scrolls the page sideways by ${by} px (${widest})`,
          );
          const text = await pageText(page);
          assert.doesNotMatch(
            text,
            /\bNaN\b|\bInfinity\b/,
            `${name} at ${size.width} px shows NaN or Infinity`,
          );
        }
      }
    },
  );
}

appTest(
  'the open tab survives a reload; Train moves focus to Stop, then to the results',
  async ({ page, server }) => {
    await page.setViewportSize({ width: 1366, height: 850 });
    await openApp(page, server.url);
    await openBundledData(page);
    assert.match(page.url(), /#train$/, 'the open tab is in the URL');
    await page.reload();
    await poll(
      () => tab(page, 'Train').getAttribute('aria-selected'),
      (selected) => selected === 'true',
      'Train to be open after the reload',
    );

    await page.getByLabel('Epochs', { exact: true }).fill('300');
    // Early stopping would end 300 epochs of iris within a second: this run must still be going at Stop.
    await page.getByRole('checkbox', { name: 'Stop early', exact: true }).uncheck();
    await poll(() => trainButton(page).isEnabled(), Boolean, 'Train to be enabled');
    await trainButton(page).focus();
    await page.keyboard.press('Enter');
    const focused = () =>
      page.evaluate(`(() => {
    let element = document.activeElement;
    while (element && element.shadowRoot && element.shadowRoot.activeElement) element = element.shadowRoot.activeElement;
    return element ? element.tagName.toLowerCase() + ':' + (element.textContent || '').trim() : '';
  })()`) as Promise<string>;
    await poll(focused, (name) => name === 'button:Stop', 'focus on Stop while training');
    const progress = page.getByRole('progressbar', { name: 'Training progress' });
    await poll(
      async () => {
        const box = await progress.boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= 850;
      },
      Boolean,
      'the training progress in the viewport',
    );
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await poll(focused, (name) => /^h2:Training/.test(name), 'focus on the run heading once it stopped');
  },
);

appTest(
  'a three-class run’s confusion matrix and per-class figures fit a 390 px phone unscrolled',
  async ({ page, server }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page, server.url);
    await trainOnIris(page, { Epochs: '20' });
    for (const box of ['petal-confusion-matrix .scroll', 'petal-class-metrics']) {
      const hidden = await page
        .locator(box)
        .first()
        .evaluate((element) => element.scrollWidth - element.clientWidth);
      assert.ok(hidden <= 0, `${box} hides ${hidden} px to the right at 390 px`);
    }
    // The curves' axis labels read alike on a phone and a laptop (a scaled drawing: 11 px, then 19 px).
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: 850 });
      await page.waitForTimeout(200);
      const heights = await page
        .locator('petal-line-chart text.tick')
        .evaluateAll((labels) => labels.map((label) => label.getBoundingClientRect().height));
      assert.ok(heights.length > 0, 'the charts have axis labels');
      for (const height of heights) {
        assert.ok(
          height >= 13 && height <= 17,
          `an axis label is ${height.toFixed(1)} px tall at ${width} px`,
        );
      }
    }
  },
);
