// Journey 3: keep v2, rename it, look at its details, export it as one .zip, delete it and undo, delete it
// again, import the .zip: the imported version has v2's name and predicts exactly what v2 did.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import {
  activeVersions,
  BORDERLINE,
  keepButton,
  listedVersions,
  openApp,
  openBundledData,
  openTab,
  poll,
  predict,
  shownProbabilities,
  trainButton,
} from './app-page';
import { appTest } from './app-test';
import {
  actionsButton,
  chooseAction,
  deleteVersion,
  exportVersion,
  focused,
  modelsStatus,
} from './models-page';

const NAME = 'Iris, seed 7';

function sameMap(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}

/** Trains on the bundled iris data with `seed` (under "Advanced settings" when that is closed) and keeps it. */
async function keepWithSeed(page: Page, seed: string): Promise<string> {
  await openBundledData(page);
  const seedField = page.getByLabel('Seed', { exact: true });
  if (!(await seedField.isVisible())) {
    await page.locator('summary', { hasText: 'Advanced settings' }).click();
    await seedField.waitFor({ state: 'visible' });
  }
  await seedField.fill(seed);
  await poll(() => trainButton(page).isEnabled(), Boolean, 'the Train button to be enabled');
  await trainButton(page).click();
  await keepButton(page).waitFor({ timeout: 60_000 });
  await keepButton(page).click();
  const rows = await poll(
    () => listedVersions(page, { open: true }),
    (list) => list.length === 2 && list.some((row) => row.active && row.version !== 'v1'),
    'the kept version, active, in the Models table',
  );
  return activeVersions(rows)[0];
}

appTest(
  'keep v2, see its details, export one .zip, delete, undo, delete, import: same name and probabilities',
  async ({ page, server }) => {
    await openApp(page, server.url);
    const v1Text = await predict(page, BORDERLINE);
    // A seed other than the default model's so that v1 and v2 differ and the comparison below can fail.
    assert.equal(await keepWithSeed(page, '7'), 'v2');
    // Predict follows the new active version. Precondition: v1 and v2 predict differently on BORDERLINE,
    // or the comparison at the end could not fail.
    const v1Probabilities = shownProbabilities(v1Text);
    const v2Text = await poll(
      () => predict(page, BORDERLINE),
      (text) => !sameMap(shownProbabilities(text), v1Probabilities),
      `Predict to answer with v2, unlike v1 ("${v1Text}")`,
    );
    const v2Probabilities = shownProbabilities(v2Text);
    assert.equal(v2Probabilities.size, 3, `three probabilities in "${v2Text}"`);

    // Rename v2 from its menu.
    await openTab(page, 'Models');
    await chooseAction(page, 'v2', 'Rename');
    const nameField = page.getByRole('textbox', { name: 'Name for v2', exact: true });
    await nameField.fill(NAME);
    await nameField.press('Enter');
    await poll(
      () => modelsStatus(page),
      (text) => text.includes(`Renamed v2 to “${NAME}”`),
      'the rename',
    );

    // Its details: settings, figures and the data fingerprint, in a dialog that gives focus back on close.
    await chooseAction(page, 'v2', 'Details');
    const details = page.getByRole('dialog', { name: `v2 · ${NAME}` });
    await details.getByRole('heading', { name: 'Test results' }).waitFor();
    const seed = details.getByRole('table', { name: 'Settings of v2' }).getByRole('row', { name: /Seed/ });
    // biome-ignore lint/performance/useDomNodeTextContent: the text a user sees, cells apart.
    assert.match(await seed.innerText(), /Seed\s+7/);
    // biome-ignore lint/performance/useDomNodeTextContent: the text a user sees, cells apart.
    const shown = await details.innerText();
    assert.match(shown, /Data fingerprint[\s\S]*[0-9a-f]{16}/);
    assert.match(shown, /Test accuracy\s+\d+\.\d%/);
    await details.getByRole('table', { name: /Per-class precision/ }).waitFor();
    // Train's Keep stores the run's curves and full test metrics beside the bundle.
    await details.getByRole('table', { name: /Confusion matrix/ }).waitFor();
    await details.getByRole('figure', { name: /Loss/ }).first().waitFor();
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
    assert.equal(await focused(page), 'button: Actions for v2', 'focus is back on the menu button');

    // Export: one download, one .zip holding the standard two files and Petal's record with the name.
    const { path, download } = await exportVersion(page, 'v2');
    try {
      assert.equal(download.suggestedFilename(), 'petal-v2-iris-seed-7.zip');
      const files = unzipSync(new Uint8Array(await readFile(path)));
      assert.deepEqual(Object.keys(files).sort(), ['model.json', 'petal-version.json', 'weights.bin']);
      assert.deepEqual(JSON.parse(strFromU8(files['model.json'])).weightsManifest[0].paths, ['weights.bin']);
      assert.equal(JSON.parse(strFromU8(files['petal-version.json'])).name, NAME);

      // Delete v2 (the active one): v1 takes over, and Undo brings v2 back, active again, focus on its menu.
      await deleteVersion(page, 'v2');
      const afterDelete = await poll(
        () => listedVersions(page),
        (rows) => rows.length === 1,
        'v2 to leave the Models table',
      );
      assert.deepEqual(activeVersions(afterDelete), ['v1'], 'v1 is active again');
      assert.match(
        await modelsStatus(page),
        new RegExp(`Deleted v2 “${NAME}”; v1 “.+” is now the active model\\.`),
      );
      const undo = page.getByRole('button', { name: 'Undo: restore v2', exact: true });
      assert.equal(await focused(page), 'button: Undo: restore v2', 'focus moves to Undo, not <body>');
      await undo.click();
      const restored = await poll(
        () => listedVersions(page),
        (rows) => rows.length === 2 && rows.some((row) => row.version === 'v2' && row.active),
        'v2 back and active',
      );
      assert.match(restored.find((row) => row.version === 'v2')!.text, new RegExp(NAME));
      assert.match(await modelsStatus(page), /Restored v2 “Iris, seed 7”; it is the active model again\./);
      await poll(
        () => focused(page),
        (text) => text === 'button: Actions for v2',
        'focus on the restored row',
      );
      await openTab(page, 'Predict');
      assert.deepEqual(
        shownProbabilities(await predict(page, BORDERLINE)),
        v2Probabilities,
        'v2 predicts again',
      );

      // Delete it again, then import the .zip: a new version under the same name, active.
      await openTab(page, 'Models');
      await deleteVersion(page, 'v2');
      await poll(
        () => listedVersions(page),
        (rows) => rows.length === 1,
        'v2 deleted again',
      );
      await page.getByLabel('Import model files', { exact: true }).setInputFiles(path);
      const afterImport = await poll(
        () => listedVersions(page),
        (rows) => rows.length === 2,
        'the imported version in the Models table',
      );
      const imported = activeVersions(afterImport);
      assert.deepEqual(imported, ['v3'], `the imported version is active: ${JSON.stringify(afterImport)}`);
      assert.match(afterImport.find((row) => row.active)!.text, new RegExp(NAME), 'the name came back');
      assert.equal(await actionsButton(page, 'v2').count(), 0, 'v2 itself stays deleted');

      const importedText = await poll(
        () => predict(page, BORDERLINE),
        (text) => sameMap(shownProbabilities(text), v2Probabilities),
        `the imported version to predict what v2 did ("${v2Text}")`,
      );
      assert.deepEqual(shownProbabilities(importedText), v2Probabilities);
    } finally {
      await rm(dirname(path), { recursive: true, force: true });
    }
  },
);
