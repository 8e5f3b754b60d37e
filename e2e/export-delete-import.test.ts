// Journey 3: export v2 as model.json + weights, delete it (v1 takes over), import the two files back, and
// the imported version predicts exactly what v2 did.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  activeVersions,
  BORDERLINE,
  listedVersions,
  openApp,
  openTab,
  poll,
  predict,
  shownProbabilities,
  trainAndKeep,
} from './app-page';
import { appTest } from './app-test';

appTest('export v2, delete it, import the files back: same probabilities', async ({ page, server }) => {
  const folder = await mkdtemp(join(tmpdir(), 'petal-e2e-'));
  try {
    await openApp(page, server.url);
    const v1Text = await predict(page, BORDERLINE);
    // A seed other than the default model's so that v1 and v2 differ and the comparison below can fail.
    assert.equal(await trainAndKeep(page, { Seed: '7' }), 'v2');
    await openTab(page, 'Predict');
    await page
      .getByText(/Model v2\b/)
      .first()
      .waitFor();
    const v2Text = await predict(page, BORDERLINE);
    const v2Probabilities = shownProbabilities(v2Text);
    assert.equal(v2Probabilities.size, 3, `three probabilities in "${v2Text}"`);
    assert.notDeepEqual(
      v2Probabilities,
      shownProbabilities(v1Text),
      `precondition: v1 and v2 must predict differently on ${BORDERLINE} (v1 "${v1Text}", v2 "${v2Text}")`,
    );

    // Export: two downloads from one click.
    await openTab(page, 'Models');
    const modelJson = page.waitForEvent('download', (download) =>
      download.suggestedFilename().endsWith('.json'),
    );
    const weights = page.waitForEvent(
      'download',
      (download) => !download.suggestedFilename().endsWith('.json'),
    );
    await page.getByRole('button', { name: 'Export v2', exact: true }).click();
    const downloads = await Promise.all([modelJson, weights]);
    assert.deepEqual(
      downloads.map((download) => download.suggestedFilename()),
      ['petal-v2-model.json', 'petal-v2.weights.bin'],
    );
    const paths = downloads.map((download) => join(folder, download.suggestedFilename()));
    await Promise.all(downloads.map((download, i) => download.saveAs(paths[i])));
    const manifest = JSON.parse(await readFile(paths[0], 'utf8')) as {
      weightsManifest: { paths: string[] }[];
    };
    assert.deepEqual(
      manifest.weightsManifest[0].paths,
      ['petal-v2.weights.bin'],
      'the manifest names the exported weights file',
    );

    // Delete v2 after confirming; v1 becomes active.
    await page.getByRole('button', { name: 'Delete v2', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const afterDelete = await poll(
      () => listedVersions(page),
      (rows) => rows.length === 1,
      'v2 to leave the Models table',
    );
    assert.deepEqual(
      afterDelete.map((row) => [row.version, row.active]),
      [['v1', true]],
      'v1 is active again',
    );

    // Import both files: a new version, active.
    await page.getByLabel('Import model files', { exact: true }).setInputFiles(paths);
    const afterImport = await poll(
      () => listedVersions(page),
      (rows) => rows.length === 2,
      'the imported version in the Models table',
    );
    const imported = activeVersions(afterImport);
    assert.equal(imported.length, 1, `one active version: ${JSON.stringify(afterImport)}`);
    assert.notEqual(imported[0], 'v1', `the imported version is active: ${JSON.stringify(afterImport)}`);
    assert.match(
      afterImport.find((row) => row.active)!.text,
      /petal-v2/,
      'its source names the imported file',
    );

    await openTab(page, 'Predict');
    await page
      .getByText(new RegExp(`Model ${imported[0]}\\b`))
      .first()
      .waitFor();
    const importedText = await predict(page, BORDERLINE);
    assert.deepEqual(
      shownProbabilities(importedText),
      v2Probabilities,
      `v2 "${v2Text}" vs imported "${importedText}"`,
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
