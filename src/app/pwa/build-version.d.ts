/** The version this build shows ("0.1.0", or PETAL_VERSION at build time); set by `define` in vite.config.ts. */
declare const __PETAL_VERSION__: string;
