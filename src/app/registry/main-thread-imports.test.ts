import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

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
  return found;
}

it('the registry loads no TensorFlow.js, even through core modules (it runs on the main thread)', () => {
  const sources = readdirSync(here)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => join(here, name));
  const seen = new Set<string>();
  const packages = new Set<string>();
  const pending = [...sources];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    for (const specifier of runtimeImports(readFileSync(path, 'utf8'))) {
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const target = resolve(dirname(path), `${specifier}.ts`);
      expect(existsSync(target), `${path} imports ${specifier}`).toBe(true);
      pending.push(target);
    }
  }
  expect([...packages].sort()).toEqual(['idb-keyval']);
});
