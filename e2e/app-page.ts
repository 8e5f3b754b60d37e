// The steps the journeys share, written against the accessible names in docs/app-contracts.md §3: every
// element is found by role and name, as a screen-reader user would find it.
import type { Locator, Page } from 'playwright-core';

/** The bundled iris model's feature labels, in schema order, as the Predict form shows them. */
export const IRIS_FEATURES = ['Sepal length', 'Sepal width', 'Petal length', 'Petal width'] as const;
export const IRIS_CLASSES = ['setosa', 'versicolor', 'virginica'] as const;

/** Typical flowers (iris.csv rows 2, 52 and 102) and one on the versicolor/virginica border. */
export const SETOSA = [5.1, 3.5, 1.4, 0.2] as const;
export const VERSICOLOR = [7.0, 3.2, 4.7, 1.4] as const;
export const VIRGINICA = [6.3, 3.3, 6.0, 2.5] as const;
export const BORDERLINE = [6.0, 2.7, 5.1, 1.6] as const;

/** Opens the app at its sub-path and waits until the Predict form is usable. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await featureInput(page, IRIS_FEATURES[0]).waitFor();
}

/** The app's tabs, by their names. */
export type TabName = 'Predict' | 'Train' | 'Compare' | 'Batch' | 'Models';

export function tab(page: Page, name: TabName): Locator {
  return page.getByRole('tab', { name, exact: true });
}

/** Selects a tab and waits until the browser reports it selected. */
export async function openTab(page: Page, name: TabName): Promise<void> {
  await tab(page, name).click();
  await poll(
    () => tab(page, name).getAttribute('aria-selected'),
    (selected) => selected === 'true',
    `the "${name}" tab to be selected`,
  );
}

/** The number input for a feature (not its "<Label> slider"). */
export function featureInput(page: Page, label: string): Locator {
  return page.getByRole('spinbutton', { name: label, exact: true });
}

/** Types one value per feature, in order, as a user would (each `fill` fires an `input` event). */
export async function fillFeatures(
  page: Page,
  values: readonly number[],
  labels = IRIS_FEATURES,
): Promise<void> {
  for (const [i, value] of values.entries()) await featureInput(page, labels[i]).fill(String(value));
}

export function predictionRegion(page: Page): Locator {
  return page.getByRole('status', { name: 'Prediction', exact: true });
}

/** The live region's visible text, whitespace collapsed. */
export async function predictionText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the text a user sees, not hidden descendants'.
  return normalise(await predictionRegion(page).innerText());
}

/**
 * Waits for the prediction to settle after input: it shows percentages and has not changed for 500 ms
 * (predictions answer in milliseconds, so a stable text is the answer to the last edit).
 */
export async function settledPrediction(page: Page, timeout = 15_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  let stableSince = Date.now();
  for (;;) {
    const text = await predictionText(page).catch(() => '');
    if (text !== last) {
      last = text;
      stableSince = Date.now();
    } else if (/\d%/.test(text) && Date.now() - stableSince >= 500) {
      return text;
    }
    if (Date.now() > deadline)
      throw new Error(`The prediction did not settle within ${timeout} ms; last text: "${last}"`);
    await page.waitForTimeout(100);
  }
}

/** Fills the form (on the Predict tab, opened if need be) and returns the settled prediction text. */
export async function predict(page: Page, values: readonly number[]): Promise<string> {
  // A reload reopens the tab that was open (it is in the URL), so Predict may not be the one showing.
  if ((await tab(page, 'Predict').getAttribute('aria-selected')) !== 'true') await openTab(page, 'Predict');
  await fillFeatures(page, values);
  return settledPrediction(page);
}

/**
 * Every class's probability as shown ("97.3%"), keyed by class: for each class name the first
 * percentage after its LAST mention (a headline may name the winning class before the per-class list).
 */
export function shownProbabilities(
  text: string,
  classes: readonly string[] = IRIS_CLASSES,
): Map<string, string> {
  const found = new Map<string, string>();
  for (const name of classes) {
    const at = text.lastIndexOf(name);
    if (at < 0) continue;
    const match = /(\d{1,3}(?:\.\d)?)\s*%/.exec(text.slice(at + name.length));
    if (match) found.set(name, `${match[1]}%`);
  }
  return found;
}

/** The class with the highest shown probability (what the app predicts), or undefined if unreadable. */
export function predictedClass(text: string, classes: readonly string[] = IRIS_CLASSES): string | undefined {
  let best: string | undefined;
  let bestValue = -1;
  for (const [name, percent] of shownProbabilities(text, classes)) {
    const value = Number.parseFloat(percent);
    if (value > bestValue) [best, bestValue] = [name, value];
  }
  return best;
}

/** Switches to Train, uses the bundled iris data and waits for its preview table. */
export async function openBundledData(page: Page): Promise<void> {
  await openTab(page, 'Train');
  await page.getByRole('radio', { name: 'Bundled iris data', exact: true }).check();
  await page.getByRole('table', { name: 'Preview', exact: true }).waitFor();
}

export function trainButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Train', exact: true });
}

export function keepButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Keep as new version', exact: true });
}

/**
 * Fills training settings by their labels ("Epochs", "Seed", ...), opening "Advanced settings" first for
 * those inside it (it starts closed).
 */
export async function fillSettings(page: Page, settings: Readonly<Record<string, string>>): Promise<void> {
  for (const [label, value] of Object.entries(settings)) {
    const input = page.getByLabel(label, { exact: true });
    if (!(await input.isVisible())) await page.locator('summary', { hasText: 'Advanced settings' }).click();
    await input.fill(value);
  }
}

/** Turns early stopping off (it is on by default), for a run that must go on until it is stopped. */
export async function turnOffEarlyStopping(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: 'Stop early', exact: true }).uncheck();
}

/** Trains on the bundled iris data (default settings unless given) and waits for the results. */
export async function trainOnIris(
  page: Page,
  settings: Readonly<Record<string, string>> = {},
): Promise<void> {
  await openBundledData(page);
  await fillSettings(page, settings);
  await poll(() => trainButton(page).isEnabled(), Boolean, 'the Train button to be enabled');
  await trainButton(page).click();
  await keepButton(page).waitFor({ timeout: 60_000 });
}

/** Trains with defaults and keeps the result; waits until the Models table lists it as active. */
export async function trainAndKeep(
  page: Page,
  settings: Readonly<Record<string, string>> = {},
): Promise<string> {
  const before = await listedVersions(page, { open: true });
  await trainOnIris(page, settings);
  await keepButton(page).click();
  await openTab(page, 'Models');
  const versions = await poll(
    () => listedVersions(page),
    (rows) =>
      rows.length === before.length + 1 &&
      rows.some((row) => row.active && !before.some((b) => b.version === row.version)),
    'a new active version in the Models table',
  );
  return versions.find((row) => row.active)!.version;
}

export interface ListedVersion {
  /** "v1", "v2", ... */
  readonly version: string;
  readonly active: boolean;
  readonly text: string;
}

export function versionsTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Model versions', exact: true });
}

/**
 * The rows of the "Model versions" table, in version order. A row is active when it shows the word "Active" (not
 * "Activate v2") or carries aria-current. `open` switches to the Models tab first.
 */
export async function listedVersions(page: Page, options: { open?: boolean } = {}): Promise<ListedVersion[]> {
  if (options.open) await openTab(page, 'Models');
  const table = versionsTable(page);
  await table.waitFor();
  // Read in one go: a row that leaves between counting the rows and reading one (a delete) would
  // otherwise be waited for until the timeout.
  const read = await table.evaluate((element) =>
    [...element.querySelectorAll('tr')].map(
      // biome-ignore lint/performance/useDomNodeTextContent: innerText separates the cells; textContent runs them together.
      (row) => [row.innerText, row.getAttribute('aria-current')] as const,
    ),
  );
  const rows: ListedVersion[] = [];
  for (const [rowText, current] of read) {
    const text = normalise(rowText);
    const version = /\bv(\d+)\b/.exec(text);
    if (!version) continue; // the header row
    rows.push({
      version: version[0],
      active: /\bActive\b/.test(text) || (current !== null && current !== 'false'),
      text,
    });
  }
  // Newest-first or oldest-first is the UI's choice; the journeys compare in version order.
  return rows.sort((a, b) => Number(a.version.slice(1)) - Number(b.version.slice(1)));
}

export function activeVersions(rows: readonly ListedVersion[]): string[] {
  return rows.filter((row) => row.active).map((row) => row.version);
}

/** Polls `read` until `ok` accepts its value; on timeout throws naming what was awaited and the last value. */
export async function poll<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  timeout = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError && last === undefined ? String(lastError) : JSON.stringify(last);
      throw new Error(`Timed out after ${timeout} ms waiting for ${what}; last seen: ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Waits until Predict's model picker has version `version` (e.g. 2) selected: the model in use. */
export async function waitForModelInUse(page: Page, version: number): Promise<void> {
  const picked = page.getByRole('combobox', { name: 'Model', exact: true }).locator('option:checked');
  await poll(
    async () => ((await picked.count()) > 0 ? ((await picked.textContent()) ?? '') : ''),
    (text) => new RegExp(`^\\s*v${version}\\b`).test(text),
    `the model picker to show v${version}`,
  );
}

/**
 * How far the page scrolls sideways, in px (0 when it does not). With the wide-screen scrollbar gutter
 * (theme.ts) the root's clientWidth includes the gutter, so a page narrower than it counts as 0.
 */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth),
  );
}
