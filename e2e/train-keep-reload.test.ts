// Journey 2: train on the bundled iris data, keep the result as v2, and find it still active — predicting
// exactly the same — after a reload.
import assert from 'node:assert/strict';
import {
  activeVersions,
  BORDERLINE,
  fillFeatures,
  listedVersions,
  openApp,
  openTab,
  poll,
  predict,
  predictionText,
  trainAndKeep,
} from './app-page';
import { appTest } from './app-test';

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
    await page
      .getByText(/Model v2\b/)
      .first()
      .waitFor();
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
    await page
      .getByText(/Model v2\b/)
      .first()
      .waitFor();
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
