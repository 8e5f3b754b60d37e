import { defineConfig } from 'vite';

// `base: './'` makes every URL in the build relative, so `dist/` works from a domain root and from any
// sub-path (e.g. `/petal/`) with no server configuration.
export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  worker: {
    format: 'es',
  },
});
