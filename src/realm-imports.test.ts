// What each bundle loads, followed through every module: lint's import rules (biome.json) see one file's
// own imports; these tests walk the whole graph from each entry point. TensorFlow.js never reaches the
// main-thread bundle, the engine worker loads it only on demand (after the first prediction), and the
// batch-scoring helper worker never loads it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = dirname(fileURLToPath(import.meta.url));

/**
 * Module specifiers a file loads at run time: static ones and, when asked, dynamic `import()` ones.
 * `import type` / `export type` are erased, but with verbatimModuleSyntax `import { type A } from 'x'` still
 * loads 'x', so those count.
 */
function runtimeImports(source: string, dynamic: boolean): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+'([^']+)'/gms)) {
    found.push(match[1]);
  }
  for (const match of source.matchAll(/^import\s+'([^']+)'/gm)) found.push(match[1]);
  if (dynamic) for (const match of source.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) found.push(match[1]);
  return found;
}

/** Walks from `entries`; returns every package loaded (with who loads it) and every module file reached. */
function walk(
  entries: readonly string[],
  options: { dynamic: boolean; stopAt?: (path: string) => boolean },
): { packages: Map<string, string>; modules: Set<string> } {
  const modules = new Set<string>();
  const packages = new Map<string, string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (modules.has(path)) continue;
    modules.add(path);
    for (const specifier of runtimeImports(readFileSync(path, 'utf8'), options.dynamic)) {
      if (!specifier.startsWith('.')) {
        packages.set(specifier, relative(src, path));
        continue;
      }
      const target = resolve(dirname(path), specifier.endsWith('.ts') ? specifier : `${specifier}.ts`);
      expect(existsSync(target), `${path} imports ${specifier}`).toBe(true);
      if (!options.stopAt?.(target)) pending.push(target);
    }
  }
  return { packages, modules };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

const tensorflow = (packages: Map<string, string>) =>
  [...packages].filter(([name]) => name.startsWith('@tensorflow/'));

describe('realm imports', () => {
  it('no module the page loads imports TensorFlow.js, directly or through core modules', () => {
    const { packages, modules } = walk([join(src, 'main.ts'), ...sourceFiles(join(src, 'app'))], {
      dynamic: true,
      // The worker is its own bundle: the app only names it in `new Worker(new URL(…))`.
      stopAt: (path) => relative(src, path).startsWith('worker/'),
    });
    expect(tensorflow(packages), 'TensorFlow.js imported by the main thread').toEqual([]);
    const reached = [...modules].map((path) => relative(src, path));
    expect(
      reached.filter((path) => path.startsWith('worker/')),
      'the main thread loads worker code',
    ).toEqual([]);
    // The walk saw the app and the core modules it uses.
    expect(reached.length).toBeGreaterThan(50);
    expect([...packages.keys()]).toEqual(expect.arrayContaining(['lit', 'idb-keyval', 'valibot']));
  });

  it('the engine worker starts, loads a model and predicts without TensorFlow.js', () => {
    const { packages, modules } = walk([join(src, 'worker/petal.worker.ts')], { dynamic: false });
    expect(tensorflow(packages), 'TensorFlow.js in the worker’s static imports').toEqual([]);
    expect([...modules].map((path) => relative(src, path))).toContain('core/classifiers/dense-forward.ts');
    // ...and reaches it on demand: training and the backend.
    const all = walk([join(src, 'worker/petal.worker.ts')], { dynamic: true });
    expect(tensorflow(all.packages).length).toBeGreaterThan(0);
  });

  it('the batch-scoring helper worker never loads TensorFlow.js', () => {
    const { packages } = walk([join(src, 'worker/score.worker.ts')], { dynamic: true });
    expect(tensorflow(packages)).toEqual([]);
    expect([...packages.keys()]).toContain('papaparse');
  });
});
