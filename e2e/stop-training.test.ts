// Journey 5: stopping a long training run keeps the previous active model and adds no version.
import assert from 'node:assert/strict';
import {
  fillSettings,
  keepButton,
  listedVersions,
  openApp,
  openBundledData,
  poll,
  predict,
  SETOSA,
  trainButton,
} from './app-page';
import { appTest } from './app-test';

appTest('Stop during training keeps v1 active and adds no version', async ({ page, server }) => {
  await openApp(page, server.url);
  const predictionBefore = await predict(page, SETOSA);
  await openBundledData(page);
  await fillSettings(page, { Epochs: '10000' });
  // A run that goes on until stopped: early stopping (on by default) would end it by itself.
  await page.getByRole('checkbox', { name: 'Stop early', exact: true }).uncheck();
  await trainButton(page).click();

  const progress = page.getByRole('progressbar', { name: 'Training progress', exact: true });
  await progress.waitFor();
  const started = Number(await progress.getAttribute('aria-valuenow'));
  await poll(
    async () => Number(await progress.getAttribute('aria-valuenow')),
    (value) => value > started,
    'the training progress to advance',
    30_000,
  );
  await page.getByRole('button', { name: 'Stop', exact: true }).click();

  // Stopped: the app says so, Train is usable again, and there are no results to keep.
  await page
    .getByRole('status')
    .filter({ hasText: /stopped|cancelled/i })
    .first()
    .waitFor();
  await poll(() => trainButton(page).isEnabled(), Boolean, 'Train to be enabled again after Stop', 15_000);
  assert.equal(await keepButton(page).count(), 0, 'a stopped run offers nothing to keep');
  await page.waitForTimeout(1_000);
  assert.equal(await keepButton(page).count(), 0, 'and no results arrive later');

  const versions = await listedVersions(page, { open: true });
  assert.deepEqual(
    versions.map((row) => [row.version, row.active]),
    [['v1', true]],
    'v1 active, no v2',
  );
  await page.getByRole('tab', { name: 'Predict', exact: true }).click();
  assert.equal(await predict(page, SETOSA), predictionBefore, 'the active model predicts as before');
});
