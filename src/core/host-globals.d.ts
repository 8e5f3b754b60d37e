// The core compiles against plain ES2023 (no DOM, no Node) so that a stray `document` or `fs` fails to
// compile. These are the few host globals it does use, which browsers, Web Workers and Node all provide
// with exactly these shapes.

interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

declare function setTimeout(callback: () => void, ms?: number): unknown;

declare var performance: { now(): number };
