// `npm run score -- --model <dir> --in <csv> --out <csv>` — scores a CSV of any size with a Petal model in
// Node, with the same streaming core the app's worker uses (src/score/score-csv.ts), then prints a summary:
// rows, bad rows, speed, predicted class counts, evaluation when the file has labels, and a drift table.
import { once } from 'node:events';
import { createWriteStream, openAsBlob } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { PetalMetadata } from '../src/core/bundle/bundle-format';
import { parseBundleFiles } from '../src/core/bundle/validate-bundle';
import { classifierFromBundle } from '../src/core/classifiers/classifier-from-bundle';
import type { FeatureDrift } from '../src/score/drift';
import { DRIFT_THRESHOLDS } from '../src/score/drift';
import { type ScoreSummary, scoreCsv } from '../src/score/score-csv';
import { formatTable } from './format-table';
import { runCli } from './run-cli';

const HELP = `Usage: npm run score -- --model <dir> --in <csv> --out <csv> [options]

  --model <dir>         folder with model.json and weights.bin (e.g. public/models/default)
  --in <csv>            the CSV to score (header row; feature columns matched by name, any order)
  --out <csv>           where to write the scored CSV (written to <out>.partial, renamed when complete)
  --batch-rows <n>      rows per prediction (default: 1000)
`;

const { values: flags } = parseArgs({
  options: {
    model: { type: 'string' },
    in: { type: 'string' },
    out: { type: 'string' },
    'batch-rows': { type: 'string', default: '1000' },
    help: { type: 'boolean', default: false },
  },
});

await runCli({ name: 'score', help: HELP, showHelp: flags.help, main });

async function main(): Promise<void> {
  if (!flags.model || !flags.in || !flags.out)
    throw new Error(`--model, --in and --out are required.\n\n${HELP}`);
  const batchRows = Number(flags['batch-rows']);
  if (!Number.isInteger(batchRows) || batchRows < 1)
    throw new Error('--batch-rows must be a positive integer.');
  const bundle = parseBundleFiles({
    modelJson: await readFile(join(flags.model, 'model.json'), 'utf8'),
    weights: toArrayBuffer(await readFile(join(flags.model, 'weights.bin'))),
  });
  const { metadata } = bundle;
  // The model's own prediction code, as the app's worker runs it: plain JavaScript for every kind.
  const { predictProbabilities: predict } = classifierFromBundle(bundle);

  const partial = `${flags.out}.partial`;
  // A large buffer: the default 16 KiB would pause the scoring for every batch written.
  const out = createWriteStream(partial, { highWaterMark: 8 * 1024 * 1024 });
  const controller = new AbortController();
  const interrupt = () => controller.abort(new Error('Interrupted: nothing was written.'));
  process.once('SIGINT', interrupt);
  let summary: ScoreSummary;
  try {
    const source = await openAsBlob(flags.in);
    summary = await scoreCsv({
      source,
      metadata,
      predict,
      batchRows,
      signal: controller.signal,
      onProgress(progress) {
        if (!process.stderr.isTTY) return;
        const share = progress.totalBytes
          ? ` ${((100 * progress.bytes) / progress.totalBytes).toFixed(0)}%`
          : '';
        process.stderr.write(
          `\r${progress.rows.toLocaleString('en')} rows${share}, ${Math.round(progress.rowsPerSecond).toLocaleString('en')} rows/s `,
        );
      },
      // Returning the 'drain' promise when the stream's buffer is full pauses the reading: backpressure.
      onOutput: (chunk) => (out.write(chunk) ? undefined : once(out, 'drain').then(() => {})),
    });
    out.end();
    await once(out, 'finish');
    await rename(partial, flags.out);
  } catch (error) {
    // A failed or interrupted run leaves no half-written output behind.
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  }
  process.stdout.write(`${report(summary, metadata)}\n`);
}

function toArrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function report(summary: ScoreSummary, metadata: PetalMetadata): string {
  const { schema } = metadata;
  const figures: string[][] = [
    ['figure', 'value'],
    [
      'input',
      `${flags.in} (${(summary.bytes / 1e6).toFixed(1)} MB, delimiter ${JSON.stringify(summary.delimiter)}, decimal ${JSON.stringify(summary.decimal)})`,
    ],
    ['output', `${flags.out} (${summary.outputColumns.length} columns)`],
    ['rows', summary.rows.toLocaleString('en')],
    ['scored rows', summary.scoredRows.toLocaleString('en')],
    ['bad rows (kept, see the error column)', summary.badRows.toLocaleString('en')],
    ['rows outside the training range', summary.outsideRangeRows.toLocaleString('en')],
    ['time', `${summary.seconds.toFixed(2)} s`],
    ['rows/s', Math.round(summary.rowsPerSecond).toLocaleString('en')],
  ];
  if (summary.mapping.loose.length > 0) {
    figures.push([
      'columns matched ignoring case and spaces',
      summary.mapping.loose.map((match) => `${match.header} → ${match.feature}`).join(', '),
    ]);
  }
  if (summary.mapping.extraColumns.length > 0) {
    figures.push(['extra columns (passed through)', summary.mapping.extraColumns.join(', ')]);
  }
  const sections = [formatTable(figures)];
  if (summary.firstBadRows.length > 0) {
    sections.push(
      `First bad rows\n${formatTable([
        ['row', 'problem'],
        ...summary.firstBadRows.slice(0, 5).map((bad) => [String(bad.row), bad.message]),
      ])}`,
    );
  }
  sections.push(
    `Predicted ${schema.label}\n${formatTable([
      ['class', 'rows', 'share'],
      ...summary.classCounts.map(({ label, count }) => [
        label,
        count.toLocaleString('en'),
        `${((100 * count) / Math.max(summary.scoredRows, 1)).toFixed(1)}%`,
      ]),
    ])}`,
  );
  const evaluation = summary.evaluation;
  if (evaluation?.metrics) {
    const { metrics } = evaluation;
    sections.push(
      `Evaluation against the file's "${schema.label}" column (${metrics.rows.toLocaleString('en')} rows): accuracy ${metrics.accuracy.toFixed(4)}, macro F1 ${metrics.macroF1.toFixed(4)}, log loss ${metrics.logLoss.toFixed(4)}\n${formatTable(
        [
          ['true \\ predicted', ...schema.classes, 'recall'],
          ...metrics.confusion.map((row, i) => [
            schema.classes[i],
            ...row.map((count) => count.toLocaleString('en')),
            metrics.perClass[i].recall.toFixed(3),
          ]),
          ['precision', ...metrics.perClass.map((c) => c.precision.toFixed(3)), ''],
        ],
      )}`,
    );
  }
  if (evaluation && evaluation.unknownLabelRows > 0) {
    sections.push(
      `${evaluation.unknownLabelRows.toLocaleString('en')} scored rows have a "${schema.label}" that is not one of the model's classes (left out of the evaluation): ${evaluation.unknownLabels
        .slice(0, 5)
        .map(({ label, count }) => `${JSON.stringify(label)} × ${count}`)
        .join(', ')}`,
    );
  }
  sections.push(driftTable(summary.drift));
  return sections.join('\n\n');
}

function driftTable(drift: readonly FeatureDrift[]): string {
  const t = DRIFT_THRESHOLDS;
  const share = (value: number) => `${(value * 100).toFixed(1)}%`;
  return `Drift against the training data (flagged: PSI ≥ ${t.psiDrift}, |mean shift| ≥ ${t.meanShift} sd or > ${t.outsideRangeShare * 100}% outside the range or unseen; moderate: PSI ≥ ${t.psiModerate}; judged from ${t.minRows} scored rows on)\n${formatTable(
    [
      [
        'feature',
        'mean (train)',
        'sd (train)',
        'mean shift',
        'PSI',
        'KS≈',
        'outside / unseen',
        'missing',
        'status',
      ],
      ...drift.map((feature) => {
        const status =
          feature.status === 'stable' ? 'stable' : feature.status.replaceAll('-', ' ').toUpperCase();
        if (feature.kind === 'category') {
          return [
            feature.feature,
            'category',
            '',
            '',
            feature.psi.toFixed(3),
            '',
            share(feature.unseenShare),
            '',
            status,
          ];
        }
        return [
          feature.feature,
          `${feature.mean.toFixed(3)} (${feature.training.mean.toFixed(3)})`,
          `${feature.sd.toFixed(3)} (${feature.training.sd.toFixed(3)})`,
          `${feature.meanShift >= 0 ? '+' : ''}${feature.meanShift.toFixed(2)} sd`,
          feature.psi.toFixed(3),
          feature.ks.toFixed(3),
          share(feature.outsideRangeShare),
          share(feature.missingShare),
          status,
        ];
      }),
    ],
  )}`;
}
