// Issue 14: every action answers where the user looks. On a 390 × 844 phone and a 1366 × 850 laptop, light
// and dark, a person's main actions each change what the viewport shows, and none leaves the keyboard
// focus on <body> (where a keyboard or screen-reader user would have to start over from the top).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { keepButton, openApp, openBundledData, openTab, poll, trainButton } from './app-page';
import { appTest } from './app-test';

/** The element that has the focus, looked for through shadow roots: its tag and its text or label. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    let element = document.activeElement;
    while (element && element.shadowRoot && element.shadowRoot.activeElement) {
      element = element.shadowRoot.activeElement;
    }
    if (!element || element === document.body) return 'body';
    const name = element.getAttribute('aria-label') || (element.textContent || '').trim().slice(0, 40);
    return element.tagName.toLowerCase() + ' "' + name + '"';
  })()`);
}

/**
 * Runs `act` and checks that the viewport looks different `within` ms later (a pixel comparison of two
 * screenshots), then that focus is not on <body> once `settled` resolves.
 */
async function answers(
  page: Page,
  what: string,
  act: () => Promise<unknown>,
  settled: () => Promise<unknown> = async () => {},
  within = 400,
): Promise<void> {
  const before = await page.screenshot();
  await act();
  await page.waitForTimeout(within);
  const after = await page.screenshot();
  assert.ok(!before.equals(after), `${what}: nothing changed in the viewport`);
  await settled();
  const focus = await focused(page);
  assert.notEqual(focus, 'body', `${what}: the focus fell to <body>`);
}

const SIZES = [
  { width: 390, height: 844 },
  { width: 1366, height: 850 },
] as const;

for (const colorScheme of ['light', 'dark'] as const) {
  for (const size of SIZES) {
    appTest(
      `every action answers in view and keeps the focus, ${size.width} px ${colorScheme}`,
      async ({ page, server }) => {
        const folder = await mkdtemp(join(tmpdir(), 'petal-e2e-'));
        try {
          await page.emulateMedia({ colorScheme });
          await page.setViewportSize(size);
          await openApp(page, server.url);

          // Predict: an example fills the form and the answer changes.
          const example = page.getByRole('button', { name: 'Example: virginica', exact: true });
          await example.scrollIntoViewIfNeeded();
          await answers(page, 'Example: virginica', () => example.click());

          // Train: progress in view at once, focus to Stop, then to the results.
          await openTab(page, 'Train');
          await openBundledData(page);
          await poll(() => trainButton(page).isEnabled(), Boolean, 'Train to be enabled');
          await trainButton(page).scrollIntoViewIfNeeded();
          await answers(
            page,
            'Train',
            () => trainButton(page).click(),
            () => keepButton(page).waitFor({ timeout: 60_000 }),
            100,
          );

          // Keep: says what happened, and the focus does not fall when Keep turns disabled.
          await keepButton(page).scrollIntoViewIfNeeded();
          await answers(
            page,
            'Keep as new version',
            () => keepButton(page).click(),
            () => page.waitForTimeout(500),
          );

          // Batch: a file chosen shows what will be scored; Score shows progress, then the results.
          const csv = join(folder, 'flowers.csv');
          const rows = ['sepal_length,sepal_width,petal_length,petal_width,species'];
          for (let i = 0; i < 200; i++) rows.push(`5.${i % 9},3.${i % 7},1.${i % 5},0.${i % 3},setosa`);
          await writeFile(csv, `${rows.join('\n')}\n`);
          await openTab(page, 'Batch');
          const input = page.getByLabel('CSV file to score', { exact: true });
          await input.waitFor({ state: 'attached' });
          // A person taps the zone's "Choose a file…" where it is: bring the (visually hidden) input's zone
          // into view first.
          await input.evaluate((element) => element.scrollIntoView({ block: 'center' }));
          await answers(page, 'choosing a file to score', () => input.setInputFiles(csv));
          const score = page.getByRole('button', { name: 'Score', exact: true });
          await poll(() => score.isEnabled(), Boolean, 'Score to be enabled');
          await score.scrollIntoViewIfNeeded();
          await answers(
            page,
            'Score',
            () => score.click(),
            () => page.getByRole('button', { name: 'Download scored CSV', exact: true }).waitFor(),
          );

          // Switching tabs with the keyboard keeps the focus on the tab bar.
          await openTab(page, 'Models');
          await answers(page, 'ArrowLeft on the tabs', () => page.keyboard.press('ArrowLeft'));
        } finally {
          await rm(folder, { recursive: true, force: true });
        }
      },
    );
  }
}
