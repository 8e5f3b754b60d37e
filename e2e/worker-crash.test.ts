// Journey 6: the worker dying mid-prediction gives a readable message, and the next edit predicts again
// (the bridge's watchdog notices a model-lane call unanswered for 3 s and restarts the worker).
import assert from 'node:assert/strict';
import type { Page, Worker } from 'playwright-core';
import {
  featureInput,
  fillFeatures,
  openApp,
  poll,
  predict,
  predictedClass,
  predictionText,
  SETOSA,
  VIRGINICA,
} from './app-page';
import { appTest } from './app-test';

appTest(
  'killing the worker mid-prediction shows a readable error, and the next prediction works',
  async ({ page, server }) => {
    await openApp(page, server.url);
    assert.equal(predictedClass(await predict(page, SETOSA)), 'setosa');

    const worker = await tfWorker(page);
    // `self.close()` ends the worker silently: no `error` event, the evaluation may never answer.
    await Promise.race([
      worker.evaluate(() => self.close()).catch(() => undefined),
      page.waitForTimeout(1_000),
    ]);

    await featureInput(page, 'Petal length').fill('1.5');
    const alert = page.getByRole('alert').filter({ hasText: /\S/ });
    await alert.first().waitFor({ timeout: 15_000 });
    const message = (await alert.allInnerTexts()).join(' ').trim();
    assert.match(message, /stopped|restart|try again/i, `a readable reason: "${message}"`);
    assert.doesNotMatch(
      message,
      /\bat \S+ \(|\.(js|ts):\d+|^\w*Error:/m,
      `no stack trace or raw error: "${message}"`,
    );
    assert.ok(message.length < 400, `short enough to read: "${message}"`);

    await fillFeatures(page, VIRGINICA);
    const text = await poll(
      () => predictionText(page),
      (shown) => predictedClass(shown) === 'virginica',
      'a virginica prediction after the worker restarted',
      20_000,
    );
    assert.match(text, /\d%/);
  },
);

async function tfWorker(page: Page): Promise<Worker> {
  const workers = await poll(
    async () => page.workers(),
    (list) => list.length > 0,
    'the TF worker to start',
  );
  return workers.find((worker) => /worker/i.test(worker.url())) ?? workers[0];
}
