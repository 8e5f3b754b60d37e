// Journey: Predict on a phone. The Prediction card is below the form at 390 px, so a compact result bar,
// sticky at the top of the Measurements card, keeps the answer in view while the user types in the last
// field: it follows each edit, says when the answer is unreliable, never covers the focused field, is not a
// second live region (the card's announces each answer once), and is not shown where the card is beside the
// form. Light and dark.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import {
  featureInput,
  IRIS_FEATURES,
  normalise,
  openApp,
  poll,
  predictedClass,
  predictionRegion,
  SETOSA,
  settledPrediction,
  VIRGINICA,
} from './app-page';
import { appTest } from './app-test';

const PHONE = { width: 390, height: 844 };

/** The result bar: the sticky block in the Measurements card. */
function resultBar(page: Page): Locator {
  return page.locator('petal-predict-panel .sticky');
}

async function barText(page: Page): Promise<string> {
  return normalise((await resultBar(page).textContent()) ?? '');
}

/** True when the box lies wholly inside the viewport (to a pixel: boxes have fractional edges). */
async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  return box !== null && viewport !== null && box.y >= -1 && box.y + box.height <= viewport.height + 1;
}

for (const colorScheme of ['light', 'dark'] as const) {
  appTest(
    `Predict at 390 × 844, ${colorScheme}: the result stays in view while typing in the last field`,
    async ({ page, server }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize(PHONE);
      await openApp(page, server.url);
      for (const [i, value] of SETOSA.entries())
        await featureInput(page, IRIS_FEATURES[i]).fill(String(value));
      await settledPrediction(page);
      assert.match(await barText(page), /^Prediction setosa \d+\.\d%$/);

      // Type virginica's values, ending in the last field, scrolled to the middle of the screen (where a
      // phone's keyboard leaves it): the top of the form, with the bar's place in it, is above the screen.
      for (const [i, value] of VIRGINICA.slice(0, 3).entries())
        await featureInput(page, IRIS_FEATURES[i]).fill(String(value));
      const last = featureInput(page, IRIS_FEATURES[3]);
      await last.evaluate((input) => input.scrollIntoView({ block: 'center' }));
      await page.locator('petal-predict-panel #measurements-heading').evaluate((heading) => {
        if (heading.getBoundingClientRect().bottom > 0) throw new Error('the form’s top is still in view');
      });
      await last.click();
      await last.fill('');
      await last.pressSequentially(String(VIRGINICA[3]), { delay: 60 });
      const card = await settledPrediction(page);
      const winner = predictedClass(card);
      assert.equal(winner, 'virginica');
      const shown = /virginica (\d+\.\d%)/.exec(card)?.[1];
      assert.equal(await barText(page), `Prediction virginica ${shown}`, 'the bar shows the card’s answer');
      assert.equal(await inViewport(page, resultBar(page)), true, 'the bar is in view while typing');
      assert.ok(Math.abs((await resultBar(page).boundingBox())!.y) < 1, 'stuck at the top of the screen');
      assert.equal(await inViewport(page, last), true, 'the field typed in is in view');
      const bar = (await resultBar(page).boundingBox())!;
      const field = (await last.boundingBox())!;
      assert.ok(field.y >= bar.y + bar.height, 'the bar does not cover the focused field');
      const focused = await page.evaluate(`(() => {
      let element = document.activeElement;
      while (element && element.shadowRoot && element.shadowRoot.activeElement) element = element.shadowRoot.activeElement;
      return element ? element.getAttribute('type') : '';
    })()`);
      assert.equal(focused, 'number', 'the focus stays in the field');

      // An input outside the training data: the bar says the answer is unreliable.
      await last.fill('7');
      await poll(
        () => barText(page),
        (text) => /Unreliable$/.test(text),
        'the bar to say "Unreliable"',
      );

      // The bar is not a live region: the card's is the only one announcing predictions.
      assert.equal(await page.getByRole('status', { name: 'Prediction' }).count(), 1);
      assert.equal(await predictionRegion(page).count(), 1);
      assert.equal(
        await resultBar(page).evaluate((element) => element.closest('[aria-live], [role="status"]') === null),
        true,
        'the bar is outside every live region',
      );

      // A field scrolled under the stuck bar and then focused is moved clear of it.
      const second = featureInput(page, IRIS_FEATURES[1]);
      const box = (await second.boundingBox())!;
      await page.mouse.wheel(0, box.y - 10);
      await poll(async () => (await second.boundingBox())!.y < 40, Boolean, 'the field under the bar');
      await second.focus();
      await poll(
        async () => (await second.boundingBox())!.y >= (await resultBar(page).boundingBox())!.y + bar.height,
        Boolean,
        'the focused field clear of the bar',
      );

      // Where the card is beside the form, there is no bar.
      await page.setViewportSize({ width: 1366, height: 850 });
      await poll(
        () => resultBar(page).count(),
        (count) => count === 0,
        'no bar at 1366 px',
      );
      // And back on a phone, the bar with the answer.
      await page.setViewportSize(PHONE);
      await poll(
        () => barText(page),
        (text) => /^Prediction /.test(text),
        'the bar again at 390 px',
      );
    },
  );
}
