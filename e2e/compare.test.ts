// The Compare tab: cross-validate all four algorithms on iris in the worker, read the table, save k-NN as a
// new version, predict with it, and check the tab with axe.
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import {
  activeVersions,
  listedVersions,
  normalise,
  openApp,
  openTab,
  poll,
  predict,
  predictedClass,
  SETOSA,
} from './app-page';
import { appTest } from './app-test';

async function openCompare(page: Page): Promise<void> {
  const tab = page.getByRole('tab', { name: 'Compare', exact: true });
  await tab.click();
  await poll(
    () => tab.getAttribute('aria-selected'),
    (selected) => selected === 'true',
    'the "Compare" tab to be selected',
  );
}

async function axeViolations(page: Page, state: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `[${state}] ${violation.id} (${violation.impact ?? 'n/a'}) at ${JSON.stringify(node.target)}`,
    ),
  );
}

appTest(
  'Compare: four algorithms on iris, save k-NN as a new version, predict setosa, no axe violations',
  async ({ page, server }) => {
    const report: string[] = [];
    await openApp(page, server.url);
    await openCompare(page);
    report.push(...(await axeViolations(page, 'Compare tab')));

    for (const name of ['Dense network', 'k-NN', 'Logistic regression', 'Random forest']) {
      assert.equal(await page.getByRole('checkbox', { name, exact: true }).isChecked(), true, name);
    }
    // 5 × 1 keeps the test quick; the benchmark measures the full 5 × 3.
    await page.getByRole('spinbutton', { name: 'Repeats', exact: true }).fill('1');
    const started = Date.now();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('progressbar', { name: 'Comparison progress' }).waitFor();
    const table = page.getByRole('table', { name: 'Comparison', exact: true });
    await table.waitFor({ timeout: 60_000 });
    const seconds = (Date.now() - started) / 1000;

    const rows = await table.locator('tbody tr').all();
    assert.equal(rows.length, 4, 'one row per algorithm');
    const accuracies: Record<string, number> = {};
    for (const row of rows) {
      const name = normalise((await row.locator('th').textContent()) ?? '');
      const accuracy = Number.parseFloat((await row.locator('td').first().textContent()) ?? '');
      accuracies[name] = accuracy;
      assert.ok(accuracy >= 0.9, `${name}: accuracy ${accuracy} is below 0.9`);
    }
    process.stdout.write(
      `# compare 5 × 1 on iris took ${seconds.toFixed(1)} s: ${JSON.stringify(accuracies)}\n`,
    );
    const chart = page.getByRole('img', { name: /Cross-validated accuracy/ });
    assert.match((await chart.getAttribute('aria-label')) ?? '', /k-NN \(k = 5, uniform votes\): 0\.9\d\d ±/);
    report.push(...(await axeViolations(page, 'Compare results')));

    await page.getByRole('button', { name: 'Save k-NN as new version', exact: true }).click();
    await page.getByText(/Saved as v2; it is now the active model\./).waitFor({ timeout: 30_000 });

    const versions = await poll(
      () => listedVersions(page, { open: true }),
      (list) => list.length === 2 && activeVersions(list)[0] === 'v2',
      'v2 listed and active',
    );
    assert.match(versions[1].text, /k-NN \(k = 5\)/);

    await openTab(page, 'Predict');
    await poll(
      () => page.getByText(/Model v2/).count(),
      (count) => count > 0,
      'the Predict tab to use v2',
    );
    assert.equal(predictedClass(await predict(page, SETOSA)), 'setosa');

    assert.equal(report.length, 0, `axe violations:\n${report.join('\n')}`);
  },
  { timeout: 180_000 },
);
