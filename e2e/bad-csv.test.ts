// Journey 4: a CSV Petal cannot train on is refused with a message naming its row; nothing stored or active
// changes. (A word among numbers is not such a file any more: that column is read as a category.) And a
// file to score of which no row can be scored: one clear alert, its problem listed once, and none of the
// figures a scored file has.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { listedVersions, normalise, openApp, openTab, poll, predict, SETOSA, trainButton } from './app-page';
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

appTest(
  'Batch: a file of which no row can be scored gets one alert and its problems grouped; no drift, speed or preview',
  async ({ page, server }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page, server.url);
    await openTab(page, 'Batch');
    // Every row has a word in two number columns: the same two problems on every row.
    const rows = Array.from({ length: 8 }, (_, i) => `n/a,${3 + i / 10},abc,0.${i}`);
    await page.getByLabel('CSV file to score', { exact: true }).setInputFiles({
      name: 'all-bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`sepal_length,sepal_width,petal_length,petal_width\n${rows.join('\n')}\n`),
    });
    const score = page.getByRole('button', { name: 'Score', exact: true });
    await poll(() => score.isEnabled(), Boolean, 'the Score button to be enabled');
    await score.click();
    const alert = page.getByRole('alert').filter({ hasText: /No row of this file could be scored/ });
    await alert.waitFor({ timeout: 30_000 });
    assert.match(normalise((await alert.textContent()) ?? ''), /column "sepal_length": "n\/a"/);

    const facts = normalise((await page.locator('petal-batch-results dl').textContent()) ?? '');
    assert.match(facts, /^Rows\s*8\s*Scored\s*0\s*Not scored \(bad rows\)\s*8$/, `only the counts: ${facts}`);
    const problems = page.getByRole('table', { name: 'Rows not scored', exact: true });
    const lines = await problems.locator('tbody tr').allTextContents();
    assert.equal(lines.length, 1, `one line for the one problem every row has: ${lines.join(' | ')}`);
    const [rowsCell, problem] = (await problems.locator('tbody td').allTextContents()).map(normalise);
    assert.equal(rowsCell, '2–9 (8 rows)', 'the rows it concerns');
    assert.match(
      problem,
      /^column "sepal_length": "n\/a" means no value.*; column "petal_length": "abc" is not a number$/,
    );

    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 844 });
      const fits = await page
        .locator('petal-batch-results .scroll')
        .evaluate((box) => box.scrollWidth <= box.clientWidth);
      assert.ok(fits, `the problems fit a ${width} px screen without scrolling sideways`);
    }
    for (const heading of ['Drift', 'Preview of the scored file', 'Predicted classes']) {
      assert.equal(
        await page.getByRole('heading', { name: heading, exact: true }).count(),
        0,
        `no ${heading}`,
      );
    }
    assert.equal(await page.getByRole('region', { name: 'Scored rows', exact: true }).count(), 0);
    assert.equal(
      await page.getByRole('button', { name: 'Download scored CSV', exact: true }).count(),
      0,
      'nothing worth downloading',
    );
    const axe = await new AxeBuilder({ page }).analyze();
    const violations = axe.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} at ${JSON.stringify(node.target)}: ${violation.help}`),
    );
    assert.deepEqual(violations, [], 'axe violations on the Batch tab with nothing scored');
  },
);
