// Journey: a user's own CSV as it comes — an ID, a date, a category, a number with blanks, free text and a
// label with blanks — is profiled in the "Columns" table, trained on without cleaning, kept, predicted from
// a form built from its pipeline (a select, a date, a blank imputed) and scored in batch, the same file
// included, with a download at the end.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { keepButton, openApp, openTab, poll, predictionRegion, trainButton } from './app-page';
import { appTest } from './app-test';

const SPECIES = ['Adelie', 'Gentoo', 'Chinstrap'];
const ISLANDS = ['Torgersen', 'Biscoe', 'Dream'];

/** 180 penguin-like rows; every 9th mass blank, two labels blank, a free-text note on each row. */
function penguins(): string {
  const lines = ['sample_id,seen,island,bill_length_mm,body_mass_g,notes,species'];
  for (let i = 0; i < 180; i++) {
    const kind = i % 3;
    const island = ISLANDS[(kind + (i % 5 === 0 ? 1 : 0)) % 3];
    const bill = (38 + kind * 8 + ((i * 7) % 30) / 10).toFixed(1);
    const mass = i % 9 === 4 ? '' : String([3700, 5000, 3750][kind] + ((i * 37) % 300) - 150);
    const seen = `2009-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const label = i === 17 || i === 101 ? '' : SPECIES[kind];
    lines.push(
      `P${1000 + i},${seen},${island},${bill},${mass},"seen by observer ${i}, nest ${i * 13}",${label}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

appTest(
  'a messy CSV: columns profiled, trained as it is, predicted from a select and a date with a blank, scored',
  async ({ page, server }) => {
    const folder = await mkdtemp(join(tmpdir(), 'petal-e2e-'));
    try {
      const csvPath = join(folder, 'penguins.csv');
      await writeFile(csvPath, penguins());
      await openApp(page, server.url);

      // Train: the Columns table says what each column is and how it will be used.
      await openTab(page, 'Train');
      await page.getByRole('radio', { name: 'My CSV file', exact: true }).check();
      await page.getByLabel('CSV file', { exact: true }).setInputFiles(csvPath);
      // A table where it fits the card, else a list of blocks (this file's reasons make it wide).
      const columns = page
        .getByRole('table', { name: 'Columns', exact: true })
        .or(page.getByRole('list', { name: 'Columns', exact: true }));
      await columns.waitFor();
      const entry = (name: string) =>
        columns.getByRole('row').or(columns.getByRole('listitem')).filter({ hasText: name });
      const use = (name: string) => page.getByLabel(`Use ${name} as`, { exact: true });
      assert.equal(await use('sample_id').inputValue(), 'ignore', 'the ID column is left out');
      assert.equal(await use('notes').inputValue(), 'ignore', 'the free-text column is left out');
      assert.equal(await use('island').inputValue(), 'category');
      assert.equal(await use('seen').inputValue(), 'date');
      assert.equal(await use('body_mass_g').inputValue(), 'number');
      assert.equal(await use('species').inputValue(), 'label');
      const idRow = normalised(await entry('sample_id').textContent());
      assert.match(idRow, /identifier/i, `the ID's row says why it is left out: "${idRow}"`);
      const massRow = normalised(await entry('body_mass_g').textContent());
      assert.match(massRow, /\b20\b/, `the mass row counts its 20 blanks: "${massRow}"`);
      await page.getByText(/2 rows have no label and are\s+left out/).waitFor();

      // On a phone the same facts are a list, one block per column, with nothing off to the right.
      const wide = page.viewportSize();
      await page.setViewportSize({ width: 390, height: 844 });
      const list = page.getByRole('list', { name: 'Columns', exact: true });
      await list.waitFor();
      const idItem = normalised(
        await list.getByRole('listitem').filter({ hasText: 'sample_id' }).textContent(),
      );
      assert.match(idItem, /identifier · 0 missing · 180 distinct/, `the ID's block: "${idItem}"`);
      const boxes = await list
        .getByRole('listitem')
        .evaluateAll((items) =>
          items.flatMap((item) =>
            [item, ...item.querySelectorAll('*')].map((el) => el.getBoundingClientRect().right),
          ),
        );
      assert.ok(Math.max(...boxes) <= 390, `a column's block reaches ${Math.max(...boxes)} px of 390`);
      assert.equal(await use('sample_id').inputValue(), 'ignore', 'the menus are the same in the list');
      if (wide) await page.setViewportSize(wide);
      await columns.waitFor();

      await page.getByLabel('Epochs', { exact: true }).fill('40');
      await poll(() => trainButton(page).isEnabled(), Boolean, 'Train to be enabled');
      await trainButton(page).click();
      await keepButton(page).waitFor({ timeout: 60_000 });
      await keepButton(page).click();
      // The Train tab says the run was kept and is the active model (its wording has changed over time).
      await page
        .getByText(/Saved as v\d+ and made active|Kept as version \d+ — now the active model/)
        .waitFor({ timeout: 15_000 });

      // Predict: a select of the islands seen, a date input, the mass left blank and imputed.
      await openTab(page, 'Predict');
      const island = page.getByRole('combobox', { name: /island/i });
      await island.waitFor();
      const options = (await island.getByRole('option').allTextContents()).map(normalised);
      for (const name of ISLANDS)
        assert.ok(options.includes(name), `"${name}" is offered: ${options.join(', ')}`);
      await island.selectOption('Biscoe');
      await page.getByLabel(/^Seen$/i).fill('2009-06-15');
      await page.getByRole('spinbutton', { name: /bill length/i }).fill('47.5');
      await page.getByRole('spinbutton', { name: /body mass/i }).fill('');
      await page
        .getByText(/imputed with/i)
        .first()
        .waitFor();
      const answer = await poll(
        async () => normalised(await predictionRegion(page).textContent()),
        (text) => /Gentoo/.test(text) && /%/.test(text),
        'a prediction of Gentoo for a heavy-billed Biscoe penguin',
      );
      assert.doesNotMatch(
        answer,
        /unreliable/i,
        `inputs inside the training data are not flagged: "${answer}"`,
      );

      // Batch: the same file scores, blanks and categories included; the download has every row.
      await openTab(page, 'Batch');
      await page.getByLabel('CSV file to score', { exact: true }).setInputFiles(csvPath);
      const score = page.getByRole('button', { name: 'Score', exact: true });
      await poll(() => score.isEnabled(), Boolean, 'Score to be enabled');
      await score.click();
      const download = page.getByRole('button', { name: 'Download scored CSV', exact: true });
      await download.waitFor({ timeout: 60_000 });
      const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
      const scored = Papa.parse<string[]>(await readFile((await file.path())!, 'utf8'), {
        skipEmptyLines: true,
      });
      const header = scored.data[0];
      assert.equal(scored.data.length, 181, 'every row is written');
      const predicted = header.indexOf('predicted_species');
      const error = header.indexOf('error');
      assert.ok(predicted > 0 && error > 0, `prediction and error columns: ${header.join(',')}`);
      const rows = scored.data.slice(1);
      const failed = rows.filter((row) => row[error] !== '');
      assert.deepEqual(failed, [], 'no row fails: blanks are imputed, categories read');
      const labelled = rows.filter((row) => row[header.indexOf('species')] !== '');
      const right = labelled.filter((row) => row[predicted] === row[header.indexOf('species')]).length;
      assert.ok(
        right / labelled.length > 0.9,
        `the model learnt the data: ${right} of ${labelled.length} right`,
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
);

function normalised(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
