// Hostile inputs, as an attacker or an unlucky user would make them: crafted model files and extreme CSVs.
// Each must be refused with a message naming what is wrong (or handled), with no page error (appTest fails
// on any), no main-thread task over 200 ms, nothing stored, and every tab working after a reload.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { Page } from 'playwright-core';
import { listedVersions, openApp, openTab, predict, predictedClass, SETOSA, VIRGINICA } from './app-page';
import { appTest } from './app-test';
import { actionsButton, deleteVersion, exportVersion, openMenu, STORE_DAMAGED_VERSION } from './models-page';

// biome-ignore lint/suspicious/noExplicitAny: crafted files reach into arbitrary JSON.
type Json = Record<string, any>;

const LONG_TASK_LIMIT_MS = 200;

let folder: string | undefined;
after(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Writes a crafted file, under its own name, to a fresh folder in the scratch folder; returns its path. */
async function onDisk(name: string, content: string | Buffer): Promise<string> {
  folder ??= await mkdtemp(join(tmpdir(), 'petal-hostile-'));
  const path = join(await mkdtemp(join(folder, 'file-')), name);
  await writeFile(path, content);
  return path;
}

/** Records every main-thread task over 50 ms from now on; read with `longestTask`. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const tasks: number[] = [];
    (globalThis as { __longTasks?: number[] }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
}

async function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, ...((globalThis as { __longTasks?: number[] }).__longTasks ?? [])));
}

/** Every tab opens and works: the form predicts, the others show their heading. */
async function everyTabWorks(page: Page): Promise<void> {
  // A reload reopens the tab that was open (it is in the URL): start from Predict.
  await openTab(page, 'Predict');
  assert.equal(predictedClass(await predict(page, VIRGINICA)), 'virginica', 'Predict predicts');
  for (const [tab, heading] of [
    ['Train', /Training data|Data/],
    ['Compare', /Compare/],
    ['Batch', /Batch|Score/],
    ['Models', /Saved models/],
  ] as const) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await page.getByRole('heading', { name: heading }).first().waitFor();
  }
  await page.getByRole('tab', { name: 'Predict', exact: true }).click();
}

async function defaultFiles(): Promise<{ json: Json; weights: Buffer }> {
  return {
    json: JSON.parse(await readFile('public/models/default/model.json', 'utf8')) as Json,
    weights: await readFile('public/models/default/weights.bin'),
  };
}

/** Crafted model files: each with what the refusal must name. */
async function craftedModels(): Promise<{ name: string; json: string; weights: Buffer; refusal: RegExp }[]> {
  const { json, weights } = await defaultFiles();
  const variant = (edit: (petal: Json, model: Json) => void): string => {
    const copy = structuredClone(json);
    edit(copy.userDefinedMetadata.petal, copy);
    return JSON.stringify(copy);
  };
  const nanWeights = Buffer.from(weights);
  nanWeights.writeFloatLE(Number.NaN, 8);
  const infinityWeights = Buffer.from(weights);
  infinityWeights.writeFloatLE(Number.POSITIVE_INFINITY, 0);
  const classes = Array.from({ length: 5000 }, (_, i) => `class ${i}`);
  return [
    {
      name: 'no settings',
      json: variant((p) => delete p.settings),
      weights,
      refusal: /"settings" is invalid/,
    },
    {
      name: 'settings null',
      json: variant((p) => (p.settings = null)),
      weights,
      refusal: /"settings" is invalid/,
    },
    {
      name: 'NaN weight',
      json: JSON.stringify(json),
      weights: nanWeights,
      refusal: /holds NaN at position 2/,
    },
    {
      name: 'Infinity weight',
      json: JSON.stringify(json),
      weights: infinityWeights,
      refusal: /holds Infinity at position 0/,
    },
    {
      name: 'standard deviation 1e-320',
      json: JSON.stringify(json)
        .replace('"sd":[', '"sd":[1e-320,')
        .replace(/("sd":\[1e-320,)[^,]+,/, '$1'),
      weights,
      refusal: /"pipeline.scaling.sd.0" is invalid: A standard deviation must be above 1e-30/,
    },
    {
      name: 'a 102,400-character feature name',
      json: variant((p) => (p.schema.features[0] = 'F'.repeat(102_400))),
      weights,
      refusal: /A name is 102,400 characters long; the limit is 200/,
    },
    {
      name: '5,000 classes',
      json: variant((p) => {
        p.schema.classes = classes;
      }),
      weights,
      refusal: /The model has 5,000 classes; Petal handles up to 1,000/,
    },
    {
      name: 'duplicate feature names',
      json: variant((p) => (p.schema.features[1] = p.schema.features[0])),
      weights,
      refusal: /The features must have different names/,
    },
    {
      name: 'a year-275760 creation time',
      json: variant((p) => (p.createdAt = '+275760-09-13T00:00:00.000Z')),
      weights,
      refusal: /creation time must be an ISO date between the years 1970 and 9999/,
    },
    {
      name: 'a 3 MB string where a number belongs',
      json: variant((p) => (p.metrics.test.accuracy = 'x'.repeat(3 * 1024 * 1024))),
      weights,
      refusal: /"metrics.test.accuracy" is invalid/,
    },
  ];
}

appTest(
  'crafted model files are refused naming the field: nothing stored, no long task, every tab works after',
  async ({ page, server }) => {
    await openApp(page, server.url);
    assert.equal(predictedClass(await predict(page, SETOSA)), 'setosa');
    const before = await listedVersions(page, { open: true });
    await watchLongTasks(page);
    const input = page.getByLabel('Import model files', { exact: true });
    for (const crafted of await craftedModels()) {
      // Files on disk, not buffers: Playwright builds a buffer's File inside the page, which is a long task
      // of its own for megabytes.
      await input.setInputFiles([
        await onDisk('model.json', crafted.json),
        await onDisk('weights.bin', crafted.weights),
      ]);
      const alert = page.getByRole('alert').filter({ hasText: crafted.refusal });
      await alert.waitFor({ timeout: 10_000 }).catch(async () => {
        const shown = await page.getByRole('alert').allTextContents();
        assert.fail(
          `${crafted.name}: expected a refusal matching ${crafted.refusal}, the page shows ${JSON.stringify(shown)}`,
        );
      });
      const message = (await alert.textContent()) ?? '';
      assert.ok(message.length < 600, `${crafted.name}: a message short enough to read (${message.length})`);
      assert.deepEqual(await listedVersions(page), before, `${crafted.name}: nothing stored`);
    }
    const longest = await longestTask(page);
    assert.ok(longest <= LONG_TASK_LIMIT_MS, `longest main-thread task while importing: ${longest} ms`);

    await watchLongTasks(page);
    await page.reload();
    await everyTabWorks(page);
    assert.deepEqual(await listedVersions(page, { open: true }), before, 'the Models tab lists the same');
    assert.ok((await longestTask(page)) <= LONG_TASK_LIMIT_MS, 'no long task on the next load');
  },
  { timeout: 180_000 },
);

appTest(
  'a version an older Petal stored without settings is listed as damaged, exportable and deletable',
  async ({ page, server }) => {
    await openApp(page, server.url);
    await predict(page, SETOSA);
    // Write what an older Petal could have stored: a second version whose record has no settings.
    await page.evaluate(STORE_DAMAGED_VERSION);
    await page.reload();
    await everyTabWorks(page);
    await openTab(page, 'Models');
    const row = page.getByRole('row').filter({ hasText: 'From an older Petal' });
    await row.getByText(/Damaged: Its saved record is damaged/).waitFor();
    await actionsButton(page, 'v2').click();
    assert.equal(
      await openMenu(page).getByRole('menuitem', { name: /Use/ }).count(),
      0,
      'a damaged version cannot be made active',
    );
    await page.keyboard.press('Escape');
    const { download } = await exportVersion(page, 'v2');
    assert.equal(download.suggestedFilename(), 'petal-v2-from-an-older-petal.zip');
    await deleteVersion(page, 'v2');
    await row.waitFor({ state: 'detached' });
    await openTab(page, 'Predict');
    assert.equal(predictedClass(await predict(page, SETOSA)), 'setosa', 'the active model still predicts');
  },
);

/** Extreme CSVs for the Train tab, each with what its message must say. */
function craftedCsvs(): { name: string; text: string; message: RegExp }[] {
  const iris = 'sepal_length,sepal_width,petal_length,petal_width,species';
  const rows = ['5.1,3.5,1.4,0.2,setosa', '7.0,3.2,4.7,1.4,versicolor', '6.3,3.3,6.0,2.5,virginica'];
  return [
    {
      name: 'a 3 MB label cell',
      text: `${iris}\n${[...rows, `5.0,3.4,1.5,0.2,${'x'.repeat(3 * 1024 * 1024)}`].join('\n')}\n`,
      message: /the class "x{60}… \(3,145,728 characters\)" is 3,145,728 characters long/,
    },
    {
      name: 'a 100,000-character column name',
      // Measurements, so the column is used (a constant one would be left out, its name never kept).
      text: `${'F'.repeat(100_000)},${iris}\n${rows.map((row, i) => `${i + 1}.5,${row}`).join('\n')}\n`,
      message: /column 1's name is 100,000 characters long; names can be up to 200/,
    },
    {
      name: '20,000 columns',
      text: `${Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: 5 }, () => Array.from({ length: 20_000 }, (_, i) => String(i % 7)).join(',')).join('\n')}\n`,
      message: /The file has 20,000 columns; Petal trains on up to 1,000 feature columns/,
    },
    // A 1 MB number-like cell is no longer refused: it makes its column a category, whose top values the
    // Columns table shows shortened (src/csv/column-profile.test.ts, "shortens a megabyte cell").
  ];
}

appTest(
  'extreme CSVs are refused with a short message naming the problem, and nothing freezes',
  async ({ page, server }) => {
    await openApp(page, server.url);
    await predict(page, SETOSA);
    await openTab(page, 'Train');
    await page.getByRole('radio', { name: 'My CSV file', exact: true }).check();
    await watchLongTasks(page);
    for (const crafted of craftedCsvs()) {
      await page
        .getByLabel('CSV file', { exact: true })
        .setInputFiles(await onDisk('crafted.csv', crafted.text));
      const alert = page.getByRole('alert').filter({ hasText: crafted.message });
      await alert.waitFor({ timeout: 20_000 }).catch(async () => {
        const shown = (await page.getByRole('alert').allTextContents()).map((text) => text.slice(0, 300));
        assert.fail(`${crafted.name}: expected ${crafted.message}, the page shows ${JSON.stringify(shown)}`);
      });
      const message = (await alert.textContent()) ?? '';
      assert.ok(message.length < 600, `${crafted.name}: the message is short (${message.length} characters)`);
    }
    const longest = await longestTask(page);
    assert.ok(longest <= LONG_TASK_LIMIT_MS, `longest main-thread task: ${longest} ms`);
    await page.reload();
    await everyTabWorks(page);
  },
  { timeout: 180_000 },
);

appTest(
  'a file to score with 20,000 extra columns and a 3 MB cell is previewed in brief and scored whole',
  async ({ page, server }) => {
    await openApp(page, server.url);
    await predict(page, SETOSA);
    await openTab(page, 'Batch');
    const extra = Array.from({ length: 20_000 }, (_, i) => `extra_${i}`);
    const header = ['note', 'sepal_length', 'sepal_width', 'petal_length', 'petal_width', ...extra];
    const cells = (note: string, flower: string) => [note, flower, ...extra.map((_, i) => String(i % 9))];
    const text = [
      header,
      cells('x'.repeat(3 * 1024 * 1024), '5.1,3.5,1.4,0.2'),
      cells('second', '6.3,3.3,6.0,2.5'),
    ]
      .map((line) => line.join(','))
      .join('\n');
    await watchLongTasks(page);
    await page.getByLabel('CSV file to score', { exact: true }).setInputFiles(await onDisk('wide.csv', text));
    await page
      .getByText('First rows of wide.csv (the first 30 of 20,005 columns)')
      .waitFor({ timeout: 30_000 });
    await page.getByText(/^note, extra_0, extra_1, .* and 19,981 more$/).waitFor();
    await page.getByRole('button', { name: 'Score', exact: true }).click();
    const caption = page.getByText('19,981 more columns are in the downloaded file', { exact: false });
    await caption.waitFor({ timeout: 30_000 });
    const scored = page.getByRole('region', { name: 'Scored rows' });
    const cellsShown = await scored.getByRole('cell').allTextContents();
    assert.ok(cellsShown.includes('setosa') && cellsShown.includes('virginica'), 'both rows predicted');
    assert.ok(
      cellsShown.some((cell) => cell.startsWith('xxxx') && cell.endsWith('(3,145,728 characters)')),
      'the long cell is shortened',
    );
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download scored CSV', exact: true }).click();
    const saved = await readFile(await (await download).path(), 'utf8');
    assert.equal(saved.split('\n')[0].split(',').length, 20_005 + 6, 'every column is in the scored file');
    assert.ok(saved.length > 3 * 1024 * 1024, 'the long cell is in the scored file whole');
    const longest = await longestTask(page);
    assert.ok(longest <= LONG_TASK_LIMIT_MS, `longest main-thread task: ${longest} ms`);
  },
  { timeout: 120_000 },
);
