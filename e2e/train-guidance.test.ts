// The Train tab guides a newcomer: Epochs and early stopping in view, the rest in a closed "Advanced
// settings" that opens by itself on a wrong value; short help on every setting and figure; a run with
// both stop buttons; results after early stopping. At a phone's and a laptop's width, light and dark: no
// sideways scroll and no axe violation in any of these states.
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { openApp, openBundledData, poll, trainButton } from './app-page';
import { appTest } from './app-test';

const SIZES = [
  [390, 844],
  [1366, 850],
] as const;

for (const scheme of ['light', 'dark'] as const) {
  appTest(
    `Train tab guidance at 390 and 1366 px, ${scheme}: advanced settings, help, both stops, early stop`,
    async ({ page, server }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const report: string[] = [];
      for (const [width, height] of SIZES) {
        const size = `${width}×${height}`;
        await page.setViewportSize({ width, height });
        await openApp(page, server.url);
        await openBundledData(page);

        // Closed at first: the advanced fields are not shown; Epochs and "Stop early" are, on by default.
        const details = page.locator('petal-train-settings details');
        assert.equal(await isOpen(page), false, `${size}: Advanced settings start closed`);
        assert.equal(await page.getByLabel('Learning rate', { exact: true }).isVisible(), false);
        assert.ok(await page.getByRole('checkbox', { name: 'Stop early', exact: true }).isChecked());
        await details.locator('summary').click();
        for (const topic of [
          'Epochs',
          'Stop early',
          'Hidden layers',
          'Learning rate',
          'Batch size',
          'Test split',
          'Seed',
          'Patience',
          'Balance classes',
        ]) {
          await page.getByRole('button', { name: `Help: ${topic}`, exact: true }).click();
        }
        report.push(...(await check(page, `${size} settings open, every help open`)));

        // A wrong advanced value with the disclosure closed by hand: it opens again, the message in view.
        await page.getByLabel('Batch size', { exact: true }).fill('0');
        await details.locator('summary').click();
        await poll(() => isOpen(page), Boolean, 'Advanced settings to reopen on an error');
        const error = page.getByText('Batch size must be a whole number of rows from 1 to 65536.');
        assert.ok(await error.isVisible(), `${size}: the error is visible`);
        assert.equal(await trainButton(page).isEnabled(), false, `${size}: Train waits for a valid value`);
        await page.getByLabel('Batch size', { exact: true }).fill('32');

        // A long run: both stop buttons, Stop and keep offered once an epoch is done.
        await page.getByLabel('Epochs', { exact: true }).fill('2000');
        await trainButton(page).click();
        const progress = page.getByRole('progressbar', { name: 'Training progress', exact: true });
        await progress.waitFor();
        await page.getByRole('button', { name: 'Stop and keep', exact: true }).waitFor();
        report.push(...(await check(page, `${size} training`)));

        // Early stopping ends it by itself; the results say where, with help on every figure.
        await page
          .getByText(/^Stopped early at epoch \d+ of 2000 \(best at \d+\)$/)
          .waitFor({ timeout: 60_000 });
        for (const topic of [
          'Test accuracy',
          'Macro F1',
          'Log loss',
          'Confusion matrix',
          'Precision',
          'Recall',
          'F1',
        ])
          await page.getByRole('button', { name: `Help: ${topic}`, exact: true }).click();
        report.push(...(await check(page, `${size} results after early stopping, help open`)));
      }
      assert.equal(report.length, 0, `problems:\n${report.join('\n')}`);
    },
    { timeout: 240_000 },
  );
}

async function isOpen(page: Page): Promise<boolean> {
  return page
    .locator('petal-train-settings details')
    .evaluate((element) => (element as HTMLDetailsElement).open);
}

/** Sideways scroll of the page, and axe's violations, one line each. */
async function check(page: Page, state: string): Promise<string[]> {
  const [scroll, client] = (await page.evaluate(
    '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
  )) as [number, number];
  const problems = scroll > client ? [`[${state}] the page scrolls sideways: ${scroll} > ${client} px`] : [];
  const results = await new AxeBuilder({ page }).analyze();
  for (const violation of results.violations)
    for (const node of violation.nodes)
      problems.push(`[${state}] ${violation.id} at ${JSON.stringify(node.target)}: ${violation.help}`);
  return problems;
}
