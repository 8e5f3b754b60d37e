// The Node half of `npm run bench`: default training time and batch prediction throughput on the CPU and
// WASM backends, with the tensor count before and after (it must not grow).
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import { predictProbabilities } from '../src/core/predict';
import { DEFAULT_TRAIN_SETTINGS, trainModel } from '../src/core/train-model';
import { parseCsvText } from '../src/csv/parse-csv';
import { tableToDataset } from '../src/csv/table-to-dataset';
import { formatTable } from '../training/format-table';
import { type BackendName, useBackend } from '../training/use-backend';

const PREDICT_ROWS = 1_000_000;

export async function nodeBench(): Promise<string> {
  const dataset = tableToDataset(parseCsvText(await readFile('public/data/iris.csv', 'utf8')));
  // A million rows resampled from iris with a little noise: realistic values, no file needed.
  const features = dataset.schema.features.length;
  const x = new Float32Array(PREDICT_ROWS * features);
  for (let row = 0; row < PREDICT_ROWS; row++) {
    const source = (row * 7919) % dataset.rows;
    for (let f = 0; f < features; f++)
      x[row * features + f] = dataset.x[source * features + f] + ((row + f) % 7) * 0.01;
  }

  const rows: string[][] = [[`figure (Node ${process.version})`, 'cpu', 'wasm']];
  const results: Record<BackendName, string[]> = { cpu: [], wasm: [] };
  for (const backend of ['cpu', 'wasm'] as const) {
    await useBackend(backend);
    // One warm-up run: the first run pays for kernel registration and JIT.
    (await trainModel({ dataset })).model.dispose();
    const times: number[] = [];
    let accuracy = 0;
    for (let run = 0; run < 3; run++) {
      const trained = await trainModel({ dataset });
      times.push(trained.trainingMs);
      accuracy = trained.testMetrics.accuracy;
      trained.model.dispose();
    }
    const trained = await trainModel({ dataset });
    const before = tf.memory().numTensors;
    const perBatch: string[] = [];
    for (const batchSize of [1000, 10_000]) {
      const started = performance.now();
      predictProbabilities({ model: trained.model, standardisation: trained.standardisation, x, batchSize });
      const seconds = (performance.now() - started) / 1000;
      perBatch.push(`${Math.round(PREDICT_ROWS / seconds / 1000)}k`);
    }
    const after = tf.memory().numTensors;
    trained.model.dispose();
    results[backend] = [
      `${median(times).toFixed(0)} ms (median of 3; test acc ${accuracy.toFixed(3)})`,
      perBatch[0],
      perBatch[1],
      `${before} → ${after}`,
      `${tf.memory().numTensors}`,
    ];
  }
  const labels = [
    `default training, iris 150 rows (${DEFAULT_TRAIN_SETTINGS.epochs} epochs, hidden ${DEFAULT_TRAIN_SETTINGS.hidden.join(',')})`,
    `batch prediction rows/s, ${PREDICT_ROWS.toLocaleString('en')} rows, batches of 1,000`,
    `batch prediction rows/s, ${PREDICT_ROWS.toLocaleString('en')} rows, batches of 10,000`,
    'tensors before → after predicting',
    'tensors after disposing the model',
  ];
  for (const [i, label] of labels.entries()) rows.push([label, results.cpu[i], results.wasm[i]]);
  return formatTable(rows);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
