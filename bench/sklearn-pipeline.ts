// scikit-learn's standard pipeline on messy CSVs (median imputation + one-hot + standardisation + logistic
// regression, fitted inside each fold) as the peer of Petal's preprocessing: runs bench/sklearn-pipeline.py
// with a JSON job on stdin and reads its JSON answer. As bench/sklearn-peer.ts: if Python or scikit-learn
// is missing, or the script fails, it answers `{ unavailable: reason }` instead of throwing.
import { fileURLToPath } from 'node:url';
import type { Roles } from './messy-data';
import { runPython } from './run-python';
import { NOT_INSTALLED } from './sklearn-peer';

export type { Roles } from './messy-data';

export interface PipelineFile {
  readonly name: string;
  /** The CSV text itself, not a path. */
  readonly csv: string;
  readonly roles: Roles;
}

export interface PipelineOptions {
  readonly repeats?: number;
  readonly folds?: number;
  readonly seed?: number;
}

/** What ran the pipeline; the same for every file of one call. */
export interface PipelineEnvironment {
  readonly sklearn: string;
  readonly numpy: string;
  readonly python: string;
  /** The interpreter that ran the script, e.g. /usr/bin/python3. */
  readonly executable: string;
  /**
   * OneHotEncoder's max_categories (50: 49 most frequent values + 1 infrequent column), or null when the
   * installed scikit-learn (< 1.1) lacks it and every training value gets a column.
   */
  readonly max_categories: number | null;
  readonly folds: number;
  readonly repeats: number;
  readonly seed: number;
}

/** One file's figures, keyed as bench/sklearn-pipeline.py prints them. */
export interface PipelinePeerResult {
  readonly name: string;
  /** Rows evaluated: the file's rows less those with a blank label. */
  readonly rows: number;
  readonly dropped_blank_label: number;
  /** Blank cells per feature column, among the rows kept. */
  readonly blank: Readonly<Record<string, number>>;
  /** Non-blank cells of number or date columns that did not parse (read as missing). */
  readonly unparsed: Readonly<Record<string, number>>;
  /** The numeric parts each date column became, e.g. ["year", "month", "day_of_year", "day_of_week"]. */
  readonly date_parts: Readonly<Record<string, readonly string[]>>;
  readonly classes: Readonly<Record<string, number>>;
  /** Accuracy over RepeatedStratifiedKFold: mean, sample sd (as Petal's summarise) and each fold's. */
  readonly accuracy: { readonly mean: number; readonly sd: number; readonly folds: readonly number[] };
  /** Milliseconds of the whole pipeline's `fit` per fold. */
  readonly fit_ms: { readonly median: number; readonly min: number; readonly max: number };
  /** Folds whose LogisticRegression stopped at max_iter without converging. */
  readonly not_converged_folds: number;
  readonly environment: PipelineEnvironment;
}

const SCRIPT = fileURLToPath(new URL('./sklearn-pipeline.py', import.meta.url));

/**
 * `PETAL_SKLEARN_PYTHON` alone when set (a virtualenv with another scikit-learn, say); otherwise Debian's
 * interpreter first, whose python3-sklearn is the project's reference, then whatever `python3` is.
 */
function interpreters(): string[] {
  const chosen = process.env.PETAL_SKLEARN_PYTHON;
  return chosen ? [chosen] : ['/usr/bin/python3', 'python3'];
}

/** The three messy files × 15 folds take about 3 s; five minutes leave room for bigger files. */
const TIMEOUT_MS = 300_000;

/**
 * scikit-learn's standard pipeline cross-validated on each file (5 folds × 3 repeats, seed 42 unless told),
 * in one Python process, or why it could not be measured.
 */
export async function sklearnPipeline(
  files: readonly PipelineFile[],
  options: PipelineOptions = {},
): Promise<PipelinePeerResult[] | { unavailable: string }> {
  const job = JSON.stringify({
    files,
    repeats: options.repeats ?? 3,
    folds: options.folds ?? 5,
    seed: options.seed ?? 42,
  });
  const tried = interpreters();
  for (const interpreter of tried) {
    const run = await runPython(interpreter, SCRIPT, job, TIMEOUT_MS);
    if (run.kind === 'missing') continue; // no such interpreter, or it lacks scikit-learn: try the next
    if (run.kind === 'failed') return { unavailable: run.reason };
    try {
      const parsed: unknown = JSON.parse(run.stdout);
      if (!isOutput(parsed)) {
        return { unavailable: `${interpreter} ${SCRIPT} printed JSON of an unexpected shape` };
      }
      const { files: results, ...environment } = parsed;
      return results.map((result) => ({ ...result, environment }));
    } catch (error) {
      return { unavailable: `${interpreter} ${SCRIPT} printed no JSON: ${String(error)}` };
    }
  }
  return {
    unavailable: process.env.PETAL_SKLEARN_PYTHON
      ? `PETAL_SKLEARN_PYTHON=${tried[0]} is missing or lacks numpy/scikit-learn`
      : NOT_INSTALLED,
  };
}

type Output = PipelineEnvironment & { files: Omit<PipelinePeerResult, 'environment'>[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Checks what the bench reads: the version and every file's accuracy and fit times. */
function isOutput(value: unknown): value is Output {
  return (
    isRecord(value) &&
    typeof value.sklearn === 'string' &&
    Array.isArray(value.files) &&
    value.files.every(
      (file: unknown) =>
        isRecord(file) &&
        typeof file.name === 'string' &&
        typeof file.rows === 'number' &&
        isRecord(file.accuracy) &&
        typeof file.accuracy.mean === 'number' &&
        typeof file.accuracy.sd === 'number' &&
        Array.isArray(file.accuracy.folds) &&
        isRecord(file.fit_ms) &&
        typeof file.fit_ms.median === 'number',
    )
  );
}
