// Journey: batch scoring. A generated CSV — iris columns in another order, an extra `id` column (one cell a
// formula), bad rows of three kinds — is chosen on the Batch tab, scored, and the scored CSV downloaded and
// checked against the input and against single-row predictions from the Predict tab.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import {
  IRIS_CLASSES,
  normalise,
  openApp,
  poll,
  predict,
  shownProbabilities,
  sidewaysScroll,
} from './app-page';
import { appTest } from './app-test';

const COLUMNS = ['id', 'petal_width', 'species', 'sepal_length', 'petal_length', 'sepal_width'];
const ADDED = [
  'predicted_species',
  ...IRIS_CLASSES.map((name) => `probability_${name}`),
  'outside_training_range',
  'error',
];
/** Output rows (0-based data rows) whose predictions are compared with the Predict tab's. */
const CHECKED = [0, 60, 130];

async function openBatchTab(page: Page): Promise<void> {
  const tab = page.getByRole('tab', { name: 'Batch', exact: true });
  await tab.click();
  await poll(
    () => tab.getAttribute('aria-selected'),
    (selected) => selected === 'true',
    'the "Batch" tab to be selected',
  );
}

interface Generated {
  readonly text: string;
  /** Data rows in file order, as written. */
  readonly rows: string[][];
  /** 0-based data rows that are bad. */
  readonly bad: number[];
  readonly formulaRow: number;
}

/** 450 iris rows (iris three times) in COLUMNS order, a formula id, then three bad rows. */
async function generate(): Promise<Generated> {
  const lines = (await readFile('public/data/iris.csv', 'utf8')).trim().split('\n').slice(1);
  const rows: string[][] = [];
  for (let copy = 0; copy < 3; copy++) {
    for (const line of lines) {
      const [sl, sw, pl, pw, species] = line.split(',');
      rows.push([String(rows.length + 1), pw, species, sl, pl, sw]);
    }
  }
  const formulaRow = 5;
  rows[formulaRow][0] = '=1+2';
  const bad = [rows.length, rows.length + 1, rows.length + 2];
  rows.push(['bad-1', '0.2', 'setosa', '5.1', '1.4', 'abc']); // not a number
  rows.push(['bad-2', '0.2', 'setosa', '5.1', '', '3.5']); // empty
  rows.push(['bad-3', '0.2', 'setosa']); // ragged: too few values
  const text = `${[COLUMNS, ...rows].map((row) => row.join(',')).join('\n')}\n`;
  return { text, rows, bad, formulaRow };
}

/** The lines of text an element's content takes (text boxes at distinct heights). */
function linesOf(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements.map((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    }),
  );
}

/**
 * The results read on a phone: the summary's values on one line each and inside their boxes, "Predicted
 * classes" in line with them, the drift key a list of whole terms, and the preview's first column the
 * prediction, inside the screen without scrolling sideways.
 */
async function checkPhoneLayout(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 844 });
  const at = `at ${width} px`;
  assert.equal(await sidewaysScroll(page), 0, `the page does not scroll sideways ${at}`);
  const values = page.locator('petal-batch-results dl dd');
  const clipped = await values.evaluateAll((dds) =>
    dds.filter((dd) => dd.scrollWidth > dd.clientWidth).map((dd) => dd.textContent),
  );
  assert.deepEqual(clipped, [], `no summary value is cut ${at}`);
  const lines = await linesOf(page, 'petal-batch-results dl dd');
  const texts = (await values.allTextContents()).map(normalise);
  assert.deepEqual(
    lines.map((count, i) => `${texts[i]}: ${count}`),
    texts.map((text) => `${text}: 1`),
    `every summary value on one line ${at} (the time and speed were 3 lines at 390 px)`,
  );
  const summaryLeft = (await page.locator('petal-batch-results dl').boundingBox())?.x ?? Number.NaN;
  const classesLeft =
    (await page.getByRole('heading', { name: 'Predicted classes', exact: true }).boundingBox())?.x ??
    Number.NaN;
  assert.ok(Math.abs(classesLeft - summaryLeft) <= 1, `"Predicted classes" in line with the summary ${at}`);

  const key = page.locator('petal-drift-table .key');
  const label = await key.locator('p').boundingBox();
  const terms = await key.locator('li').evaluateAll((items) =>
    items.map((item) => ({
      top: item.getBoundingClientRect().top,
      height: item.getBoundingClientRect().height,
    })),
  );
  assert.equal(terms.length, 4, 'four technical columns explained');
  assert.ok(
    label && terms.every((term) => term.top >= label.y + label.height - 1),
    `the key's label on its own line ${at}`,
  );
  assert.ok(
    terms.every((term) => term.height <= label.height * 1.6),
    `each term of the drift key stays whole on one line ${at}: ${JSON.stringify(terms)}`,
  );

  // The drift verdict of each feature is on screen, not off to the right behind the figures.
  const statuses = await page
    .getByRole('table', { name: 'Drift against the training data', exact: true })
    .locator('td.reason')
    .evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().right));
  assert.ok(statuses.length > 0, 'the drift table has a status per feature');
  for (const right of statuses) assert.ok(right <= width, `a drift status ends at ${right} px ${at}`);

  const preview = page.getByRole('region', { name: 'Scored rows', exact: true });
  await preview.evaluate((element) => element.scrollTo(0, 0));
  const header = (await preview.locator('thead th').allTextContents()).map(normalise);
  assert.deepEqual(
    header,
    [...ADDED, ...COLUMNS],
    "the preview shows Petal's columns first, then the file's",
  );
  const predicted = await preview
    .getByRole('columnheader', { name: 'predicted_species', exact: true })
    .boundingBox();
  const probability = await preview
    .locator('tbody tr:not(.spacer)')
    .first()
    .locator('td')
    .nth(1)
    .boundingBox();
  for (const [name, box] of [
    ['predicted class', predicted],
    ['first probability', probability],
  ] as const) {
    assert.ok(
      box && box.x >= 0 && box.x + box.width <= width,
      `the ${name} is on screen ${at}: ${JSON.stringify(box)}`,
    );
  }
}

appTest(
  'batch scoring: choose a CSV, score it, download it; rows, columns, errors and predictions check out',
  async ({ page, server }) => {
    const folder = await mkdtemp(join(tmpdir(), 'petal-e2e-'));
    try {
      const input = await generate();
      const csvPath = join(folder, 'flowers.csv');
      await writeFile(csvPath, input.text);

      await openApp(page, server.url);
      // Single-row predictions from the Predict tab, in the form's feature order.
      const single = new Map<number, Map<string, string>>();
      for (const index of CHECKED) {
        const [, pw, , sl, pl, sw] = input.rows[index];
        single.set(index, shownProbabilities(await predict(page, [sl, sw, pl, pw].map(Number))));
      }

      await openBatchTab(page);
      // A file missing features is refused before anything is scored, naming what is missing. It is
      // dropped on the zone (the journey's other file goes through the file input).
      const zone = page
        .locator('petal-file-drop', { has: page.getByLabel('CSV file to score', { exact: true }) })
        .locator('div')
        .first();
      const dataTransfer = await page.evaluateHandle((text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], 'short.csv', { type: 'text/csv' }));
        return transfer;
      }, 'id,Sepal_Length,petal_length\n1,5.1,1.4\n');
      await zone.dispatchEvent('dragover', { dataTransfer });
      await zone.dispatchEvent('drop', { dataTransfer });
      const alert = page.getByRole('alert').filter({ hasText: /does not have/ });
      await alert.waitFor();
      const message = normalise((await alert.textContent()) ?? '');
      assert.match(
        message,
        /^Model “Default iris model” \(v1\) needs 2 columns this file does not have: "sepal_width", "petal_width"\./,
        `the alert names the model and lists the missing columns: ${message}`,
      );
      const score = page.getByRole('button', { name: 'Score', exact: true });
      assert.equal(await score.isDisabled(), true, 'Score is disabled for a file that cannot be scored');

      await page.getByLabel('CSV file to score', { exact: true }).setInputFiles(csvPath);
      await page.getByRole('table', { name: 'First rows of flowers.csv', exact: true }).waitFor();
      const panel = page.locator('petal-batch-inspection dl');
      const mapping = normalise((await panel.textContent()) ?? '');
      assert.match(mapping, /comma/, 'the delimiter is shown');
      assert.match(mapping, /Passed through\s*id/, 'the extra column is passed through');
      await poll(() => score.isEnabled(), Boolean, 'the Score button to be enabled');
      await score.click();
      const download = page.getByRole('button', { name: 'Download scored CSV', exact: true });
      await download.waitFor({ timeout: 60_000 });

      const results = normalise((await page.locator('petal-batch-results dl').textContent()) ?? '');
      assert.match(results, /Rows\s*453\b/, `the summary counts every row: ${results}`);
      assert.match(results, /Not scored \(bad rows\)\s*3\b/, 'the summary counts the bad rows');
      const badTable = page.getByRole('table', { name: 'Rows not scored', exact: true });
      const listed = (await badTable.getByRole('cell').allTextContents()).map(normalise);
      assert.deepEqual(
        [listed[0], listed[2], listed[4]],
        ['452', '453', '454'],
        'the bad rows are listed with their row numbers',
      );
      assert.match(listed[1], /sepal_width.*abc/, 'with the reason');
      await page.getByRole('table', { name: 'Confusion matrix', exact: true }).waitFor();
      await page.getByRole('table', { name: 'Drift against the training data', exact: true }).waitFor();
      // The virtualised table holds a window of rows, not all 200 kept for display.
      const rendered = await page
        .getByRole('region', { name: 'Scored rows', exact: true })
        .getByRole('row')
        .count();
      assert.ok(rendered > 10 && rendered <= 32, `the scored-rows table renders a window (${rendered} rows)`);
      // Probabilities in the preview are readable percentages; the file keeps every digit (below).
      const firstRow = await page
        .getByRole('region', { name: 'Scored rows', exact: true })
        .locator('tbody tr:not(.spacer)')
        .first()
        .locator('td')
        .allTextContents();
      assert.equal(firstRow[0], 'setosa');
      for (const cell of firstRow.slice(1, 1 + IRIS_CLASSES.length)) assert.match(cell, /^\d{1,3}\.\d%$/);
      // The summary's figures in one row where there is room.
      const termTops = await page
        .locator('petal-batch-results dl dt')
        .evaluateAll(
          (terms) => new Set(terms.map((term) => Math.round(term.getBoundingClientRect().top))).size,
        );
      assert.equal(termTops, 1, 'the summary is one row of figures on a laptop');
      for (const width of [390, 320]) await checkPhoneLayout(page, width);

      // At a phone's width too: tables that fit a laptop scroll sideways there, and must take the focus.
      for (const width of [390, 1366]) {
        await page.setViewportSize({ width, height: 844 });
        const axe = await new AxeBuilder({ page }).analyze();
        const violations = axe.violations.flatMap((violation) =>
          violation.nodes.map(
            (node) => `${violation.id} at ${JSON.stringify(node.target)}: ${violation.help}`,
          ),
        );
        assert.deepEqual(violations, [], `axe violations on the Batch tab with results at ${width} px`);
      }

      const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
      assert.equal(file.suggestedFilename(), 'flowers-scored.csv');
      const output = Papa.parse<string[]>(await readFile(await file.path(), 'utf8'), {
        skipEmptyLines: true,
      }).data;
      assert.deepEqual(output[0], [...COLUMNS, ...ADDED], 'the columns: original, then the added ones');
      const data = output.slice(1);
      assert.equal(data.length, input.rows.length, 'one output row per input row');
      const at = (name: string) => output[0].indexOf(name);

      for (const index of input.bad) {
        const row = data[index];
        assert.notEqual(row[at('error')], '', `bad row ${index + 2} carries an error`);
        for (const name of ADDED.slice(0, -1))
          assert.equal(row[at(name)], '', `bad row ${index + 2} has an empty ${name}`);
      }
      assert.match(data[input.bad[0]][at('error')], /sepal_width.*abc/);
      assert.match(data[input.bad[1]][at('error')], /petal_length.*empty/);
      assert.match(data[input.bad[2]][at('error')], /3 values/);
      assert.equal(data[input.formulaRow][at('id')], "'=1+2", 'a formula-like text cell is escaped');
      assert.equal(data[0][at('sepal_length')], '5.1', 'numbers stay numbers');

      for (const [index, shown] of single) {
        const row = data[index];
        const best = IRIS_CLASSES.reduce((a, b) =>
          Number(row[at(`probability_${a}`)]) >= Number(row[at(`probability_${b}`)]) ? a : b,
        );
        assert.equal(row[at('predicted_species')], best);
        for (const name of IRIS_CLASSES) {
          const batch = Number(row[at(`probability_${name}`)]);
          const predicted = Number.parseFloat(shown.get(name) ?? 'NaN') / 100;
          // The Predict tab shows one decimal of a percentage: the same probability to 3 decimals.
          assert.ok(
            Math.abs(batch - predicted) <= 0.0005 + 1e-6,
            `row ${index + 2}, ${name}: batch ${batch} vs Predict tab ${shown.get(name)}`,
          );
        }
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
);

appTest(
  'batch scoring a file over 4 MB: two workers score a half each; one file, rows numbered as in the input',
  async ({ page, server }) => {
    const folder = await mkdtemp(join(tmpdir(), 'petal-e2e-'));
    try {
      // 160,000 rows (~4.6 MB): over PARALLEL_MIN_BYTES, so the scoring helper worker takes the second half.
      // One bad row in each half.
      const lines = (await readFile('public/data/iris.csv', 'utf8')).trim().split('\n');
      const rows: string[] = [lines[0]];
      for (let i = 0; rows.length <= 160_000; i++) rows.push(lines[1 + (i % 150)]);
      const badRows = [1_000, 150_000];
      for (const row of badRows) rows[row - 1] = '5.1,abc,1.4,0.2,setosa';
      const csvPath = join(folder, 'large.csv');
      await writeFile(csvPath, `${rows.join('\n')}\n`);

      // The helper is a worker's worker (not listed by page.workers()): its script request shows it started.
      const scripts: string[] = [];
      page.context().on('request', (request) => scripts.push(request.url()));
      await openApp(page, server.url);
      await openBatchTab(page);
      await page.getByLabel('CSV file to score', { exact: true }).setInputFiles(csvPath);
      const score = page.getByRole('button', { name: 'Score', exact: true });
      await poll(() => score.isEnabled(), Boolean, 'the Score button to be enabled');
      await score.click();
      const download = page.getByRole('button', { name: 'Download scored CSV', exact: true });
      await download.waitFor({ timeout: 60_000 });
      assert.ok(
        scripts.some((url) => /score\.worker-[\w-]+\.js$/.test(url)),
        'the scoring helper worker was loaded',
      );

      const results = normalise((await page.locator('petal-batch-results dl').textContent()) ?? '');
      assert.match(results, /Rows\s*160,000\b/, `the summary counts every row: ${results}`);
      assert.match(results, /Not scored \(bad rows\)\s*2\b/, 'one bad row in each half');
      const badTable = page.getByRole('table', { name: 'Rows not scored', exact: true });
      const listed = (await badTable.getByRole('cell').allTextContents()).map(normalise);
      assert.deepEqual(
        listed,
        [`${badRows.join(', ')} (2 rows)`, 'column "sepal_width": "abc" is not a number'],
        'the bad rows keep their file row numbers, one problem listed once',
      );

      const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
      const text = await readFile(await file.path(), 'utf8');
      const output = text.trimEnd().split('\n');
      assert.equal(output.length, rows.length, 'one header line and one line per input row');
      assert.equal(output.filter((line) => line.startsWith('sepal_length,')).length, 1, 'one header');
      for (const [index, line] of output.entries()) {
        if (index === 0) continue;
        assert.ok(line.startsWith(`${rows[index]},`), `output row ${index + 1} is input row ${index + 1}`);
      }
      assert.match(output[badRows[1] - 1], /,abc,.*is not a number/, 'the bad row in the second half');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
);
