// The realm rules of DEVELOPERS.md are lint rules (biome.json): a new file that breaks one fails `npm run
// lint` with a message naming the rule. This writes small probe files into a scratch copy of the tree's
// layout, lints them with the project's own biome.json, and checks what fails and what passes.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIOME = resolve('node_modules/.bin/biome');

interface Diagnostic {
  readonly category: string;
  readonly message: string;
  readonly location: { readonly path: string };
}

/** Lints `files` (path → source) laid out as in the repository; returns the import-rule diagnostics by path. */
async function lint(files: Readonly<Record<string, string>>): Promise<Map<string, Diagnostic[]>> {
  const dir = await mkdtemp(join(tmpdir(), 'petal-realms-'));
  try {
    await copyFile('biome.json', join(dir, 'biome.json'));
    for (const [path, source] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), source);
    }
    const output = await run(BIOME, ['lint', '--vcs-enabled=false', '--reporter=json', '.'], {
      cwd: dir,
    }).then(
      (result) => result.stdout,
      (error: { stdout: string }) => error.stdout,
    );
    const report = JSON.parse(output) as { diagnostics: Diagnostic[] };
    const byPath = new Map<string, Diagnostic[]>();
    for (const diagnostic of report.diagnostics) {
      if (!/noRestrictedImports|noImportCycles/.test(diagnostic.category)) continue;
      const list = byPath.get(diagnostic.location.path) ?? [];
      list.push(diagnostic);
      byPath.set(diagnostic.location.path, list);
    }
    return byPath;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const use = (...names: string[]) => `export const used = [${names.join(', ')}];\n`;

test('a file that breaks a realm rule fails lint with a message naming the rule', async () => {
  const found = await lint({
    'src/core/uses-lit.ts': `import { html } from 'lit';\n${use('html')}`,
    'src/core/uses-papaparse.ts': `import Papa from 'papaparse';\n${use('Papa')}`,
    'src/core/uses-storage.ts': `import { get } from 'idb-keyval';\n${use('get')}`,
    'src/core/uses-app.ts': `import type { Problem } from '../app/shell/job';\nexport type P = Problem;\n`,
    'src/core/uses-csv.ts': `import { parseCsvText } from '../csv/parse-csv';\n${use('parseCsvText')}`,
    'src/csv/uses-lit.ts': `import { customElement } from 'lit/decorators.js';\n${use('customElement')}`,
    'src/csv/uses-worker.ts': `import { api } from '../worker/api';\n${use('api')}`,
    'src/score/uses-papaparse.ts': `import Papa from 'papaparse';\n${use('Papa')}`,
    'src/score/uses-storage.ts': `import { set } from 'idb-keyval';\n${use('set')}`,
    'src/worker/uses-app.ts': `import { markBusy } from '../app/pwa/busy';\n${use('markBusy')}`,
    'src/app/train/uses-tensorflow.ts': `import * as tf from '@tensorflow/tfjs-core';\n${use('tf')}`,
    'src/app/train/uses-worker.ts': `import type { TrainArgs } from '../../worker/train-job';\nexport type T = TrainArgs;\n`,
    'src/app/train/uses-storage.ts': `import { get } from 'idb-keyval';\n${use('get')}`,
    'src/app/predict/probe-controller.ts': `import './petal-predict-panel';\n${use('1')}`,
  });
  const expectations: [path: string, message: RegExp][] = [
    ['src/core/uses-lit.ts', /only the main thread \(src\/app\) renders UI with Lit/],
    ['src/core/uses-papaparse.ts', /CSV parsing lives in src\/csv/],
    ['src/core/uses-storage.ts', /only the model registry .* touches storage/],
    ['src/core/uses-app.ts', /src\/core is the bottom layer/],
    ['src/core/uses-csv.ts', /src\/core is the bottom layer/],
    ['src/csv/uses-lit.ts', /renders UI with Lit/],
    ['src/csv/uses-worker.ts', /src\/csv builds on src\/core only/],
    ['src/score/uses-papaparse.ts', /CSV parsing lives in src\/csv/],
    ['src/score/uses-storage.ts', /touches storage/],
    ['src/worker/uses-app.ts', /the worker knows nothing of the main thread/],
    ['src/app/train/uses-tensorflow.ts', /TensorFlow.js never reaches the main-thread bundle/],
    ['src/app/train/uses-worker.ts', /reaches the worker only through the bridge/],
    ['src/app/train/uses-storage.ts', /touches storage/],
    ['src/app/predict/probe-controller.ts', /Controllers .* import no components/],
  ];
  for (const [path, message] of expectations) {
    const diagnostics = found.get(path) ?? [];
    assert.equal(diagnostics.length, 1, `${path} fails lint once`);
    assert.equal(diagnostics[0].category, 'lint/style/noRestrictedImports');
    assert.match(diagnostics[0].message, message, path);
    if (!path.endsWith('-controller.ts')) assert.match(diagnostics[0].message, /^Realm rule \(DEVELOPERS.md/);
  }
});

test('what the realms allow passes, and an import cycle fails', async () => {
  const found = await lint({
    'src/csv/reads.ts': `import Papa from 'papaparse';\nimport type { Schema } from '../core/schema';\n${use('Papa')}export type S = Schema;\n`,
    'src/app/worker-bridge/protocol.ts': `import type { PetalApi } from '../../worker/api';\nexport type Api = PetalApi;\n`,
    'src/app/train/probe-controller.ts': `import type { ReactiveController } from 'lit';\nimport { Job } from '../shell/job';\n${use('Job')}export type C = ReactiveController;\n`,
    'src/app/models/registry/store.ts': `import { get } from 'idb-keyval';\n${use('get')}`,
    'src/worker/jobs.ts': `import * as tf from '@tensorflow/tfjs-core';\n${use('tf')}`,
    'src/core/a.ts': `import { b } from './b';\nexport const a = () => b;\n`,
    'src/core/b.ts': `import { a } from './a';\nexport const b = () => a;\n`,
  });
  for (const path of [
    'src/csv/reads.ts',
    'src/app/worker-bridge/protocol.ts',
    'src/app/train/probe-controller.ts',
    'src/app/models/registry/store.ts',
    'src/worker/jobs.ts',
  ]) {
    assert.deepEqual(found.get(path) ?? [], [], `${path} passes`);
  }
  const cycle = [...(found.get('src/core/a.ts') ?? []), ...(found.get('src/core/b.ts') ?? [])];
  assert.ok(cycle.some((diagnostic) => diagnostic.category === 'lint/suspicious/noImportCycles'));
});
