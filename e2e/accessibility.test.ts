// Journey 7: axe finds no violations in each state a user passes through.
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import {
  keepButton,
  listedVersions,
  openApp,
  openBundledData,
  openTab,
  poll,
  predict,
  SETOSA,
  trainButton,
} from './app-page';
import { appTest } from './app-test';
import { chooseAction } from './models-page';

appTest(
  'axe: Predict, Train preview, Train results, Models, delete dialog have no violations',
  async ({ page, server }) => {
    const report: string[] = [];
    await openApp(page, server.url);
    await predict(page, SETOSA);
    report.push(...(await violations(page, 'first visit (Predict)')));

    await openBundledData(page);
    report.push(...(await violations(page, 'Train tab with preview')));

    await trainButton(page).click();
    await keepButton(page).waitFor({ timeout: 60_000 });
    report.push(...(await violations(page, 'Train results')));

    await keepButton(page).click();
    await openTab(page, 'Models');
    await poll(
      () => listedVersions(page),
      (rows) => rows.length === 2,
      'v2 in the Models table',
    );
    report.push(...(await violations(page, 'Models tab')));

    await chooseAction(page, 'v1', 'Delete');
    await page.getByRole('dialog').waitFor();
    report.push(...(await violations(page, 'delete dialog open')));
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel', exact: true }).click();

    assert.equal(report.length, 0, `axe violations:\n${report.join('\n')}`);
  },
);

/** One line per violation and node: the state, rule id, impact, target and help URL. */
async function violations(page: Page, state: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `[${state}] ${violation.id} (${violation.impact ?? 'n/a'}) at ${JSON.stringify(node.target)}: ${violation.help} — ${violation.helpUrl}`,
    ),
  );
}
