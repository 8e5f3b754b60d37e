// TensorFlow.js never reaches the main-thread bundle. Lint's import rules (biome.json) check each file's own
// imports; this follows them: every module the page loads statically, from src/main.ts and every app file
// through core, csv and score modules, is read, and none may load a TensorFlow.js package. Dynamic
// `import()` (the lazily loaded views) and `new Worker(new URL(…))` are followed too, except into the worker.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Module specifiers a file loads at run time. `import type` / `export type` are erased, but with
 * verbatimModuleSyntax `import { type A } from 'x'` still loads 'x', so those count.
 */
function runtimeImports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+'([^']+)'/gms)) {
    found.push(match[1]);
  }
  for (const match of source.matchAll(/^import\s+'([^']+)'/gm)) found.push(match[1]);
  for (const match of source.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) found.push(match[1]);
  return found;
}

function appFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return appFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

it('no module the page loads imports TensorFlow.js, directly or through core modules', () => {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const pending = [join(src, 'main.ts'), ...appFiles(join(src, 'app'))];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    for (const specifier of runtimeImports(readFileSync(path, 'utf8'))) {
      if (!specifier.startsWith('.')) {
        packages.set(specifier, relative(src, path));
        continue;
      }
      const target = resolve(dirname(path), specifier.endsWith('.ts') ? specifier : `${specifier}.ts`);
      expect(existsSync(target), `${path} imports ${specifier}`).toBe(true);
      // The worker is its own bundle (the app only ever names it in `new Worker(new URL(…))`).
      if (!relative(src, target).startsWith('worker/')) pending.push(target);
    }
  }
  const tensorflow = [...packages].filter(([name]) => name.startsWith('@tensorflow/'));
  expect(tensorflow, 'TensorFlow.js imported by the main thread').toEqual([]);
  // The check saw the app and the core modules it uses.
  expect(seen.size).toBeGreaterThan(50);
  expect([...packages.keys()]).toEqual(expect.arrayContaining(['lit', 'idb-keyval', 'valibot']));
});
