// The Models tab as a phone and a laptop show it, light and dark: compact rows with one actions menu that
// works by keyboard (menu-button pattern), the details and comparison views, the undo after a delete and
// its end, the announcement of an active version changed in another tab — with no sideways scroll, focus
// never lost to <body>, and no axe violations in any of these states.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import {
  activeVersions,
  listedVersions,
  normalise,
  openApp,
  openTab,
  poll,
  predict,
  SETOSA,
  sidewaysScroll,
} from './app-page';
import { appTest } from './app-test';
import {
  actionsButton,
  chooseAction,
  deleteVersion,
  exportVersion,
  focused,
  modelsStatus,
  openMenu,
  STORE_DAMAGED_VERSION,
} from './models-page';

/**
 * Where a dialog's Close button is, from the dialog's top right corner, and whether it shares its line
 * with the title.
 */
async function closePlace(dialog: Locator) {
  const [box, close, title] = await Promise.all([
    dialog.boundingBox(),
    dialog.getByRole('button', { name: 'Close', exact: true }).boundingBox(),
    dialog.getByRole('heading', { level: 2 }).boundingBox(),
  ]);
  assert.ok(box && close && title, 'the dialog, its Close button and its title are shown');
  return {
    fromRight: Math.round(box.x + box.width - (close.x + close.width)),
    fromTop: Math.round(close.y - box.y),
    besideTitle: close.y < title.y + title.height && title.y < close.y + close.height,
  };
}

/** On how many lines the time of the details' "Created" stands (from its hour to its end). */
function timeLines(details: Locator): Promise<number> {
  return details.locator('dl.facts').evaluate((list) => {
    const term = [...list.querySelectorAll('dt')].find((dt) => dt.textContent?.trim() === 'Created');
    const text = [...(term?.nextElementSibling?.childNodes ?? [])].find(
      (node) => node.nodeType === Node.TEXT_NODE && /\d:\d\d/.test(node.textContent ?? ''),
    );
    if (!text?.textContent) return 0;
    const start = text.textContent.search(/\d{1,2}:\d{2}/);
    const range = document.createRange();
    range.setStart(text, Math.max(0, start));
    range.setEnd(text, text.textContent.trimEnd().length);
    const shown = [...range.getClientRects()].filter((rect) => rect.width > 0);
    return new Set(shown.map((rect) => Math.round(rect.top))).size;
  });
}

async function violations(page: Page, state: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `[${state}] ${violation.id} at ${JSON.stringify(node.target)}: ${violation.help}`,
    ),
  );
}

/** v1 (the default) and v2, its export imported again: two versions without training anything. */
async function twoVersions(page: Page, url: string): Promise<void> {
  await openApp(page, url);
  await predict(page, SETOSA);
  const { path } = await exportVersion(page, 'v1');
  try {
    await page.getByLabel('Import model files', { exact: true }).setInputFiles(path);
    await poll(
      () => listedVersions(page),
      (rows) => rows.length === 2,
      'the imported v2',
    );
  } finally {
    await rm(dirname(path), { recursive: true, force: true });
  }
}

for (const colorScheme of ['light', 'dark'] as const) {
  appTest(
    `Models tab, ${colorScheme}: compact rows, menu, details and comparison fit 320–1366 px; axe clean`,
    async ({ page, server }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width: 390, height: 844 });
      await twoVersions(page, server.url);
      const report: string[] = [];
      for (const size of [
        { width: 390, height: 844 },
        { width: 1366, height: 850 },
        { width: 320, height: 640 },
      ]) {
        await page.setViewportSize(size);
        const at = `${size.width} px`;
        assert.equal(await sidewaysScroll(page), 0, `the list at ${at} scrolls the page sideways`);
        const heights = await page
          .locator('petal-models-panel')
          .getByRole('row')
          .filter({ hasText: /\bv\d+\b/ })
          .evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
        assert.equal(heights.length, 2);
        // The name, then kind · accuracy · date in at most two lines at 390 px and up; a 320 px phone may
        // wrap more. The line breaks between those parts, never inside one ("Nov" above "23").
        const limit = size.width >= 390 ? 80 : 100;
        for (const height of heights) assert.ok(height <= limit, `a row at ${at} is ${height} px high`);
        const splitParts = await page
          .locator('petal-models-panel .meta > span')
          .evaluateAll((parts) =>
            parts
              .filter(
                (part) => new Set([...part.getClientRects()].map((line) => Math.round(line.top))).size > 1,
              )
              .map((part) => part.textContent),
          );
        assert.deepEqual(splitParts, [], `a row's summary breaks inside a part at ${at}`);

        // Import is the drop zone and rounded "Choose a file…" button of the other tabs, not a bare input.
        const input = page.getByLabel('Import model files', { exact: true });
        const inputBox = await input.boundingBox();
        assert.ok(inputBox && inputBox.x + inputBox.width <= size.width, `the file input fits at ${at}`);
        const importZone = await page.locator('petal-models-panel petal-file-drop').evaluate((drop) => {
          const zone = drop.shadowRoot?.querySelector('div');
          const pick = drop.shadowRoot?.querySelector('.pick');
          const box = pick?.getBoundingClientRect();
          return {
            zone: zone ? getComputedStyle(zone).borderStyle : '',
            pick: pick?.textContent?.trim(),
            radius: pick ? Number.parseFloat(getComputedStyle(pick).borderTopLeftRadius) : 0,
            right: box ? box.right : Number.POSITIVE_INFINITY,
          };
        });
        assert.equal(importZone.zone, 'dashed', `the import drop zone at ${at}`);
        assert.equal(importZone.pick, 'Choose a file…');
        assert.ok(importZone.radius >= 16, `the import button is rounded at ${at}`);
        assert.ok(importZone.right <= size.width, `the import button fits at ${at}`);
        // The Models tab's cards have the padding every other card has.
        const paddings = await page.evaluate(`(() => {
          const app = document.querySelector('petal-app').shadowRoot;
          const models = app.querySelector('petal-models-panel').shadowRoot;
          const predict = app.querySelector('petal-predict-panel').shadowRoot;
          return [predict.querySelector('section.card'), ...models.querySelectorAll('section.card')]
            .map((card) => getComputedStyle(card).padding);
        })()`);
        assert.deepEqual(
          new Set(paddings as string[]).size,
          1,
          `card paddings at ${at} (Predict's, then Models'): ${paddings}`,
        );

        // The menu opens on its first item, shows what applies, and closes with focus back on its button.
        await actionsButton(page, 'v1').click();
        await openMenu(page).waitFor();
        assert.equal(await actionsButton(page, 'v1').getAttribute('aria-expanded'), 'true');
        assert.deepEqual(await openMenu(page).getByRole('menuitem').allInnerTexts(), [
          'Use (make active)',
          'Details',
          'Compare with…',
          'Rename',
          'Export (.zip)',
          'Delete',
        ]);
        assert.equal(await sidewaysScroll(page), 0, `the open menu at ${at} scrolls the page sideways`);
        const menuBox = await openMenu(page).boundingBox();
        assert.ok(
          menuBox && menuBox.x >= 0 && menuBox.x + menuBox.width <= size.width,
          `the menu fits at ${at}`,
        );
        report.push(...(await violations(page, `menu open, ${at}`)));
        await page.keyboard.press('Escape');
        await openMenu(page).waitFor({ state: 'hidden' });

        await chooseAction(page, 'v2', 'Details');
        const details = page.getByRole('dialog', { name: /^v2 · / });
        await details.getByRole('heading', { name: 'Settings' }).waitFor();
        // The bundled default model was kept without curves or a confusion matrix: the view says so, and
        // still shows the per-class figures the bundle carries.
        await details.getByText('Curves were not kept for this version.').waitFor();
        await details.getByText('The confusion matrix was not kept for this version.').waitFor();
        await details.getByRole('table', { name: /Per-class precision/ }).waitFor();
        assert.equal(await sidewaysScroll(page), 0, `the details at ${at} scroll the page sideways`);
        report.push(...(await violations(page, `details, ${at}`)));
        const detailsClose = await closePlace(details);
        // The fingerprint breaks only between its halves (never one digit alone on a line), the time never
        // before "AM"/"PM", and a training range is written with an en dash, as Predict writes it.
        const halves = await details
          .locator('.fingerprint .half')
          .evaluateAll((parts) => parts.map((part) => part.getClientRects().length));
        assert.deepEqual(halves, [1, 1], `the data fingerprint's halves at ${at}`);
        assert.equal(await timeLines(details), 1, `the time the version was made breaks at ${at}`);
        const ranges = await details
          .getByRole('table', { name: 'Columns of v2' })
          .locator('tbody td:last-child')
          .allTextContents();
        assert.equal(ranges.length, 4);
        for (const range of ranges) assert.match(range, /^\d+(\.\d+)?–\d+(\.\d+)?$/);
        await details.getByRole('button', { name: 'Close', exact: true }).click();
        assert.equal(
          await focused(page),
          'button: Actions for v2',
          `focus back on the menu after details, ${at}`,
        );

        await chooseAction(page, 'v2', 'Compare with…');
        const comparison = page.getByRole('dialog', { name: 'Compare two versions' });
        await comparison.getByRole('heading', { name: 'Curves and test results' }).waitFor();
        assert.equal(await sidewaysScroll(page), 0, `the comparison at ${at} scrolls the page sideways`);
        report.push(...(await violations(page, `comparison, ${at}`)));
        // Both dialogs close alike: Close at the top right, on the title's line.
        assert.deepEqual(await closePlace(comparison), detailsClose, `Close in both dialogs at ${at}`);
        assert.ok(detailsClose.besideTitle, `Close is beside the details' title at ${at}`);
        // Which way the differences read is said at every width, and the example reads that way too.
        const figures = comparison.getByRole('table', { name: 'Figures of both versions' });
        const directions = await figures
          .getByText(/^Difference \(v2\s−\sv1\)$/)
          .evaluateAll((shown) => shown.filter((element) => element.checkVisibility()).length);
        assert.equal(directions, 1, `the direction of the differences shows at ${at}`);
        assert.match(
          normalise((await comparison.getByRole('status').first().textContent()) ?? ''),
          /Differences read v2 − v1 and name the better version, as in “\+3\.3 points \(v2 better\)”\./,
        );
        await page.keyboard.press('Escape');
        await comparison.waitFor({ state: 'hidden' });
      }
      assert.deepEqual(report, [], `axe violations:\n${report.join('\n')}`);
    },
  );
}

appTest('a model exported as .zip can be dropped on the import zone', async ({ page, server }) => {
  await openApp(page, server.url);
  await predict(page, SETOSA);
  const { path } = await exportVersion(page, 'v1');
  try {
    const bytes = (await readFile(path)).toString('base64');
    const zone = page.locator('petal-models-panel petal-file-drop');
    // A drag from the desktop: the zone marks itself while the file is over it, and imports it on drop.
    const over = await zone.evaluate((drop, base64) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], 'petal-v1-default-iris-model.zip', { type: 'application/zip' }));
      const target = drop.shadowRoot?.querySelector('div');
      if (!target) return 'no zone';
      target.dispatchEvent(
        new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
      target.dispatchEvent(
        new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
      return new Promise<string>((resolve) =>
        requestAnimationFrame(() => {
          const marked = target.className;
          target.dispatchEvent(
            new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
          );
          resolve(marked);
        }),
      );
    }, bytes);
    assert.equal(over, 'over', 'the zone shows a file is over it');
    const rows = await poll(
      () => listedVersions(page),
      (list) => list.length === 2,
      'the dropped model imported as v2',
    );
    assert.deepEqual(activeVersions(rows), ['v2']);
    await page
      .locator('petal-models-panel')
      .getByText(/Imported petal-v1-default-iris-model\.zip as v2 “Default iris model” and made it active\./)
      .waitFor();
  } finally {
    await rm(dirname(path), { recursive: true, force: true });
  }
});

appTest(
  'the actions menu by keyboard: arrows, Home, End, a letter, Escape and Tab',
  async ({ page, server }) => {
    await twoVersions(page, server.url);
    const button = actionsButton(page, 'v1');
    await button.focus();
    await page.keyboard.press('Enter');
    await openMenu(page).waitFor();
    await poll(
      () => focused(page),
      (text) => text === 'button: Use (make active)',
      'focus on the first item',
    );
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(page), 'button: Details');
    await page.keyboard.press('End');
    assert.equal(await focused(page), 'button: Delete');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(page), 'button: Use (make active)', 'the arrows wrap around');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(page), 'button: Delete');
    await page.keyboard.press('Home');
    assert.equal(await focused(page), 'button: Use (make active)');
    await page.keyboard.press('r');
    assert.equal(await focused(page), 'button: Rename', 'a letter jumps to the item it starts');
    await page.keyboard.press('Escape');
    await openMenu(page).waitFor({ state: 'hidden' });
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await focused(page), 'button: Actions for v1', 'Escape returns focus to the button');

    // ↑ opens on the last item; Tab closes and moves on.
    await page.keyboard.press('ArrowUp');
    await openMenu(page).waitFor();
    await poll(
      () => focused(page),
      (text) => text === 'button: Delete',
      'focus on the last item',
    );
    await page.keyboard.press('Tab');
    await openMenu(page).waitFor({ state: 'hidden' });
    assert.notEqual(await focused(page), 'body: ', 'Tab leaves focus on the page');

    // Enter on an item chooses it: v1 becomes active and the tab says so.
    await button.focus();
    await page.keyboard.press('Enter');
    await poll(
      () => focused(page),
      (text) => text === 'button: Use (make active)',
      'the first item',
    );
    await page.keyboard.press('Enter');
    const rows = await poll(
      () => listedVersions(page),
      (list) => activeVersions(list).join() === 'v1',
      'v1 active',
    );
    assert.deepEqual(activeVersions(rows), ['v1']);
    assert.match(await modelsStatus(page), /^v1 “Default iris model” is now the active model\.$/);
    assert.equal(await focused(page), 'button: Actions for v1', 'focus stays on the row’s menu');
  },
);

appTest(
  'a change of the active version in another tab is announced; an undo ends after 10 s',
  async ({ page, context, server }) => {
    await twoVersions(page, server.url);
    const other = await context.newPage();
    await openApp(other, server.url);
    await openTab(other, 'Models');
    await chooseAction(other, 'v1', 'Use (make active)');
    await poll(
      () => modelsStatus(page),
      (text) =>
        text === 'v1 “Default iris model” is now the active model: it was chosen in another Petal tab.',
      'the announcement in the first tab',
    );
    assert.deepEqual(activeVersions(await listedVersions(page)), ['v1']);
    await other.close();

    // The undo is offered for 10 s; then the version is gone for good and focus stays in the list.
    await deleteVersion(page, 'v2');
    const undo = page.getByRole('button', { name: 'Undo: restore v2', exact: true });
    await undo.waitFor();
    assert.equal(await focused(page), 'button: Undo: restore v2');
    await undo.waitFor({ state: 'detached', timeout: 12_000 });
    assert.equal(await focused(page), 'h2: Saved models', 'focus moves to the list heading, not <body>');
    await page.reload();
    assert.deepEqual(
      (await listedVersions(page, { open: true })).map((row) => row.version),
      ['v1'],
      'v2 stays deleted after a reload',
    );
  },
);

appTest(
  'a damaged version’s menu offers only Rename, Export as it is and Delete; both work',
  async ({ page, server }) => {
    await openApp(page, server.url);
    await predict(page, SETOSA);
    await page.evaluate(STORE_DAMAGED_VERSION);
    await page.reload();
    await openTab(page, 'Models');
    const row = page.getByRole('row').filter({ hasText: 'From an older Petal' });
    await row.getByText(/Damaged: Its saved record is damaged/).waitFor();
    await actionsButton(page, 'v2').click();
    assert.deepEqual(await openMenu(page).getByRole('menuitem').allInnerTexts(), [
      'Rename',
      'Export as it is (.zip)',
      'Delete',
    ]);
    await page.keyboard.press('Escape');
    const { path, download } = await exportVersion(page, 'v2');
    await rm(dirname(path), { recursive: true, force: true });
    assert.equal(download.suggestedFilename(), 'petal-v2-from-an-older-petal.zip');
    await deleteVersion(page, 'v2');
    await row.waitFor({ state: 'detached' });
    assert.deepEqual(activeVersions(await listedVersions(page)), ['v1']);
  },
);
