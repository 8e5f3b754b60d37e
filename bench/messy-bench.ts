// Real-world-shaped CSVs (bench/messy-data.ts: categories, blanks, dates, an ID) through Petal's whole path
// — the file read as the Train tab reads it, the columns used as their roles say, logistic regression in a
// pipeline fitted inside each fold — against scikit-learn's standard pipeline on the same files and folds
// (bench/sklearn-pipeline.py). Accuracy is the figure that matters (the target: Petal's default network at
// least scikit-learn's minus 0.02); fit time is printed with its ratio.
import {
  type ClassifierSpec,
  defaultSpec,
  describeClassifier,
} from '../src/core/classifiers/classifier-spec';
import { compareClassifiers } from '../src/core/compare-classifiers';
import type { UseName } from '../src/csv/column-plan';
import { trainingTableFromCsv } from '../src/csv/csv-training-table';
import { parseCsvText } from '../src/csv/parse-csv';
import { type MessyFile, messyFiles, type Roles } from './messy-data';
import { sklearnPipeline } from './sklearn-pipeline';

const FOLDS = 5;
const REPEATS = 3;
const SEED = 42;

/** The roles as the CLI's --ignore / --category / --number overrides (dates are found by profiling). */
function uses(roles: Roles): Record<string, UseName> {
  const uses: Record<string, UseName> = {};
  for (const name of roles.numbers) uses[name] = 'number';
  for (const name of roles.categories) uses[name] = 'category';
  for (const name of roles.ignore) uses[name] = 'ignore';
  return uses;
}

async function petal(file: MessyFile, spec: ClassifierSpec) {
  const { table, plan } = trainingTableFromCsv(parseCsvText(file.csv), {
    label: file.roles.label,
    uses: uses(file.roles),
  });
  const header = parseCsvText(file.csv).header;
  const dates = header.filter((_, column) => plan[column].use === 'date');
  if (dates.join() !== file.roles.dates.join()) {
    throw new Error(
      `${file.name}: profiling found the dates ${dates.join()}, not ${file.roles.dates.join()}.`,
    );
  }
  const result = await compareClassifiers({
    table,
    // balanceClasses as scikit-learn's default: no class weights.
    args: {
      specs: [spec],
      folds: FOLDS,
      repeats: REPEATS,
      seed: SEED,
      balanceClasses: false,
    },
  });
  return { rows: table.rows, score: result.scores[0] };
}

export async function messyBench(): Promise<string[][]> {
  const files = messyFiles();
  const peer = await sklearnPipeline(files, { folds: FOLDS, repeats: REPEATS, seed: SEED });
  const rows: string[][] = [
    [
      `file, Petal model (${REPEATS}×${FOLDS}-fold; sklearn: its logistic-regression pipeline)`,
      'rows',
      'Petal accuracy',
      'scikit-learn accuracy',
      'Petal − sklearn',
      'Petal fit',
      'sklearn fit (median)',
      'fit time ratio',
    ],
  ];
  const specs = [defaultSpec('logistic-regression'), defaultSpec('dense-network')];
  for (const file of files)
    for (const spec of specs) {
      const { rows: n, score } = await petal(file, spec);
      const other = 'unavailable' in peer ? undefined : peer.find((result) => result.name === file.name);
      const fit = score.fitMs.mean;
      rows.push([
        `${file.name}, ${describeClassifier(spec)}`,
        String(n),
        `${score.accuracy.mean.toFixed(4)} ± ${score.accuracy.sd.toFixed(4)}`,
        other ? `${other.accuracy.mean.toFixed(4)} ± ${other.accuracy.sd.toFixed(4)}` : 'unavailable',
        other ? (score.accuracy.mean - other.accuracy.mean).toFixed(4) : '',
        `${fit.toFixed(1)} ms (mean)`,
        other ? `${other.fit_ms.median.toFixed(1)} ms` : '',
        other ? `${(fit / other.fit_ms.median).toFixed(2)}×` : '',
      ]);
    }
  if ('unavailable' in peer) rows.push([`scikit-learn: ${peer.unavailable}`, '', '', '', '', '', '', '']);
  return rows;
}
