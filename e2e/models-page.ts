// The Models tab's steps the journeys share, found by role and name as a screen-reader user finds them:
// each row has one "Actions for vN" menu button; its items are menuitems.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { openTab, poll } from './app-page';

/** The actions menu button of a version ("v2"). */
export function actionsButton(page: Page, version: string): Locator {
  return page.getByRole('button', { name: `Actions for ${version}`, exact: true });
}

/** The open actions menu. */
export function openMenu(page: Page): Locator {
  return page.getByRole('menu');
}

/** Opens a version's actions menu and chooses an item ("Details", "Export (.zip)", "Delete"…). */
export async function chooseAction(page: Page, version: string, item: string | RegExp): Promise<void> {
  await actionsButton(page, version).click();
  await openMenu(page).getByRole('menuitem', { name: item }).click();
}

/**
 * Exports a version as its one .zip and saves it in a fresh temporary folder; fails if a second
 * download starts within `quietMs` (browsers may block a second download from one click).
 */
export async function exportVersion(
  page: Page,
  version: string,
  quietMs = 1500,
): Promise<{ readonly path: string; readonly download: Download }> {
  await openTab(page, 'Models');
  const downloads: Download[] = [];
  const onDownload = (download: Download) => downloads.push(download);
  page.on('download', onDownload);
  try {
    await chooseAction(page, version, /^Export/);
    await poll(
      async () => downloads.length,
      (n) => n > 0,
      `the export of ${version} to download`,
    );
    await page.waitForTimeout(quietMs);
  } finally {
    page.off('download', onDownload);
  }
  if (downloads.length !== 1) {
    throw new Error(
      `Export started ${downloads.length} downloads: ${downloads.map((d) => d.suggestedFilename())}`,
    );
  }
  const [download] = downloads;
  const path = join(await mkdtemp(join(tmpdir(), 'petal-export-')), download.suggestedFilename());
  await download.saveAs(path);
  return { path, download };
}

/** Deletes a version through its menu and the dialog (choosing the dialog's default replacement if asked). */
export async function deleteVersion(page: Page, version: string): Promise<void> {
  await chooseAction(page, version, 'Delete');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The Models tab's status message (the list's, where actions on versions report). */
export async function modelsStatus(page: Page): Promise<string> {
  const texts = await page.locator('petal-models-panel').getByRole('status').allInnerTexts();
  return texts
    .map((text) => text.trim())
    .filter(Boolean)
    .join(' | ');
}

/** The deepest focused element, through shadow roots, as "tag: accessible text". */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return 'nothing';
    const label = active.getAttribute('aria-label') ?? active.textContent?.trim() ?? '';
    return `${active.tagName.toLowerCase()}: ${label.replace(/\s+/g, ' ')}`;
  });
}

/**
 * Run in the page (`page.evaluate`): adds a second version whose record lacks settings, as an older Petal
 * could have stored it — a damaged version. A string, because functions handed to `page.evaluate` must not
 * define named inner functions (tsx wraps those in a helper that exists only in Node).
 */
export const STORE_DAMAGED_VERSION = `(async () => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open('petal');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const store = db.transaction('registry', 'readwrite').objectStore('registry');
  const index = await new Promise((resolve) => { store.get('index').onsuccess = (e) => resolve(e.target.result); });
  const bundle = await new Promise((resolve) => {
    store.get('bundle:' + index.activeId).onsuccess = (e) => resolve(e.target.result);
  });
  const damaged = { ...index.versions[0], id: 'older', version: 2, name: 'From an older Petal' };
  delete damaged.settings;
  store.put(bundle, 'bundle:older');
  store.put({ ...index, versions: [...index.versions, damaged], nextVersion: 3 }, 'index');
  await new Promise((resolve) => { store.transaction.oncomplete = resolve; });
  db.close();
})()`;
