// The browser half of `npm run bench`: the built app in headless Chromium, served from a sub-path as in
// production. It reports figures beside their targets and never fails on one; timings vary by machine.
//
// Functions handed to `page.evaluate` are serialised into the page, so they must not define named inner
// functions: under tsx, esbuild's keepNames wraps those in a `__name` helper that exists only in Node.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../e2e/chromium';
import { serveStatic } from '../e2e/static-server';
import { formatTable } from '../training/format-table';
import { batchScoring } from './batch-bench';
import { compareBench } from './compare-bench';
import { WATCH_FIRST_PREDICTION } from './first-prediction-watch';
import { messyBrowserBench } from './messy-browser-bench';

/** The built app to measure; BENCH_DIST points at another build (an A/B of two builds, say). */
const DIST = process.env.BENCH_DIST ?? 'dist';
const RUNS = 3;
const EDITS = 500;

type Row = [figure: string, measured: string, target: string];

/** The sections of the browser bench, in the order they run; `npx tsx bench/browser-bench.ts first latency` runs a subset. */
export const SECTIONS = ['first', 'latency', 'training', 'batch', 'messy', 'compare'] as const;
export type Section = (typeof SECTIONS)[number];

export async function browserBench(sections: readonly Section[] = SECTIONS): Promise<string> {
  if (!existsSync(join(DIST, 'index.html'))) {
    return `${DIST}/ not found: run \`npm run build\` first, then \`npm run bench\` again.`;
  }
  const rows: Row[] = [];
  const notes: string[] = [];
  // Runs one measurement; if the app cannot do it, the table says so and a note below says why.
  const attempt = async (figure: string, measure: () => Promise<Row[]>) => {
    try {
      rows.push(...(await measure()));
    } catch (error) {
      notes.push((error instanceof Error ? error.message : String(error)).split('\n')[0]);
      rows.push([figure, `not measured (note ${notes.length})`, '']);
    }
  };
  const server = await serveStatic({ dir: DIST });
  const browser = await launchChromium();
  try {
    const run = sections.includes.bind(sections);
    if (run('first'))
      await attempt('navigation → first prediction', () => firstPrediction(browser, server.url));
    if (run('latency')) await attempt('input → result latency', () => inputLatency(browser, server.url));
    if (run('training')) await attempt('default training', () => training(browser, server.url));
    if (run('batch')) await attempt('batch scoring, 1M rows', () => batchScoring(browser, server.url));
    if (run('messy'))
      await attempt('messy CSV: profile, train, score 1M rows', () => messyBrowserBench(browser, server.url));
    if (run('compare')) await attempt('four-way comparison', () => compareBench(browser, server.url));
  } finally {
    await browser.close();
    await server.close();
  }
  rows.push(...(await bundleSizes(DIST)));
  const table = formatTable([
    ['figure (headless Chromium, built app at /petal/)', 'measured', 'target'],
    ...rows,
  ]);
  return [table, ...notes.map((note, i) => `note ${i + 1}: ${note}`)].join('\n');
}

/** A fresh context (fresh IndexedDB and cache) with a shorter default timeout than Playwright's 30 s. */
async function freshContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  return context;
}

// ── First prediction ─────────────────────────────────────────────────────────────────────────────────

async function firstPrediction(browser: Browser, url: string): Promise<Row[]> {
  const cold: number[] = [];
  const warm: number[] = [];
  let context: BrowserContext | undefined;
  for (let run = 0; run < RUNS; run++) {
    await context?.close();
    context = await freshContext(browser);
    await context.addInitScript(WATCH_FIRST_PREDICTION);
    const page = await context.newPage();
    await page.goto(url);
    cold.push(await firstPredictionTime(page));
  }
  // Warm: further navigations in the last context (HTTP cache and IndexedDB populated). First at once, while
  // the first visit's service worker is still installing (it precaches about 2 MB); then as a returning
  // visitor, once it has installed and the first visit is over.
  const page = context!.pages()[0];
  for (let run = 0; run < RUNS; run++) {
    await page.reload();
    warm.push(await firstPredictionTime(page));
  }
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, {
    timeout: 30_000,
  });
  await page.waitForTimeout(1_000);
  const returning: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.reload();
    returning.push(await firstPredictionTime(page));
    await page.waitForTimeout(1_000);
  }
  await context?.close();
  return [
    [
      `navigation → first prediction, cold (fresh context, median of ${RUNS})`,
      seconds(median(cold)),
      '≤ 1.0 s',
    ],
    [
      `navigation → first prediction, warm: reload at once, service worker still installing (median of ${RUNS})`,
      seconds(median(warm)),
      '≤ 0.3 s',
    ],
    [
      `navigation → first prediction, warm: returning visit, service worker installed (median of ${RUNS})`,
      seconds(median(returning)),
      '≤ 0.3 s',
    ],
  ];
}

async function firstPredictionTime(page: Page): Promise<number> {
  const handle = await page
    .waitForFunction(
      () => (window as unknown as { __petalFirstPrediction?: number }).__petalFirstPrediction,
      undefined,
      {
        timeout: 20_000,
      },
    )
    .catch(() => {
      throw new Error(
        'no prediction was shown within 20 s of loading (does the app predict before any input?)',
      );
    });
  return (await handle.jsonValue()) as number;
}

// ── Input latency ────────────────────────────────────────────────────────────────────────────────────

async function inputLatency(browser: Browser, url: string): Promise<Row[]> {
  const context = await freshContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(url);
    const features = ['Sepal length', 'Sepal width', 'Petal length', 'Petal width'];
    const setosa = [5.1, 3.5, 1.4, 0.2];
    for (const [i, label] of features.entries()) await field(page, label).fill(String(setosa[i]));
    const region = page.getByRole('status', { name: 'Prediction', exact: true });
    await page.waitForFunction((el) => /\d%/.test(el.textContent ?? ''), await region.elementHandle());
    await page.waitForTimeout(300);
    const input = await field(page, 'Petal length').elementHandle();
    const status = await region.elementHandle();
    // Sequential edits of petal length alternating between setosa-like (≈1.4) and virginica-like (≈6.0)
    // values, each distinct, so every edit changes the shown probabilities.
    const result = await page.evaluate(
      async ({ input, status, edits }) => {
        const field = input as HTMLInputElement;
        const latencies: number[] = [];
        let timeouts = 0;
        for (let i = 0; i < edits; i++) {
          const value = ((i % 2 === 0 ? 6.0 : 1.4) + i * 0.0001).toFixed(4);
          const before = status.textContent;
          const changed = new Promise<number | null>((resolve) => {
            const observer = new MutationObserver(() => {
              if (status.textContent !== before) {
                observer.disconnect();
                resolve(performance.now());
              }
            });
            observer.observe(status, { subtree: true, childList: true, characterData: true });
            setTimeout(() => {
              observer.disconnect();
              resolve(null);
            }, 2_000);
          });
          const started = performance.now();
          field.value = value;
          field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
          const ended = await changed;
          if (ended === null) timeouts++;
          else latencies.push(ended - started);
        }
        return { latencies, timeouts };
      },
      { input: input!, status: status!, edits: EDITS },
    );
    if (result.latencies.length === 0)
      throw new Error(`none of ${EDITS} edits changed the Prediction text within 2 s`);
    const sorted = [...result.latencies].sort((a, b) => a - b);
    const note = result.timeouts > 0 ? ` (${result.timeouts} edits unanswered in 2 s)` : '';
    return [
      [`input → result latency p50, ${EDITS} edits${note}`, ms(percentile(sorted, 0.5), 2), '≤ 1 ms'],
      [`input → result latency p99, ${EDITS} edits`, ms(percentile(sorted, 0.99), 2), '≤ 4 ms'],
    ];
  } finally {
    await context.close();
  }
}

function field(page: Page, label: string) {
  return page.getByRole('spinbutton', { name: label, exact: true });
}

// ── Training ─────────────────────────────────────────────────────────────────────────────────────────

async function training(browser: Browser, url: string): Promise<Row[]> {
  const context = await freshContext(browser);
  try {
    const page = await context.newPage();
    const clickToResults: number[] = [];
    const toView: number[] = [];
    const shown: number[] = [];
    let longest = 0;
    for (let run = 0; run < RUNS; run++) {
      await page.goto(url);
      await field(page, 'Sepal length').waitFor();
      await page.getByRole('tab', { name: 'Train', exact: true }).click();
      await page.getByRole('radio', { name: 'Bundled iris data', exact: true }).check();
      await page.getByRole('table', { name: 'Preview', exact: true }).waitFor();
      const train = page.getByRole('button', { name: 'Train', exact: true });
      await page.waitForFunction(
        (button) => !(button as HTMLButtonElement).disabled,
        await train.elementHandle(),
      );
      // Long tasks from here on (buffered entries before this point are ignored by start time).
      const started = await page.evaluate(() => {
        const tasks: number[] = [];
        (window as unknown as { __petalLongTasks: number[] }).__petalLongTasks = tasks;
        const from = performance.now();
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (entry.startTime >= from) tasks.push(entry.duration);
        }).observe({ type: 'longtask', buffered: true });
        return from;
      });
      // When the run first shows in the viewport: the progress bar (or, for a run faster than a frame, the
      // results) inside the window, polled once a frame from the click (a string: see TIME_BATCH_IN_PAGE).
      await page.evaluate(`(() => {
        const panel = document.querySelector('petal-app').shadowRoot.querySelector('petal-train-panel').shadowRoot;
        const marks = (window.__petalTrainView = {});
        const inView = (element) => {
          if (!element) return false;
          const box = element.getBoundingClientRect();
          return box.height > 0 && box.top < window.innerHeight && box.bottom > 0;
        };
        panel.addEventListener('click', (event) => {
          if (marks.clicked !== undefined || event.target.textContent.trim() !== 'Train') return;
          marks.clicked = performance.now();
          const tick = () => {
            if (inView(panel.querySelector('petal-progress-bar')) || inView(panel.querySelector('petal-training-results'))) {
              marks.visible = performance.now();
              return;
            }
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        }, true);
      })()`);
      await train.click();
      await page
        .getByRole('button', { name: 'Keep as new version', exact: true })
        .waitFor({ timeout: 60_000 });
      const view = (await page.evaluate('window.__petalTrainView')) as { clicked?: number; visible?: number };
      if (view.clicked !== undefined && view.visible !== undefined) toView.push(view.visible - view.clicked);
      const ended = await page.evaluate(() => performance.now());
      clickToResults.push(ended - started);
      const tasks = await page.evaluate(
        () => (window as unknown as { __petalLongTasks: number[] }).__petalLongTasks,
      );
      longest = Math.max(longest, ...tasks);
      // The results list "Training time" as a term with its value as the definition (through shadow roots).
      const value = page.locator('dt:text-is("Training time") + dd');
      const reported = trainingTimeShown(
        (await value
          .first()
          .textContent({ timeout: 1_000 })
          .catch(() => null)) ?? '',
      );
      if (reported !== undefined) shown.push(reported);
    }
    return [
      [
        `default training in the worker, time shown in results (median of ${RUNS})`,
        shown.length > 0 ? seconds(median(shown)) : 'not shown',
        '≤ 1 s',
      ],
      [
        `Train click → the run's progress visible in the viewport (median of ${RUNS})`,
        toView.length > 0 ? ms(median(toView), 0) : 'not seen',
        '≤ 100 ms',
      ],
      [
        `default training, click Train → results visible (median of ${RUNS})`,
        seconds(median(clickToResults)),
        '≤ 1 s',
      ],
      [
        'longest main-thread task while training',
        longest > 0 ? ms(longest, 0) : 'none over 50 ms',
        '≤ 50 ms',
      ],
    ];
  } finally {
    await context.close();
  }
}

/** Reads "2.2 s" or "420 ms" as milliseconds. */
function trainingTimeShown(text: string): number | undefined {
  const match = /(\d+(?:[.,]\d+)?)\s*(ms|s)\b/i.exec(text);
  if (!match) return undefined;
  const value = Number.parseFloat(match[1].replace(',', '.'));
  return match[2].toLowerCase() === 'ms' ? value : value * 1000;
}

// ── Sizes ────────────────────────────────────────────────────────────────────────────────────────────

async function bundleSizes(dist: string): Promise<Row[]> {
  const files = await listFiles(dist);
  const scripts = files.filter((file) => file.startsWith(join(dist, 'assets')) && file.endsWith('.js'));
  const wasm = files.filter((file) => file.endsWith('.wasm'));
  // What each realm loads before it can predict: the scripts index.html names (entry + modulepreloads),
  // and the worker entry with the chunks it imports statically. Everything else is loaded on demand:
  // the views other than Predict (on first opening their tab) and the CPU backend (only if WASM fails).
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const firstLoad = scripts.filter((file) => html.includes(relative(dist, file)));
  const workerEntry = scripts.filter((file) => /petal\.worker/.test(file));
  const worker = [...workerEntry, ...(await staticImports(workerEntry, scripts))];
  // TF.js with its WASM backend: fetched by the worker as soon as the first model is loaded (api.ts).
  const backendEntry = scripts.filter((file) => /wasm-backend/.test(file));
  const backend = [...backendEntry, ...(await staticImports(backendEntry, scripts))].filter(
    (file) => !worker.includes(file),
  );
  const onDemand = scripts.filter(
    (file) => !firstLoad.includes(file) && !worker.includes(file) && !backend.includes(file),
  );
  const names = (list: string[]) => list.map((file) => relative(join(dist, 'assets'), file)).join(', ');
  const rows: Row[] = [
    [`main-thread JS loaded first, gzip (${names(firstLoad)})`, kb(await gzipTotal(firstLoad)), '≤ 40 KB'],
    [
      `worker JS loaded at start, before the first prediction, gzip (${names(worker)})`,
      kb(await gzipTotal(worker)),
      '≤ 200 KB',
    ],
    [
      `worker JS for TF.js + WASM backend, loaded after the first model, gzip (${names(backend)})`,
      kb(await gzipTotal(backend)),
      '',
    ],
    [`worker total once the backend is up, gzip`, kb(await gzipTotal([...worker, ...backend])), '≤ 200 KB'],
    [
      `JS loaded on demand (other views, training, CPU fallback backend), gzip (${onDemand.length} chunks)`,
      kb(await gzipTotal(onDemand)),
      '',
    ],
  ];
  for (const file of wasm) rows.push([`${relative(dist, file)}, gzip`, kb(await gzipTotal([file])), '']);
  return rows;
}

/** The chunks `entries` import statically (`from "./x.js"`), transitively. */
async function staticImports(entries: readonly string[], scripts: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const match of (await readFile(file, 'utf8')).matchAll(/from\s*"\.\/([^"]+\.js)"/g)) {
      const imported = join(dirname(file), match[1]);
      if (!found.has(imported) && !entries.includes(imported) && scripts.includes(imported)) {
        found.add(imported);
        queue.push(imported);
      }
    }
  }
  return [...found];
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function gzipTotal(files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files) total += gzipSync(await readFile(file), { level: 9 }).length;
  return total;
}

// ── Formatting ───────────────────────────────────────────────────────────────────────────────────────

function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(2)} s`;
}

function ms(milliseconds: number, digits: number): string {
  return `${milliseconds.toFixed(digits)} ms`;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

// Run alone: `npx tsx bench/browser-bench.ts [first] [latency] [training] [batch] [messy] [compare]` (none = all).
if (import.meta.url === `file://${process.argv[1]}`) {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}.\n`);
    process.exit(2);
  }
  const sections = asked.length > 0 ? (asked as Section[]) : SECTIONS;
  process.stdout.write(`${await browserBench(sections)}\n`);
}
