// Issue 5, privacy and security: no request leaves the origin and no CSP violation happens during a full
// journey (and a deliberate violation IS seen, so the check is live); the worker runs on WASM even when the
// host sends the CSP as a header; a full quota fails a save with a clear message and keeps the active model;
// CSV text renders as text; bad model files are refused with a message.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  BORDERLINE,
  featureInput,
  keepButton,
  listedVersions,
  openApp,
  openTab,
  poll,
  predict,
  predictedClass,
  SETOSA,
  settledPrediction,
  trainAndKeep,
  trainButton,
  trainOnIris,
  waitForModelInUse,
} from './app-page';
import { appTest } from './app-test';
import { launchChromium } from './chromium';
import { exportVersion } from './models-page';
import {
  recordCspViolations,
  serveSwitchable,
  waitForBackend,
  waitForServiceWorkerControl,
} from './pwa-harness';

appTest(
  'a full journey: nothing leaves the origin, no CSP violation; a planted one is reported',
  async ({ page, context, server }) => {
    // appTest itself fails the test on any request outside the origin and on any failed response.
    const csp = await recordCspViolations(context);
    await openApp(page, server.url);
    await waitForServiceWorkerControl(page);
    await predict(page, BORDERLINE);
    assert.equal(await trainAndKeep(page, { Epochs: '20' }), 'v2');
    await openTab(page, 'Models');
    await exportVersion(page, 'v2');
    await openTab(page, 'Predict');
    await predict(page, SETOSA);
    await page.reload();
    await predict(page, SETOSA);
    // Batch scoring draws its progress bar, class-count bars and virtual-scroll spacer with dynamic styles.
    await page.getByRole('tab', { name: 'Batch', exact: true }).click();
    await page.getByLabel('CSV file to score', { exact: true }).setInputFiles({
      name: 'iris.csv',
      mimeType: 'text/csv',
      buffer: readFileSync('public/data/iris.csv'),
    });
    const score = page.getByRole('button', { name: 'Score', exact: true });
    await poll(() => score.isEnabled(), Boolean, 'the Score button to be enabled');
    await score.click();
    await page.getByRole('button', { name: 'Download scored CSV', exact: true }).waitFor();
    assert.deepEqual(await csp.violations(page), [], 'CSP violations during the journey');
    assert.deepEqual(csp.consoleMessages, [], 'CSP messages in the console');

    // Control: an inline script is refused and reported, so the two checks above can fail.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__petalInlineRan = true;';
      document.body.append(script);
    });
    const violations = await poll(
      () => csp.violations(page),
      (list) => list.length > 0,
      'the planted inline script to be reported',
      5_000,
    );
    assert.equal(violations[0].directive, 'script-src-elem');
    assert.equal(
      await page.evaluate(() => 'petalInlineRan' in window || '__petalInlineRan' in window),
      false,
    );
    // And an inline style attribute: the policy allows no 'unsafe-inline' for styles either.
    await page.evaluate(() => {
      const div = document.createElement('div');
      div.setAttribute('style', 'color: red');
      document.body.append(div);
    });
    await poll(
      () => csp.violations(page),
      (list) => list.some((violation) => violation.directive === 'style-src-attr'),
      'the planted inline style to be reported',
      5_000,
    );
    await poll(
      async () => csp.consoleMessages.length,
      (count) => count > 0,
      'a console message about the refused script',
      5_000,
    );
  },
);

let browser: Browser | undefined;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

test('with the CSP sent as a response header (page, worker and service worker), the worker runs on WASM', async () => {
  assert.ok(browser);
  const html = readFileSync('dist/index.html', 'utf8');
  const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/
    .exec(html)?.[1]
    .replaceAll('&#39;', "'");
  assert.ok(policy, 'the built page carries its CSP');
  const server = await serveSwitchable({
    dir: 'dist',
    headers: { 'Content-Security-Policy': `${policy}; frame-ancestors 'none'` },
  });
  const context = await browser.newContext();
  try {
    const csp = await recordCspViolations(context);
    const page = await context.newPage();
    await openApp(page, server.url);
    await waitForBackend(page, 'wasm');
    assert.equal(predictedClass(await predict(page, SETOSA)), 'setosa');
    await waitForServiceWorkerControl(page);
    assert.deepEqual(await csp.violations(page), []);
    assert.deepEqual(csp.consoleMessages, []);
  } finally {
    await context.close();
    await server.close();
  }
});

appTest(
  'a full storage quota: saving says so clearly and the active model stays',
  async ({ page, context, server }) => {
    await openApp(page, server.url);
    await waitForServiceWorkerControl(page);
    const before = await predict(page, BORDERLINE);
    await trainOnIris(page, { Epochs: '20', Seed: '5' });
    // Leave no room: the origin's quota becomes 1 byte, far below what the precache and v1 already use.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin, quotaSize: 1 });
    // The browser caches the space left for a while: wait until a probe write is refused.
    const probe = await poll(
      () => probeWrite(page),
      (result) => result !== 'ok',
      'the quota to be enforced',
      30_000,
    );
    console.log(`quota probe: ${probe}`);
    await keepButton(page).click();
    await page
      .getByText(/Not enough storage space/)
      .first()
      .waitFor();
    const rows = await listedVersions(page, { open: true });
    assert.deepEqual(
      rows.map((row) => [row.version, row.active]),
      [['v1', true]],
      'no new version; v1 still active',
    );
    await openTab(page, 'Predict');
    assert.equal(await predict(page, BORDERLINE), before, 'the active model predicts as before');
    await page.reload();
    await openApp(page, server.url);
    assert.equal(await predict(page, BORDERLINE), before, 'and still after a reload');
  },
);

/** Writes 64 KB to a throw-away IndexedDB database: 'ok' or the error's name. */
function probeWrite(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('petal-quota-probe', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('probe');
        open.onerror = () => resolve(open.error?.name ?? 'error');
        open.onsuccess = () => {
          const transaction = open.result.transaction('probe', 'readwrite');
          transaction.objectStore('probe').put(new Uint8Array(64 * 1024), Math.random());
          transaction.oncomplete = () => resolve('ok');
          transaction.onabort = () => resolve(transaction.error?.name ?? 'aborted');
          open.result.close();
        };
      }),
  );
}

const XSS = '<img src=x onerror=window.__xss=1>';

appTest(
  'CSV text with markup and prototype names trains, predicts and shows literally',
  async ({ page, server }) => {
    const iris = readFileSync('public/data/iris.csv', 'utf8').trim().split(/\r?\n/).slice(1);
    const classNames: Record<string, string> = {
      setosa: XSS,
      versicolor: '__proto__',
      virginica: 'constructor',
    };
    const quote = (text: string) => (/[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
    const header = [XSS, '__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    const lines = [header.map(quote).join(',')];
    for (const line of iris) {
      const cells = line.split(',');
      const label = cells[cells.length - 1];
      lines.push([...cells.slice(0, 4), quote(classNames[label] ?? label)].join(','));
    }
    const folder = await mkdtemp(join(tmpdir(), 'petal-xss-'));
    try {
      const file = join(folder, 'tricky.csv');
      await writeFile(file, `${lines.join('\n')}\n`);
      await openApp(page, server.url);
      await openTab(page, 'Train');
      await page.getByRole('radio', { name: 'My CSV file', exact: true }).check();
      await page
        .getByRole('tabpanel', { name: 'Train' })
        .getByLabel('CSV file', { exact: true })
        .setInputFiles(file);
      const preview = page.getByRole('table', { name: 'Preview', exact: true });
      await preview.waitFor();
      await preview.getByText(XSS, { exact: true }).first().waitFor();
      await preview.getByText('__proto__', { exact: true }).first().waitFor();
      await page.getByLabel('Use hasOwnProperty as', { exact: true }).selectOption('label');
      await page.getByLabel('Epochs', { exact: true }).fill('40');
      await poll(() => trainButton(page).isEnabled(), Boolean, 'Train to be enabled');
      await trainButton(page).click();
      await keepButton(page).waitFor({ timeout: 60_000 });
      await page
        .getByRole('table', { name: 'Confusion matrix', exact: true })
        .getByText(XSS)
        .first()
        .waitFor();
      await keepButton(page).click();
      await openTab(page, 'Predict');
      await waitForModelInUse(page, 2);
      const labels = ['<img src=x onerror=window xss=1>', 'Proto', 'Constructor', 'To string'];
      for (const [i, label] of labels.entries()) await featureInput(page, label).fill(String(SETOSA[i]));
      const text = await settledPrediction(page);
      assert.equal(predictedClass(text, [XSS, '__proto__', 'constructor']), XSS, text);
      assert.ok(text.includes('__proto__') && text.includes('constructor'), `every class listed: ${text}`);
      assert.equal(await page.locator('img').count(), 0, 'no <img> element was created from the CSV');
      assert.equal(await page.evaluate(() => (window as { __xss?: unknown }).__xss), undefined);
      assert.equal(await page.evaluate(() => Object.hasOwn({}, 'toString')), false);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
);

appTest('bad model files are refused with a message and change nothing', async ({ page, server }) => {
  const modelJson = JSON.parse(await readFile('dist/models/default/model.json', 'utf8')) as {
    modelTopology: { config: { layers: { class_name: string }[] } };
    weightsManifest: { weights: { shape: number[] }[] }[];
  };
  const weights = await readFile('dist/models/default/weights.bin');
  const folder = await mkdtemp(join(tmpdir(), 'petal-bad-model-'));
  const cases: { name: string; json: string; weights: Uint8Array; message: RegExp }[] = [];
  const shapeMismatch = structuredClone(modelJson);
  shapeMismatch.weightsManifest[0].weights[0].shape = [4, 9];
  const unknownLayer = structuredClone(modelJson);
  unknownLayer.modelTopology.config.layers[0].class_name = 'FancyAttention';
  cases.push(
    {
      name: 'oversized',
      json: JSON.stringify(modelJson),
      weights: new Uint8Array(33 * 1024 * 1024),
      message: /too (large|big)|MB/i,
    },
    {
      name: 'truncated',
      json: JSON.stringify(modelJson),
      weights: weights.subarray(0, 100),
      message: /bytes|weights/i,
    },
    { name: 'shape-mismatched', json: JSON.stringify(shapeMismatch), weights, message: /shape/i },
    { name: 'unknown-layer', json: JSON.stringify(unknownLayer), weights, message: /FancyAttention|layer/i },
    { name: 'not-json', json: '{"format": "layers-model", ', weights, message: /JSON/i },
  );
  try {
    await openApp(page, server.url);
    const before = await predict(page, BORDERLINE);
    await openTab(page, 'Models');
    for (const bad of cases) {
      const jsonPath = join(folder, `${bad.name}-model.json`);
      const weightsPath = join(folder, `${bad.name}.weights.bin`);
      await writeFile(jsonPath, bad.json);
      await writeFile(weightsPath, bad.weights);
      await page.getByLabel('Import model files', { exact: true }).setInputFiles([jsonPath, weightsPath]);
      const alert = await poll(
        // biome-ignore lint/performance/useDomNodeTextContent: the text a user sees.
        () => page.getByRole('alert').filter({ hasText: /\S/ }).first().innerText(),
        (text) => bad.message.test(text),
        `a message about the ${bad.name} model`,
        10_000,
      );
      assert.match(alert, bad.message, `${bad.name}: ${alert}`);
      const rows = await listedVersions(page);
      assert.deepEqual(
        rows.map((row) => [row.version, row.active]),
        [['v1', true]],
        `${bad.name}: nothing was added`,
      );
    }
    await openTab(page, 'Predict');
    assert.equal(await predict(page, BORDERLINE), before, 'the active model predicts as before');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
