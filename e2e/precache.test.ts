// Everything the app can request must be in the service worker's precache, or the offline promise breaks
// for that file. Reads the built dist/ (npm run test:e2e builds first): no browser needed.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const DIST = 'dist';

/** Files in dist/ the app never requests from the cache, each with the reason. */
const NOT_PRECACHED: readonly { readonly pattern: RegExp; readonly reason: string }[] = [
  { pattern: /\.map$/, reason: 'source maps are read by DevTools only' },
  { pattern: /^sw\.js$/, reason: 'the service worker itself: the browser fetches it to look for updates' },
  {
    pattern: /^workbox-[\w-]+\.js$/,
    reason: 'the Workbox runtime, imported by sw.js and kept with it by the browser, not by the page',
  },
];

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

async function precachedUrls(): Promise<string[]> {
  const sw = await readFile(join(DIST, 'sw.js'), 'utf8');
  const list = /precacheAndRoute\((\[.*?\])\s*,/s.exec(sw);
  assert.ok(list, 'sw.js calls precacheAndRoute with a manifest');
  return [...list[1].matchAll(/url:\s*"([^"]+)"/g)].map((match) => match[1]);
}

test('every file the app can request is precached by the service worker', async () => {
  const files = await listFiles(DIST);
  const precached = new Set(await precachedUrls());
  const missing = files.filter(
    (file) => !precached.has(file) && !NOT_PRECACHED.some(({ pattern }) => pattern.test(file)),
  );
  assert.deepEqual(missing, [], 'files in dist/ that are neither precached nor excluded with a reason');
  const dangling = [...precached].filter((url) => !files.includes(url));
  assert.deepEqual(dangling, [], 'precache entries with no file in dist/');

  // The ones the offline journey cannot do without, named so a glob change cannot drop them silently.
  for (const required of [
    'index.html',
    'manifest.webmanifest',
    'models/default/model.json',
    'models/default/weights.bin',
    'data/iris.csv',
  ]) {
    assert.ok(precached.has(required), `${required} is precached`);
  }
  const precachedList = [...precached];
  assert.ok(
    precachedList.some((url) => /^assets\/petal\.worker-[\w-]+\.js$/.test(url)),
    'the worker chunk is precached',
  );
  assert.ok(
    precachedList.some((url) => /tfjs-backend-wasm-simd-[\w-]+\.wasm$/.test(url)),
    'the SIMD WASM binary is precached',
  );
  assert.ok(
    precachedList.some((url) => /tfjs-backend-wasm-[A-Za-z0-9_]{6,}\.wasm$/.test(url) && !/simd/.test(url)),
    'the plain WASM fallback is precached',
  );
  assert.deepEqual(
    files.filter((file) => /threaded/.test(file)),
    [],
    'the threaded WASM binary is not emitted (threads are never enabled)',
  );
});

test('the manifest icons are all precached', async () => {
  const manifest = JSON.parse(await readFile(join(DIST, 'manifest.webmanifest'), 'utf8')) as {
    icons: { src: string }[];
  };
  const precached = new Set(await precachedUrls());
  assert.ok(manifest.icons.length >= 3, 'the manifest lists icons');
  for (const icon of manifest.icons) assert.ok(precached.has(icon.src), `${icon.src} is precached`);
});

test('the built page has a strict CSP and no inline script', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  assert.ok(csp, 'a CSP meta tag');
  const policy = csp[1].replaceAll('&#39;', "'");
  assert.match(policy, /default-src 'self'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.match(policy, /object-src 'none'/);
  assert.doesNotMatch(policy, /'unsafe-eval'/);
  assert.ok(
    html.indexOf('Content-Security-Policy') < html.indexOf('<script'),
    'the CSP comes before scripts',
  );
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length > 0, 'the page has its module script');
  for (const [, attributes, body] of scripts) {
    assert.match(attributes, /\bsrc=/, 'every script is an external file');
    assert.equal(body.trim(), '', 'no inline script code');
  }
});
