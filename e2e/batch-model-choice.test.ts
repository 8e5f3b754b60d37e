// Journey: the Batch tab's model picker, template and sample file. A second version is trained and kept;
// Batch picks the first one back (the same operation as "Use" in the Models tab, so Predict follows),
// downloads the template and the sample file of its columns, scores the sample with no bad row, and the
// result names the model; picking the other version reads the file again, and a file lacking columns is
// refused with a message naming the model.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { keepButton, normalise, openApp, openTab, poll, trainOnIris } from './app-page';
import { appTest } from './app-test';

function picker(page: Page): Locator {
  return page.getByRole('combobox', { name: 'Model', exact: true });
}

/** The picker's options as shown, and which one is selected. */
async function choices(page: Page): Promise<{ texts: string[]; selected: string }> {
  return picker(page).evaluate((select: HTMLSelectElement) => ({
    texts: [...select.options].map((option) => option.text.replace(/\s+/g, ' ').trim()),
    selected: select.selectedOptions[0]?.text.replace(/\s+/g, ' ').trim() ?? '',
  }));
}

/** Picks the version whose option starts with `version` ("v1"). */
async function pick(page: Page, version: string): Promise<void> {
  const { texts } = await choices(page);
  const label = texts.find((text) => text.startsWith(`${version} ·`));
  assert.ok(label, `the picker lists ${version}: ${texts.join(' | ')}`);
  await picker(page).selectOption({ label });
  await poll(
    () => choices(page),
    (shown) => shown.selected.startsWith(`${version} ·`),
    `${version} to be the selected model`,
  );
}

/** Clicks a download button and returns the file's name and text. */
async function download(
  page: Page,
  button: string,
  folder: string,
): Promise<{ name: string; path: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const path = join(folder, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path, text: await readFile(path, 'utf8') };
}

/**
 * The picker at a phone's width: the select as wide as its text needs (a select cut down to the card cuts
 * its text, and a select's text cannot wrap), the chosen version's accuracy on screen beside or under it.
 */
async function checkPickerFits(page: Page, where: string): Promise<void> {
  for (const width of [320, 390]) {
    await page.setViewportSize({ width, height: 844 });
    const fit = await picker(page).evaluate((select: HTMLSelectElement) => {
      const shown = select.getBoundingClientRect().width;
      // The width it would take with room to spare (its widest option's text, its padding and arrow).
      select.style.setProperty('max-width', 'none');
      select.style.setProperty('flex-shrink', '0');
      const needed = select.getBoundingClientRect().width;
      select.style.removeProperty('max-width');
      select.style.removeProperty('flex-shrink');
      return { shown, needed, right: select.getBoundingClientRect().right };
    });
    const at = `${where} at ${width} px`;
    assert.ok(fit.shown >= fit.needed - 0.5, `the select's text is not cut ${at}: ${JSON.stringify(fit)}`);
    assert.ok(fit.right <= width, `the select is on screen ${at}`);
    const accuracy = page.locator('petal-model-picker .accuracy').filter({ visible: true });
    assert.match(normalise((await accuracy.textContent()) ?? ''), /^Test accuracy \d+\.\d%$/);
    const box = await accuracy.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= width, `the accuracy is on screen ${at}`);
  }
  await page.setViewportSize({ width: 1366, height: 850 });
}

async function scoreChosenFile(page: Page): Promise<string> {
  const score = page.getByRole('button', { name: 'Score', exact: true });
  await poll(() => score.isEnabled(), Boolean, 'the Score button to be enabled');
  await score.click();
  await page.getByRole('heading', { name: /^Results for / }).waitFor({ timeout: 60_000 });
  return normalise(await deepText(page.locator('section[aria-labelledby="batch-results-heading"]')));
}

/** The text in an element, its descendants' shadow roots included, in document order. */
async function deepText(element: Locator): Promise<string> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return element.evaluate((root) => {
    const parts: string[] = [];
    const stack: Node[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      const children: Node[] = [...node.childNodes];
      if (node instanceof Element && node.shadowRoot) children.unshift(node.shadowRoot);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
    return parts.join('');
  });
}

appTest(
  'Batch: pick another version, download its template and sample, score the sample cleanly; the result names the model',
  async ({ page, server }) => {
    const folder = await mkdtemp(join(tmpdir(), 'petal-e2e-'));
    try {
      await page.setViewportSize({ width: 1366, height: 850 });
      await openApp(page, server.url);
      await trainOnIris(page, { Epochs: '5' });
      await keepButton(page).click();

      await openTab(page, 'Batch');
      const listed = await poll(
        () => choices(page),
        (shown) => shown.texts.length === 2 && shown.selected.startsWith('v2 ·'),
        'the picker to list both versions, the kept one selected',
      );
      assert.equal(listed.texts[1], 'v1 · Default iris model', 'version and name');
      await pick(page, 'v1');
      await checkPickerFits(page, 'Batch');

      const template = await download(page, 'Download a CSV template', folder);
      assert.equal(template.name, 'petal-v1-template.csv');
      assert.equal(template.text, 'sepal_length,sepal_width,petal_length,petal_width,species\n');
      const sample = await download(page, 'Download a sample file', folder);
      assert.equal(sample.name, 'petal-v1-sample.csv');
      const lines = sample.text.trimEnd().split('\n');
      assert.equal(lines[0], 'sepal_length,sepal_width,petal_length,petal_width,species');
      assert.ok(lines.length > 3, `a few rows: ${lines.length - 1}`);

      await page.getByLabel('CSV file to score', { exact: true }).setInputFiles(sample.path);
      const scored = await scoreChosenFile(page);
      assert.match(scored, /Scored by model “Default iris model” \(v1\)\./, scored);
      assert.match(
        scored,
        new RegExp(`Scored\\s*${lines.length - 1}\\b`),
        'every row of the sample is scored',
      );
      assert.match(scored, /Not scored \(bad rows\)\s*0\b/, 'no bad row');
      assert.match(scored, /Outside the training range\s*0 rows/, 'every value inside the training range');
      assert.match(scored, /Accuracy.*? \d+\.\d% on \d+ rows with a label/, 'the sample has its labels');
      assert.doesNotMatch(await deepText(page.locator('body')), /\bNaN\b|\bInfinity\b/);

      // Another version: the file is read again with it, and scored by it.
      await pick(page, 'v2');
      await page.getByRole('heading', { name: /^Results for / }).waitFor({ state: 'detached' });
      const rescored = await scoreChosenFile(page);
      assert.match(rescored, /Scored by model “[^”]+” \(v2\)\./, rescored);

      // A file lacking columns: the message names the model and the columns.
      await page.getByLabel('CSV file to score', { exact: true }).setInputFiles({
        name: 'short.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('id,Sepal_Length,petal_length\n1,5.1,1.4\n'),
      });
      const alert = page.getByRole('alert').filter({ hasText: /needs/ });
      await alert.waitFor();
      assert.match(
        normalise((await alert.textContent()) ?? ''),
        /^Model “[^”]+” \(v2\) needs 2 columns this file does not have: "sepal_width", "petal_width"\./,
      );

      const axe = await new AxeBuilder({ page }).analyze();
      const violations = axe.violations.flatMap((violation) =>
        violation.nodes.map((node) => `${violation.id} at ${JSON.stringify(node.target)}: ${violation.help}`),
      );
      assert.deepEqual(violations, [], 'axe violations on the Batch tab');

      // The pick made v2 the active model everywhere: Predict shows it.
      await openTab(page, 'Predict');
      assert.match((await choices(page)).selected, /^v2 ·/, 'Predict follows the active model');
      await checkPickerFits(page, 'Predict');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
  { timeout: 180_000 },
);
