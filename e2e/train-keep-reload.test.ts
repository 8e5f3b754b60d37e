// Journey 2: train on the bundled iris data, keep the result as v2, and find it still active — predicting
// exactly the same — after a reload. Then "Stop and keep" on a long run, and the last results surviving a
// reload (kept or not); a damaged stored result is ignored.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  activeVersions,
  BORDERLINE,
  fillFeatures,
  fillSettings,
  keepButton,
  listedVersions,
  normalise,
  openApp,
  openBundledData,
  openTab,
  poll,
  predict,
  predictionText,
  trainAndKeep,
  trainButton,
} from './app-page';
import { appTest } from './app-test';
import { chooseAction, deleteVersion } from './models-page';

appTest(
  'train on iris, keep as v2, and v2 survives a reload with the same predictions',
  async ({ page, server }) => {
    await openApp(page, server.url);
    const initial = await listedVersions(page, { open: true });
    assert.deepEqual(
      initial.map((row) => [row.version, row.active]),
      [['v1', true]],
      'a first visit lists only the default model, active',
    );

    const kept = await trainAndKeep(page);
    assert.equal(kept, 'v2');
    const afterKeep = await listedVersions(page);
    assert.deepEqual(
      activeVersions(afterKeep),
      ['v2'],
      `exactly one active version: ${JSON.stringify(afterKeep)}`,
    );

    await openTab(page, 'Predict');
    await waitForPredictModel(page, 'v2');
    const before = await predict(page, BORDERLINE);

    await page.reload();
    const reloaded = await listedVersions(page, { open: true });
    assert.deepEqual(
      reloaded.map((row) => [row.version, row.active]),
      [
        ['v1', false],
        ['v2', true],
      ],
      'after a reload both versions are listed and v2 is still active',
    );

    await openTab(page, 'Predict');
    await waitForPredictModel(page, 'v2');
    await fillFeatures(page, BORDERLINE);
    const after = await poll(
      () => predictionText(page),
      (text) => text === before,
      'the same prediction text as before the reload',
      15_000,
    );
    assert.equal(after, before);
  },
);

appTest(
  'Stop and keep ends a long run with what it learnt; its results, kept or not, survive a reload',
  async ({ page, server }) => {
    await openApp(page, server.url);
    await openBundledData(page);
    await fillSettings(page, { Epochs: '10000' });
    await page.getByRole('checkbox', { name: 'Stop early', exact: true }).uncheck();
    await trainButton(page).click();
    const progress = page.getByRole('progressbar', { name: 'Training progress', exact: true });
    await progress.waitFor();
    const stopAndKeep = page.getByRole('button', { name: 'Stop and keep', exact: true });
    await poll(() => stopAndKeep.isEnabled(), Boolean, 'Stop and keep to be offered once an epoch is done');
    await poll(
      async () => Number(await progress.getAttribute('aria-valuenow')),
      (epoch) => epoch >= 20,
      'the run to be under way',
      30_000,
    );
    await stopAndKeep.click();

    // A normal run's results: tested on the held-out rows, saying where it stopped, offering Keep.
    await keepButton(page).waitFor({ timeout: 30_000 });
    const stopped = page.getByText(/^Stopped by you at epoch \d+ of 10000$/);
    await stopped.waitFor();
    const stoppedText = (await stopped.textContent())!;
    const epoch = Number(/epoch (\d+)/.exec(stoppedText)![1]);
    assert.ok(epoch >= 20 && epoch < 10_000, `stopped at epoch ${epoch}`);
    await page.getByText(/\(30 test rows\)/).waitFor();
    const accuracy = await resultsFigure(page, 'Test accuracy');

    // Not kept yet: after a reload the same results, and Keep, are there.
    await page.reload();
    await page.getByText(stoppedText, { exact: true }).waitFor({ timeout: 20_000 });
    assert.equal(await resultsFigure(page, 'Test accuracy'), accuracy, 'the same figures after a reload');
    await poll(
      () => page.getByLabel('Epochs', { exact: true }).inputValue(),
      (value) => value === '10000',
      'the settings above the results to be the run’s',
    );
    await page.getByRole('table', { name: 'Confusion matrix' }).waitFor();
    assert.ok(await keepButton(page).isEnabled(), 'Keep is still offered');
    await keepButton(page).click();
    await page.getByText('Kept as version 2 — now the active model in Predict and Batch.').waitFor();

    // Kept: a reload says so, and Keep is not offered again.
    await page.reload();
    await page.getByText(stoppedText, { exact: true }).waitFor({ timeout: 20_000 });
    await page.getByText('Kept as version 2 — now the active model in Predict and Batch.').waitFor();
    assert.equal(await keepButton(page).isEnabled(), false, 'a kept run cannot be kept twice');
    const versions = await listedVersions(page, { open: true });
    assert.deepEqual(activeVersions(versions), ['v2'], 'the kept run is the active model');
    assert.equal(versions.length, 2);

    // The words under the run stay true: another version made active, then the kept one deleted.
    await chooseAction(page, 'v1', /^Use/);
    await poll(
      async () => activeVersions(await listedVersions(page)),
      (active) => active[0] === 'v1',
      'v1 to be active',
    );
    await openTab(page, 'Train');
    await page.getByText('Kept as version 2; Predict and Batch now use version 1.').waitFor();
    await openTab(page, 'Models');
    await deleteVersion(page, 'v2');
    await openTab(page, 'Train');
    await page.getByText('Kept as version 2, since deleted.').waitFor();
    // Other data chosen: the run stays on show, headed as the last run on its own file.
    await page.getByRole('radio', { name: 'My CSV file', exact: true }).check();
    await page.getByRole('heading', { name: 'Last run, on iris.csv', exact: true }).waitFor();
    await page.getByRole('radio', { name: 'Bundled iris data', exact: true }).check();
    await page.getByRole('heading', { name: 'Results', exact: true }).waitFor();
  },
);

appTest('a damaged stored training result is ignored without a word', async ({ page, server }) => {
  await openApp(page, server.url);
  // What a crash mid-write, another Petal or a hand edit could leave under the Train tab's key.
  await page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('petal');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const transaction = open.result.transaction('registry', 'readwrite');
      transaction.objectStore('registry').put({ format: 1, sourceName: 'x.csv', bundle: 'broken' }, 'train:last-run');
      transaction.oncomplete = () => resolve(undefined);
      transaction.onerror = () => reject(transaction.error);
    };
  })`);
  await page.reload();
  await openBundledData(page);
  await page.getByRole('button', { name: 'Train', exact: true }).waitFor();
  await page.waitForTimeout(500);
  assert.equal(await page.getByRole('heading', { name: 'Results' }).count(), 0, 'no results to show');
  assert.equal(await page.getByRole('alert').filter({ hasText: /\S/ }).count(), 0, 'no error shown');
  // The saved models are untouched: v1 is listed and active.
  const versions = await listedVersions(page, { open: true });
  assert.deepEqual(activeVersions(versions), ['v1']);
});

/** The text of one figure in the training results, e.g. "96.7% (30 test rows)". */
async function resultsFigure(page: Page, name: string): Promise<string> {
  const figure = page
    .locator('petal-training-results dt', { hasText: name })
    .locator('xpath=following-sibling::dd[1]');
  return normalise((await figure.textContent()) ?? '');
}

/** Waits until the Predict tab's model picker shows `version` ("v2") as the model predictions come from. */
async function waitForPredictModel(page: Page, version: string): Promise<void> {
  const picker = page.getByRole('combobox', { name: 'Model', exact: true });
  await poll(
    () => picker.evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent ?? ''),
    (text) => text.trim().startsWith(`${version} `),
    `the Predict tab to use ${version}`,
  );
}
