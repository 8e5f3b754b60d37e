// An install that works everywhere: `npm ci` installs exactly what package-lock.json lists, so the lock file
// must name every platform's optional native package (Rollup's, Biome's, esbuild's…), not only those of the
// machine that wrote it. A lock file regenerated over an existing node_modules can drop them; then `npm ci`
// refuses it on a fresh clone, and on another OS the build or the linter has no binary. No browser needed.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

interface LockEntry {
  readonly version?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

interface Lock {
  readonly packages: Readonly<Record<string, LockEntry>>;
}

/** Where npm resolves `name` from the package at `from`: its own node_modules, then each parent's. */
function resolve(lock: Lock, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (dir === '') return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut < 0 ? '' : dir.slice(0, cut);
  }
}

test('the lock file lists every dependency, optional native packages of every platform included', async () => {
  const lock = JSON.parse(await readFile('package-lock.json', 'utf8')) as Lock;
  const pkg = JSON.parse(await readFile('package.json', 'utf8')) as LockEntry;
  const root = lock.packages[''];
  assert.deepEqual(root.dependencies, pkg.dependencies, 'the lock file records package.json dependencies');
  assert.deepEqual(root.devDependencies, pkg.devDependencies, 'and its dev dependencies');

  const missing: string[] = [];
  let optional = 0;
  for (const [path, entry] of Object.entries(lock.packages)) {
    const wanted = { ...entry.dependencies, ...entry.optionalDependencies };
    for (const name of Object.keys(wanted)) {
      if (entry.optionalDependencies?.[name] !== undefined) optional++;
      if (!resolve(lock, path, name)) missing.push(`${name} (wanted by ${path || 'package.json'})`);
    }
  }
  assert.deepEqual(missing, [], 'every dependency resolves to a package in the lock file');
  assert.ok(optional > 0, 'the check saw optional dependencies');
  // The two that broke installs before: Rollup's and Biome's binaries for other systems.
  for (const name of ['@rollup/rollup-win32-x64-msvc', '@biomejs/cli-darwin-arm64']) {
    assert.ok(lock.packages[`node_modules/${name}`], `${name} is in the lock file`);
  }
});
