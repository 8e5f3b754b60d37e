// The Node half of `npm run bench`: the default network's training time with the one trainer (TF.js) on the
// CPU and WASM backends, with the tensor count before and after (it must not grow), and the throughput of
// the one forward pass every prediction runs (plain JavaScript, the same on every backend).
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import { bundleFiles } from '../src/core/bundle/bundle-format';
import { parseBundleFiles } from '../src/core/bundle/validate-bundle';
import { classifierFromBundle } from '../src/core/classifiers/classifier-from-bundle';
import { defaultSpec } from '../src/core/classifiers/classifier-spec';
import { trainClassifier } from '../src/core/train-classifier';
import { datasetOf, irisTable } from '../src/test/iris';
import { worstKnnBundle, worstLogisticBundle } from '../src/test/worst-bundle';
import { formatTable } from '../training/format-table';
import { type BackendName, useBackend } from '../training/use-backend';

const PREDICT_ROWS = 1_000_000;
const CREATED = '2026-01-01T00:00:00.000Z';

export async function nodeBench(): Promise<string> {
  const table = irisTable();
  const dataset = datasetOf(table);
  const spec = defaultSpec('dense-network');
  const rows: string[][] = [[`figure (Node ${process.version})`, 'cpu', 'wasm']];
  const training: Record<BackendName, string[]> = { cpu: [], wasm: [] };
  for (const backend of ['cpu', 'wasm'] as const) {
    await useBackend(backend);
    // One warm-up run: the first run pays for kernel registration and JIT.
    await trainClassifier({ table, spec, createdAt: CREATED });
    const before = tf.memory().numTensors;
    const times: number[] = [];
    let accuracy = 0;
    for (let run = 0; run < 5; run++) {
      const trained = await trainClassifier({ table, spec, createdAt: CREATED });
      times.push(trained.trainingMs);
      accuracy = trained.testMetrics.accuracy;
    }
    training[backend] = [
      `${median(times).toFixed(0)} ms (median of 5, ${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}; test acc ${accuracy.toFixed(3)})`,
      `${before} → ${tf.memory().numTensors}`,
    ];
  }
  rows.push(
    [`default training, iris 150 rows (${describe(spec.settings)})`, training.cpu[0], training.wasm[0]],
    ['tensors before → after five trainings', training.cpu[1], training.wasm[1]],
  );

  // The shipped model through the one forward pass: a million rows resampled from iris with a little noise.
  const bundle = parseBundleFiles({
    modelJson: await readFile('public/models/default/model.json', 'utf8'),
    weights: new Uint8Array(await readFile('public/models/default/weights.bin')).buffer,
  });
  const { predictProbabilities } = classifierFromBundle(bundle);
  const features = dataset.schema.features.length;
  const x = new Float32Array(PREDICT_ROWS * features);
  for (let row = 0; row < PREDICT_ROWS; row++) {
    const source = (row * 7919) % dataset.rows;
    for (let f = 0; f < features; f++)
      x[row * features + f] = dataset.x[source * features + f] + ((row + f) % 7) * 0.01;
  }
  const rates: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    for (let start = 0; start < PREDICT_ROWS; start += 1000) {
      predictProbabilities(x.subarray(start * features, (start + 1000) * features));
    }
    rates.push(PREDICT_ROWS / ((performance.now() - started) / 1000));
  }
  const rate = `${(median(rates) / 1e6).toFixed(1)}M rows/s (median of 5)`;
  rows.push([`prediction, 1M rows in 1,000-row batches (plain-JS forward pass, any backend)`, rate, rate]);
  for (const [name, files] of [
    [
      'the shipped model',
      {
        modelJson: await readFile('public/models/default/model.json', 'utf8'),
        weights: new Uint8Array(await readFile('public/models/default/weights.bin')).buffer,
      },
    ],
    [
      'the largest model.json accepted (logistic, 1,000 × 1,000, longest names)',
      bundleFiles(worstLogisticBundle(1000, 1000)),
    ],
    ['the largest weights accepted (k-NN, 32 MB, 1,000 features)', bundleFiles(worstKnnBundle(1000, 1000))],
  ] as const) {
    const loaded = loadTimes(files);
    rows.push([`model load: check + classifier + one prediction, ${name}`, loaded, loaded]);
  }
  return formatTable(rows);
}

/**
 * What the engine does to load a model, timed: the bundle check (JSON parse, schema, every weight finite)
 * and the classifier built from it, then one prediction. The target is 300 ms for any accepted model.
 */
function loadTimes(files: { modelJson: string; weights: ArrayBuffer }): string {
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const bundle = parseBundleFiles(files);
    const { predictProbabilities, schema } = classifierFromBundle(bundle);
    predictProbabilities(new Float32Array(schema.features.length));
    times.push(performance.now() - started);
  }
  const size = (files.modelJson.length + files.weights.byteLength) / 1024 / 1024;
  return `${median(times).toFixed(0)} ms (median of 5, ${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}; ${size.toFixed(1)} MB)`;
}

function describe(settings: { hidden: readonly number[]; epochs: number }): string {
  return `${settings.epochs} epochs, hidden ${settings.hidden.join(',')}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
