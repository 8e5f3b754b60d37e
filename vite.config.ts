import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** The theme colour: the icon's background, the maskable icon's padding and the browser UI tint. */
const THEME_COLOR = '#1f4d3a';

/**
 * The Content-Security-Policy of the production page. Only the app's own origin; `'wasm-unsafe-eval'`
 * lets WebAssembly compile without allowing `eval`. No `'unsafe-inline'` at all: no inline script exists,
 * and no inline style either — components set dynamic styles through the CSSOM (`styleProperties`),
 * which CSP allows, never with a `style="…"` attribute, which it blocks; Lit's own styles are
 * constructable stylesheets. `frame-ancestors` is ignored in a `<meta>` policy, so
 * clickjacking protection needs a response header from the host (see the README).
 * A meta policy covers the document only: the module worker and the service worker get their policy
 * from their own response headers, which a plain static host does not send.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Puts the CSP first in `<head>` of the built page (the dev server needs inline HMR code, so not there). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'petal:content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// `base: './'` makes every URL in the build relative, so `dist/` works from a domain root and from any
// sub-path (e.g. `/petal/`) with no server configuration.
/** Shown in the header; PETAL_VERSION overrides it (the update journey builds a second, different version). */
const VERSION =
  process.env.PETAL_VERSION ??
  (JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string })
    .version;

export default defineConfig({
  base: './',
  define: {
    __PETAL_VERSION__: JSON.stringify(VERSION),
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Every browser that runs Petal's module worker supports <link rel=modulepreload>: skip the polyfill.
    modulePreload: { polyfill: false },
  },
  worker: {
    format: 'es',
  },
  plugins: [
    contentSecurityPolicy(),
    VitePWA({
      strategies: 'generateSW',
      // The app registers the service worker itself (src/app/pwa/app-updates.ts) so the UI owns the prompt.
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Petal',
        short_name: 'Petal',
        description:
          'Train, keep and use a small classifier entirely in your browser. Your data never leaves the device.',
        lang: 'en',
        theme_color: THEME_COLOR,
        background_color: '#f6f7f9',
        display: 'standalone',
        // Relative, so the installed app starts where it is served: `/` or `/petal/`.
        start_url: './',
        scope: './',
        id: './',
      },
      // Icons generated at build time from the one SVG: favicon.ico, 64/192/512 PNGs, a 512 maskable icon
      // on the theme colour (not white) and a 180 apple-touch-icon; links and theme-color go into <head>.
      pwaAssets: {
        image: 'public/favicon.svg',
        overrideManifestIcons: true,
        preset: {
          transparent: { sizes: [64, 192, 512], favicons: [[48, 'favicon.ico']] },
          maskable: { sizes: [512], padding: 0.3, resizeOptions: { background: THEME_COLOR } },
          apple: { sizes: [180], padding: 0.3, resizeOptions: { background: THEME_COLOR } },
        },
      },
      workbox: {
        // Everything the app can request: page, JS (main and worker), the WASM binaries, the default model
        // (model.json + weights.bin), the bundled CSV and icons (the plugin adds the manifest). e2e/precache.test.ts fails
        // when a file in dist/ is missing from this list.
        globPatterns: ['**/*.{html,js,css,wasm,json,bin,csv,svg,png,ico}'],
        globIgnores: ['**/*.map', 'sw.js', 'workbox-*.js'],
        // The SIMD WASM binary is about 0.4 MB and the worker chunk about 1.2 MB.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        // The first install takes control at once (clientsClaim: no reload needed to work offline);
        // an update waits until the user accepts the prompt, which posts SKIP_WAITING.
        skipWaiting: false,
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        // Offline navigations to the app's own URLs get the precached page.
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/\.[a-z0-9]+$/i],
      },
    }),
  ],
});
