// The engine worker dying (closed, killed, out of memory) sends the page no event. It holds a Web Lock for its
// whole life, so the page hears of its death at once: idle, it is replaced with nothing lost; mid-training,
// the run ends as a failure that says the engine stopped, within a second, and the app goes on working.
import assert from 'node:assert/strict';
import type { Page, Worker } from 'playwright-core';
import {
  fillSettings,
  openApp,
  openBundledData,
  poll,
  predict,
  predictedClass,
  SETOSA,
  trainButton,
  turnOffEarlyStopping,
  VIRGINICA,
} from './app-page';
import { appTest } from './app-test';

appTest(
  'the engine worker dying while idle is replaced at once, and predictions go on',
  async ({ page, server }) => {
    await openApp(page, server.url);
    assert.equal(predictedClass(await predict(page, SETOSA)), 'setosa');
    await kill(await engineWorker(page));
    // The bridge noticed, started a new worker and loaded the active model into it again.
    assert.equal(predictedClass(await predict(page, VIRGINICA)), 'virginica');
    assert.equal(predictedClass(await predict(page, SETOSA)), 'setosa');
  },
);

appTest(
  'the engine worker dying mid-training ends the run within a second, saying the engine stopped',
  async ({ page, server }) => {
    await openApp(page, server.url);
    await openBundledData(page);
    await fillSettings(page, { Epochs: '10000' });
    await turnOffEarlyStopping(page);
    await trainButton(page).click();
    const progress = page.getByRole('progressbar', { name: 'Training progress', exact: true });
    await progress.waitFor();
    await poll(
      async () => Number(await progress.getAttribute('aria-valuenow')),
      (value) => value > 1,
      'the training to be under way',
      30_000,
    );

    const killed = Date.now();
    await kill(await engineWorker(page));
    const failure = page.getByText(/^Training failed: The engine that trains models stopped unexpectedly/);
    await failure.waitFor({ timeout: 5_000 });
    const noticedMs = Date.now() - killed;
    console.log(`worker killed mid-training → failure shown: ${noticedMs} ms`);
    assert.ok(noticedMs < 1_500, `noticed within a second or so (${noticedMs} ms)`);
    const message = ((await failure.textContent()) ?? '').trim();
    assert.match(message, /has been restarted\. Try again\.$/);
    assert.doesNotMatch(message, /\bat \S+ \(|\.(js|ts):\d+|Error:/, `no stack trace: "${message}"`);

    // The app works on: Train is offered again, and the active model still predicts.
    await poll(() => trainButton(page).isEnabled(), Boolean, 'Train to be enabled again', 15_000);
    await page.getByRole('tab', { name: 'Predict', exact: true }).click();
    assert.equal(predictedClass(await predict(page, VIRGINICA)), 'virginica');
  },
);

async function engineWorker(page: Page): Promise<Worker> {
  const workers = await poll(
    async () => page.workers(),
    (list) => list.length > 0,
    'the engine worker to start',
  );
  return workers.find((worker) => /worker/i.test(worker.url())) ?? workers[0];
}

/** `self.close()` ends the worker silently: no `error` event, and the evaluation may never answer. */
async function kill(worker: Worker): Promise<void> {
  await Promise.race([
    worker.evaluate(() => self.close()).catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, 500)),
  ]);
}
