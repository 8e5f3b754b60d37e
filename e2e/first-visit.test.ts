// Journey 1: a first visit (fresh IndexedDB) predicts with the bundled default model, and warns when a
// value lies outside what the model was trained on.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { openApp, predict, predictedClass, SETOSA, shownProbabilities, waitForModelInUse } from './app-page';
import { appTest } from './app-test';

appTest('the built app, served from a sub-path, says what Petal is', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Petal', level: 1 }).waitFor();
  assert.match((await page.textContent('body')) ?? '', /never leaves this device/);
});

appTest(
  'a first visit predicts setosa for 5.1, 3.5, 1.4, 0.2 with the default model',
  async ({ page, server }) => {
    await openApp(page, server.url);
    await waitForModelInUse(page, 1);
    const text = await predict(page, SETOSA);
    assert.equal(predictedClass(text), 'setosa', `prediction text: "${text}"`);
    const shown = shownProbabilities(text);
    assert.equal(shown.size, 3, `one percentage per class expected in "${text}"`);
    for (const percent of shown.values())
      assert.match(percent, /^\d{1,3}\.\d%$/, 'one decimal per percentage');
    assert.ok(Number.parseFloat(shown.get('setosa')!) > 90, `setosa should be confident: "${text}"`);
    // In range: no warning.
    assert.equal(await outOfRangeWarnings(page).count(), 0, 'no out-of-range warning for an ordinary flower');
  },
);

appTest(
  "the paper's imaginary flower 1, 4.2, 1.4, 7 is flagged as outside the training range",
  async ({ page, server }) => {
    await openApp(page, server.url);
    await predict(page, [1, 4.2, 1.4, 7]);
    const warnings = outOfRangeWarnings(page);
    await warnings.first().waitFor();
    const text = (await warnings.allInnerTexts()).join(' ');
    // Sepal length 1 is below the smallest in iris (4.3) and petal width 7 above the largest (2.5);
    // sepal width 4.2 and petal length 1.4 are ordinary.
    assert.match(text, /Sepal length/, `the warning names "Sepal length": "${text}"`);
    assert.match(text, /Petal width/, `the warning names "Petal width": "${text}"`);
    assert.doesNotMatch(text, /Sepal width|Petal length/, `only the odd features are named: "${text}"`);
    // Back in range, the warning goes away.
    await predict(page, SETOSA);
    assert.equal(
      await outOfRangeWarnings(page).count(),
      0,
      'the warning clears once the values are ordinary',
    );
  },
);

function outOfRangeWarnings(page: Page): Locator {
  return page.getByText(/outside the training range|unreliable/i);
}
