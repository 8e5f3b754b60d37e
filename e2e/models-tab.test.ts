// The Models tab as a phone and a laptop show it, light and dark: compact rows with one actions menu that
// works by keyboard (menu-button pattern), the details and comparison views, the undo after a delete and
// its end, the announcement of an active version changed in another tab — with no sideways scroll, focus
// never lost to <body>, and no axe violations in any of these states.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import {
  activeVersions,
  listedVersions,
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
        // One or two lines at 390 px and up (name, then kind · accuracy · date); a 320 px phone may wrap more.
        const limit = size.width >= 390 ? 64 : 100;
        for (const height of heights) assert.ok(height <= limit, `a row at ${at} is ${height} px high`);
        const input = page.getByLabel('Import model files', { exact: true });
        const inputBox = await input.boundingBox();
        assert.ok(inputBox && inputBox.x + inputBox.width <= size.width, `the file input fits at ${at}`);

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
        await page.keyboard.press('Escape');
        await comparison.waitFor({ state: 'hidden' });
      }
      assert.deepEqual(report, [], `axe violations:\n${report.join('\n')}`);
    },
  );
}

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
