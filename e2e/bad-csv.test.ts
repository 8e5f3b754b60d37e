// Journey 4: a CSV Petal cannot train on is refused with a message naming its row; nothing stored or active
// changes. (A word among numbers is not such a file any more: that column is read as a category.)
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listedVersions, openApp, openTab, predict, SETOSA, trainButton } from './app-page';
import { appTest } from './app-test';

appTest(
  'a bad CSV shows its row in an alert; Train stays disabled; nothing changes',
  async ({ page, server }) => {
    const folder = await mkdtemp(join(tmpdir(), 'petal-e2e-'));
    try {
      // The first 30 lines of iris with spreadsheet row 4 (the header is row 1) missing its sepal_width.
      const lines = (await readFile('public/data/iris.csv', 'utf8')).split('\n').slice(0, 30);
      const cells = lines[3].split(',');
      cells.splice(1, 1);
      lines[3] = cells.join(',');
      const csvPath = join(folder, 'broken-iris.csv');
      await writeFile(csvPath, `${lines.join('\n')}\n`);

      await openApp(page, server.url);
      const predictionBefore = await predict(page, SETOSA);
      const versionsBefore = await listedVersions(page, { open: true });

      await openTab(page, 'Train');
      await page.getByRole('radio', { name: 'My CSV file', exact: true }).check();
      await page.getByLabel('CSV file', { exact: true }).setInputFiles(csvPath);
      const alert = page.getByRole('alert').filter({ hasText: /Row 4/i });
      await alert.waitFor();
      const message = (await alert.textContent()) ?? '';
      assert.match(message, /\bRow 4\b/i, `the alert names the row: "${message}"`);
      assert.match(
        message,
        /4 values but the header has 5 columns/,
        `the alert says what is wrong: "${message}"`,
      );
      assert.equal(await trainButton(page).isDisabled(), true, 'Train is disabled while the CSV is unusable');

      assert.deepEqual(
        await listedVersions(page, { open: true }),
        versionsBefore,
        'the Models list is unchanged',
      );
      await openTab(page, 'Predict');
      assert.equal(await predict(page, SETOSA), predictionBefore, 'the active model predicts as before');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
);
