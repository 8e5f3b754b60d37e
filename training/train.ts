// `npm run train` — trains a Petal model in Node from a CSV and writes the standard TF.js files
// (`model.json` + `weights.bin`, Petal's metadata inside). With no flags it rebuilds the default model that
// ships with the app, byte for byte.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleFiles, bundleFromModel, metadataFor } from '../src/core/bundle';
import {
  CLASSIFIER_KINDS,
  type ClassifierKind,
  type ClassifierSpec,
  defaultSpec,
  describeClassifier,
  fitClassifier,
} from '../src/core/classifiers/classifier';
import { type CrossValidationResult, crossValidate } from '../src/core/cross-validate';
import { crossValidateNetwork } from '../src/core/cross-validate-network';
import type { Dataset } from '../src/core/dataset';
import type { Metrics } from '../src/core/evaluate';
import { trainClassifier } from '../src/core/train-classifier';
import { DEFAULT_TRAIN_SETTINGS, trainModel } from '../src/core/train-model';
import { parseCsvText } from '../src/csv/parse-csv';
import { tableToDataset } from '../src/csv/table-to-dataset';
import { formatTable } from './format-table';
import { runCli } from './run-cli';
import { type BackendName, useBackend } from './use-backend';

const HELP = `Usage: npm run train -- [options]

  --data <file>        CSV with a header row (default: public/data/iris.csv)
  --label <column>     label column (default: the last non-numeric column)
  --model <kind>       dense-network (default), knn, logistic-regression or random-forest
  --k <n>              k-NN: neighbours that vote (default: 5)
  --weighting <w>      k-NN: uniform (default) or distance
  --c <x>              logistic regression: inverse L2 strength (default: 1)
  --trees <n>          random forest: trees (default: 100)
  --hidden <list>      hidden layer widths, e.g. 16 or 64,32 (default: ${DEFAULT_TRAIN_SETTINGS.hidden.join(',')})
  --epochs <n>         (default: ${DEFAULT_TRAIN_SETTINGS.epochs})
  --batch-size <n>     (default: ${DEFAULT_TRAIN_SETTINGS.batchSize})
  --learning-rate <x>  (default: ${DEFAULT_TRAIN_SETTINGS.learningRate})
  --seed <n>           (default: ${DEFAULT_TRAIN_SETTINGS.seed})
  --folds <n>          cross-validation folds (default: 5)
  --repeats <n>        cross-validation repeats (default: 3; 0 skips cross-validation)
  --backend cpu|wasm   TensorFlow.js backend (default: cpu)
  --created <iso>      creation time stored in the model (default: SOURCE_DATE_EPOCH if set, else now)
  --out <folder>       output folder (default: public/models/default)
`;

const { values: flags } = parseArgs({
  options: {
    data: { type: 'string', default: 'public/data/iris.csv' },
    label: { type: 'string' },
    model: { type: 'string', default: 'dense-network' },
    k: { type: 'string' },
    weighting: { type: 'string' },
    c: { type: 'string' },
    trees: { type: 'string' },
    hidden: { type: 'string' },
    epochs: { type: 'string' },
    'batch-size': { type: 'string' },
    'learning-rate': { type: 'string' },
    seed: { type: 'string' },
    folds: { type: 'string', default: '5' },
    repeats: { type: 'string', default: '3' },
    backend: { type: 'string', default: 'cpu' },
    created: { type: 'string' },
    out: { type: 'string', default: 'public/models/default' },
    help: { type: 'boolean', default: false },
  },
});

await runCli({ name: 'train', help: HELP, showHelp: flags.help, main });

async function main(): Promise<void> {
  const backend = flags.backend as BackendName;
  if (backend !== 'cpu' && backend !== 'wasm')
    throw new Error(`--backend must be cpu or wasm, not "${backend}".`);
  await useBackend(backend);

  const dataset = tableToDataset(parseCsvText(await readFile(flags.data, 'utf8')), { label: flags.label });
  const kind = flags.model as ClassifierKind;
  if (!CLASSIFIER_KINDS.includes(kind))
    throw new Error(`--model must be one of ${CLASSIFIER_KINDS.join(', ')}, not "${flags.model}".`);
  if (kind !== 'dense-network') {
    await trainOtherKind(dataset, otherSpec(kind));
    return;
  }
  const settings = {
    ...DEFAULT_TRAIN_SETTINGS,
    ...(flags.hidden !== undefined ? { hidden: parseList(flags.hidden, '--hidden') } : {}),
    ...(flags.epochs !== undefined ? { epochs: parseNumber(flags.epochs, '--epochs') } : {}),
    ...(flags['batch-size'] !== undefined
      ? { batchSize: parseNumber(flags['batch-size'], '--batch-size') }
      : {}),
    ...(flags['learning-rate'] !== undefined
      ? { learningRate: parseNumber(flags['learning-rate'], '--learning-rate') }
      : {}),
    ...(flags.seed !== undefined ? { seed: parseNumber(flags.seed, '--seed') } : {}),
  };
  const folds = parseNumber(flags.folds, '--folds');
  const repeats = parseNumber(flags.repeats, '--repeats');

  const trained = await trainModel({ dataset, settings });
  const cvStarted = performance.now();
  const cv = repeats > 0 ? await crossValidateNetwork({ dataset, settings, folds, repeats }) : undefined;
  const cvMs = performance.now() - cvStarted;

  const metadata = metadataFor(trained, {
    createdAt: createdAt(),
    ...(cv
      ? {
          crossValidation: {
            accuracy: cv.accuracy,
            macroF1: cv.macroF1,
            logLoss: cv.logLoss,
            folds,
            repeats,
          },
        }
      : {}),
  });
  const files = bundleFiles(await bundleFromModel(trained.model, metadata));
  trained.model.dispose();
  const { schema } = dataset;
  await writeAndReport({
    dataset,
    files,
    testMetrics: trained.testMetrics,
    cv: cv && { result: cv, ms: cvMs, folds, repeats },
    rows: [
      [
        'network',
        `${schema.features.length} → ${[...settings.hidden, schema.classes.length].join(' → ')} (softmax)`,
      ],
      [
        'rows train / validation / test',
        `${trained.rows.train} / ${trained.rows.validation} / ${trained.rows.test}`,
      ],
      ['held-out test accuracy', trained.testMetrics.accuracy.toFixed(4)],
      ['held-out test log loss', trained.testMetrics.logLoss.toFixed(4)],
      [
        'training time',
        `${trained.trainingMs.toFixed(0)} ms (${tfBackendLabel(backend)}, ${trained.history.length} epochs)`,
      ],
    ],
  });
}

/** The spec of a k-NN, logistic regression or random forest from the flags. */
function otherSpec(kind: Exclude<ClassifierKind, 'dense-network'>): ClassifierSpec {
  switch (kind) {
    case 'knn': {
      const weighting = flags.weighting ?? 'uniform';
      if (weighting !== 'uniform' && weighting !== 'distance')
        throw new Error(`--weighting must be uniform or distance, not "${weighting}".`);
      return defaultSpec('knn', {
        ...(flags.k !== undefined ? { k: parseNumber(flags.k, '--k') } : {}),
        weighting,
      });
    }
    case 'logistic-regression':
      return defaultSpec(
        'logistic-regression',
        flags.c !== undefined ? { c: parseNumber(flags.c, '--c') } : {},
      );
    case 'random-forest':
      return defaultSpec(
        'random-forest',
        flags.trees !== undefined ? { trees: parseNumber(flags.trees, '--trees') } : {},
      );
  }
}

/** `--model knn|logistic-regression|random-forest`: the same recipe and report as the network's. */
async function trainOtherKind(dataset: Dataset, spec: ClassifierSpec): Promise<void> {
  const seed = flags.seed !== undefined ? parseNumber(flags.seed, '--seed') : DEFAULT_TRAIN_SETTINGS.seed;
  const folds = parseNumber(flags.folds, '--folds');
  const repeats = parseNumber(flags.repeats, '--repeats');
  const trained = await trainClassifier({ dataset, spec, seed, createdAt: createdAt() });
  const cvStarted = performance.now();
  const cv =
    repeats > 0
      ? await crossValidate({
          dataset,
          folds,
          repeats,
          seed,
          fit: async ({ train, test, seed: foldSeed }) => {
            const fitted = await fitClassifier({ spec, train, seed: foldSeed });
            try {
              return fitted.predictProbabilities(test.x);
            } finally {
              fitted.dispose();
            }
          },
        })
      : undefined;
  const cvMs = performance.now() - cvStarted;
  const metadata = cv
    ? {
        ...trained.metadata,
        metrics: {
          ...trained.metadata.metrics,
          crossValidation: {
            accuracy: cv.accuracy,
            macroF1: cv.macroF1,
            logLoss: cv.logLoss,
            folds,
            repeats,
          },
        },
      }
    : trained.metadata;
  const modelJson = { ...trained.bundle.modelJson, userDefinedMetadata: { petal: metadata } };
  const files = bundleFiles({ modelJson, weights: trained.bundle.weights });
  const { rows, metrics } = trained.metadata;
  await writeAndReport({
    dataset,
    files,
    testMetrics: metrics.test,
    cv: cv && { result: cv, ms: cvMs, folds, repeats },
    rows: [
      ['model', describeClassifier(spec)],
      ['rows train / test', `${rows.train} / ${rows.test}`],
      ['held-out test accuracy', metrics.test.accuracy.toFixed(4)],
      ['held-out test log loss', metrics.test.logLoss.toFixed(4)],
      ['training time', `${trained.trainingMs.toFixed(0)} ms`],
    ],
  });
}

/**
 * Writes the model's two files to the output folder, then prints the summary table (the data, the
 * kind-specific `rows`, cross-validation when it ran, what was written) and the test confusion matrix.
 */
async function writeAndReport(report: {
  dataset: Dataset;
  files: { modelJson: string; weights: ArrayBuffer };
  rows: string[][];
  testMetrics: Metrics;
  cv?: { result: CrossValidationResult; ms: number; folds: number; repeats: number };
}): Promise<void> {
  const { dataset, files, cv } = report;
  const { schema } = dataset;
  await mkdir(flags.out, { recursive: true });
  await writeFile(join(flags.out, 'model.json'), files.modelJson);
  await writeFile(join(flags.out, 'weights.bin'), new Uint8Array(files.weights));
  const summary: string[][] = [
    ['figure', 'value'],
    [
      'data',
      `${flags.data} (${dataset.rows} rows, ${schema.features.length} features, label "${schema.label}")`,
    ],
    ...report.rows,
  ];
  if (cv) {
    const { accuracy, macroF1 } = cv.result;
    summary.push(
      [
        `cross-validation accuracy (${cv.repeats}×${cv.folds}-fold)`,
        `${accuracy.mean.toFixed(4)} ± ${accuracy.sd.toFixed(4)} (min ${accuracy.min.toFixed(3)}, ${cv.ms.toFixed(0)} ms)`,
      ],
      ['cross-validation macro F1', `${macroF1.mean.toFixed(4)} ± ${macroF1.sd.toFixed(4)}`],
    );
  }
  summary.push([
    'written',
    `${join(flags.out, 'model.json')}, weights.bin (${files.weights.byteLength} bytes)`,
  ]);
  process.stdout.write(
    `${formatTable(summary)}\n\nConfusion matrix on the held-out test rows (rows: true class, columns: predicted)\n`,
  );
  process.stdout.write(`${formatTable(confusionRows(report.testMetrics, schema.classes))}\n`);
}

function confusionRows(metrics: Metrics, classes: readonly string[]): string[][] {
  return [
    ['true \\ predicted', ...classes, 'recall'],
    ...metrics.confusion.map((row, i) => [
      classes[i],
      ...row.map(String),
      metrics.perClass[i].recall.toFixed(3),
    ]),
    ['precision', ...metrics.perClass.map((c) => c.precision.toFixed(3)), ''],
  ];
}

function createdAt(): string {
  if (flags.created) return new Date(flags.created).toISOString();
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch ? new Date(Number(epoch) * 1000).toISOString() : new Date().toISOString();
}

function tfBackendLabel(backend: BackendName): string {
  return backend === 'cpu' ? 'Node, CPU backend' : 'Node, WASM backend';
}

function parseNumber(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new Error(`${flag} must be a number, not "${text}".`);
  return value;
}

function parseList(text: string, flag: string): number[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => parseNumber(part, flag));
}
