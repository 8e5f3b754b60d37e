import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * The flags every run needs on a machine with no outside network: without the background-networking
 * ones Chromium keeps trying (and failing) to reach Google services, which slows and clutters each test.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where Chromium is: `CHROMIUM_PATH` if set (any Chromium or Chrome build), else Debian's package. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return path;
}

/** Launches headless Chromium with a fresh, throw-away profile (Playwright makes a new user-data dir). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}
