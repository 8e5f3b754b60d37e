// Offline reload to first prediction: after one online visit (service worker in control), the network is
// cut and the page reloaded; the time from navigation start to the first probability shown in the
// Prediction region, read inside the page (performance.now(), so no test-driver latency is included).
import { launchChromium } from '../e2e/chromium';
import { serveStatic } from '../e2e/static-server';
import { WATCH_FIRST_PREDICTION } from './first-prediction-watch';

const RUNS = 7;

/** A Markdown table: median and worst of RUNS offline reloads. */
export async function offlineReloadBench(): Promise<string> {
  // BENCH_DIST: another build, as in the browser bench.
  const server = await serveStatic({ dir: process.env.BENCH_DIST ?? 'dist' });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    await context.addInitScript(WATCH_FIRST_PREDICTION);
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, {
      timeout: 30_000,
    });
    await context.setOffline(true);
    await context.route('**/*', (route) => route.abort('internetdisconnected'));
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await page.reload();
      const ms = await page.waitForFunction(
        () => (window as { __petalFirstPrediction?: number }).__petalFirstPrediction,
        undefined,
        { timeout: 30_000, polling: 50 },
      );
      times.push(Number(await ms.jsonValue()));
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    return [
      '| measure | median | worst | runs |',
      '| --- | --- | --- | --- |',
      `| offline reload → first prediction | ${median.toFixed(0)} ms | ${times[times.length - 1].toFixed(0)} ms | ${RUNS} |`,
      '',
    ].join('\n');
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(await offlineReloadBench());
}
