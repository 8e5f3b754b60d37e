// `npm run train` — trains a Petal model in Node from a CSV and writes the standard TF.js files
// (`model.json` + `weights.bin`, Petal's metadata inside). With no flags it rebuilds the default model that
// ships with the app, byte for byte.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleFiles } from '../src/core/bundle/bundle-format';
import {
  CLASSIFIER_KINDS,
  type ClassifierKind,
  type ClassifierSpec,
  DEFAULT_DENSE_NETWORK_SETTINGS,
  defaultSpec,
  describeClassifier,
} from '../src/core/classifiers/classifier-spec';
import { type AlgorithmScore, compareClassifiers } from '../src/core/compare-classifiers';
import type { Metrics } from '../src/core/evaluate';
import { inputWidth } from '../src/core/pipeline/input-steps';
import type { TrainingTable } from '../src/core/pipeline/training-table';
import { trainClassifier } from '../src/core/train-classifier';
import { DEFAULT_RUN_SETTINGS } from '../src/core/train-settings';
import type { UseName } from '../src/csv/column-plan';
import { type CsvTraining, trainingTableFromCsv } from '../src/csv/csv-training-table';
import { parseCsvText } from '../src/csv/parse-csv';
import { formatTable } from './format-table';
import { runCli } from './run-cli';
import { type BackendName, useBackend } from './use-backend';

const HELP = `Usage: npm run train -- [options]

  --data <file>        CSV with a header row (default: public/data/iris.csv)
  --label <column>     label column (default: the last category column)
  --ignore <a,b>       columns to leave out (identifiers, free text and constants are left out already)
  --category <a,b>     columns to read as categories although they hold numbers (codes, ZIPs)
  --number <a,b>       columns to read as numbers
  --model <kind>       dense-network (default), knn, logistic-regression or random-forest
  --k <n>              k-NN: neighbours that vote (default: 5)
  --weighting <w>      k-NN: uniform (default) or distance
  --c <x>              logistic regression: inverse L2 strength (default: 1)
  --trees <n>          random forest: trees (default: 100)
  --hidden <list>      hidden layer widths, e.g. 16 or 64,32 (default: ${DEFAULT_DENSE_NETWORK_SETTINGS.hidden.join(',')})
  --epochs <n>         (default: ${DEFAULT_DENSE_NETWORK_SETTINGS.epochs})
  --batch-size <n>     (default: ${DEFAULT_DENSE_NETWORK_SETTINGS.batchSize})
  --learning-rate <x>  (default: ${DEFAULT_DENSE_NETWORK_SETTINGS.learningRate})
  --balance <b>        auto (default: on when the largest class has more than 3× the rows of the
                       smallest), on or off: weigh the classes equally
  --seed <n>           (default: ${DEFAULT_RUN_SETTINGS.seed})
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
    ignore: { type: 'string' },
    category: { type: 'string' },
    number: { type: 'string' },
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
    balance: { type: 'string', default: 'auto' },
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

  const csv = trainingTableFromCsv(parseCsvText(await readFile(flags.data, 'utf8')), {
    label: flags.label,
    uses: usesFromFlags(),
  });
  process.stdout.write(`${formatTable(columnRows(csv))}\n\n`);
  const { table, unlabelled } = csv;
  const kind = flags.model as ClassifierKind;
  if (!CLASSIFIER_KINDS.includes(kind))
    throw new Error(`--model must be one of ${CLASSIFIER_KINDS.join(', ')}, not "${flags.model}".`);
  const spec = specFromFlags(kind);
  const seed = flags.seed !== undefined ? parseNumber(flags.seed, '--seed') : DEFAULT_RUN_SETTINGS.seed;
  const folds = parseNumber(flags.folds, '--folds');
  const repeats = parseNumber(flags.repeats, '--repeats');

  const trained = await trainClassifier({
    table,
    unlabelledRows: unlabelled,
    spec,
    run: { seed, ...balanceFlag() },
    createdAt: createdAt(),
  });
  // The same cross-validation as the Compare tab's, so the figure printed here is the one it shows.
  const cvStarted = performance.now();
  const cv =
    repeats > 0
      ? (
          await compareClassifiers({
            table,
            args: {
              specs: [spec],
              folds,
              repeats,
              seed,
              balanceClasses: trained.metadata.settings.balanceClasses,
            },
          })
        ).scores[0]
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
  const files = bundleFiles({
    modelJson: { ...trained.bundle.modelJson, userDefinedMetadata: { petal: metadata } },
    weights: trained.bundle.weights,
  });
  const { rows, metrics } = metadata;
  const { schema } = table;
  const inputs = inputWidth(metadata.pipeline.steps);
  await writeAndReport({
    table,
    unlabelled,
    files,
    testMetrics: trained.testMetrics,
    cv: cv && { score: cv, ms: cvMs, folds, repeats },
    rows: [
      [
        'model',
        spec.kind === 'dense-network'
          ? `${describeClassifier(spec)}: ${inputs} → ${[...spec.settings.hidden, schema.classes.length].join(' → ')} (softmax)`
          : describeClassifier(spec),
      ],
      ['rows train / validation / test', `${rows.train} / ${rows.validation} / ${rows.test}`],
      [
        'classes balanced',
        metadata.settings.balanceClasses ? 'yes (class weights / balanced bootstrap)' : 'no',
      ],
      ['held-out test accuracy', metrics.test.accuracy.toFixed(4)],
      ['held-out test log loss', metrics.test.logLoss.toFixed(4)],
      ['training time', `${trained.trainingMs.toFixed(0)} ms (${tfBackendLabel(backend)})`],
    ],
  });
}

/** The spec of the kind the flags ask for, each setting from its flag or the kind's default. */
function specFromFlags(kind: ClassifierKind): ClassifierSpec {
  switch (kind) {
    case 'dense-network':
      return defaultSpec('dense-network', {
        ...(flags.hidden !== undefined ? { hidden: parseList(flags.hidden, '--hidden') } : {}),
        ...numberFlag('epochs', 'epochs'),
        ...numberFlag('batch-size', 'batchSize'),
        ...numberFlag('learning-rate', 'learningRate'),
      });
    case 'knn': {
      const weighting = flags.weighting ?? 'uniform';
      if (weighting !== 'uniform' && weighting !== 'distance')
        throw new Error(`--weighting must be uniform or distance, not "${weighting}".`);
      return defaultSpec('knn', { ...numberFlag('k', 'k'), weighting });
    }
    case 'logistic-regression':
      return defaultSpec('logistic-regression', numberFlag('c', 'c'));
    case 'random-forest':
      return defaultSpec('random-forest', numberFlag('trees', 'trees'));
  }
}

/** `{ [setting]: value }` when the numeric flag was given, else `{}`. */
function numberFlag<K extends string>(
  flag: 'epochs' | 'batch-size' | 'learning-rate' | 'k' | 'c' | 'trees',
  setting: K,
) {
  const text = flags[flag];
  return (text === undefined ? {} : { [setting]: parseNumber(text, `--${flag}`) }) as Partial<
    Record<K, number>
  >;
}

/**
 * Writes the model's two files to the output folder, then prints the summary table (the data, the
 * kind-specific `rows`, cross-validation when it ran, what was written) and the test confusion matrix.
 */
async function writeAndReport(report: {
  table: TrainingTable;
  unlabelled: number;
  files: { modelJson: string; weights: ArrayBuffer };
  rows: string[][];
  testMetrics: Metrics;
  cv?: { score: AlgorithmScore; ms: number; folds: number; repeats: number };
}): Promise<void> {
  const { table, files, cv, unlabelled } = report;
  const { schema } = table;
  await mkdir(flags.out, { recursive: true });
  await writeFile(join(flags.out, 'model.json'), files.modelJson);
  await writeFile(join(flags.out, 'weights.bin'), new Uint8Array(files.weights));
  const summary: string[][] = [
    ['figure', 'value'],
    [
      'data',
      `${flags.data} (${table.rows} rows${unlabelled > 0 ? ` + ${unlabelled} without a label, left out` : ''}, ${schema.features.length} features, label "${schema.label}")`,
    ],
    ...report.rows,
  ];
  if (cv) {
    const { accuracy, macroF1 } = cv.score;
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

/** `{ balanceClasses }` from --balance on|off; nothing for auto (training decides from the class counts). */
function balanceFlag(): { balanceClasses?: boolean } {
  switch (flags.balance) {
    case 'auto':
      return {};
    case 'on':
      return { balanceClasses: true };
    case 'off':
      return { balanceClasses: false };
    default:
      throw new Error(`--balance must be auto, on or off, not "${flags.balance}".`);
  }
}

/** `{ column: use }` from --ignore, --category and --number. */
function usesFromFlags(): Record<string, UseName> {
  const uses: Record<string, UseName> = {};
  for (const use of ['ignore', 'category', 'number'] as const) {
    for (const name of (flags[use] ?? '').split(',')) if (name.trim() !== '') uses[name.trim()] = use;
  }
  return uses;
}

/** Each column of the file: what its values look like, and what training makes of it (and why). */
function columnRows({ profiles, plan }: CsvTraining): string[][] {
  return [
    ['column', 'kind', 'missing', 'distinct', 'used as'],
    ...profiles.map((profile, column) => [
      profile.name,
      profile.kind,
      String(profile.missing),
      `${profile.distinctCapped ? '≥' : ''}${profile.distinct}`,
      plan[column].use === 'ignore' && profile.reason ? `ignore (${profile.reason})` : plan[column].use,
    ]),
  ];
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
