// scikit-learn as the bench's peer, measured in the same run: runs bench/sklearn-peer.py with a JSON
// request on stdin and reads its JSON answer. If Python or scikit-learn is missing, or the script fails,
// it answers `{ unavailable: reason }` instead of throwing, so the bench still prints everything else.
import { fileURLToPath } from 'node:url';
import { runPython } from './run-python';

/** The pipelines bench/sklearn-peer.py knows, each mirroring a Petal default (see that script). */
export type PeerModel = 'mlp' | 'mlp-64-32' | 'knn' | 'knn-raw' | 'logistic' | 'forest';

export interface PeerRequest {
  /** Path of the CSV file, absolute or relative to the working directory. */
  readonly csv: string;
  /** The label column; null = the last non-numeric column, as Petal picks it. */
  readonly label: string | null;
  readonly folds: number;
  readonly repeats: number;
  readonly seed: number;
  readonly models: readonly PeerModel[];
}

/** Mean and sample sd over the folds, as Petal's `Summary`. */
export interface PeerSummary {
  readonly mean: number;
  readonly sd: number;
}

export interface PeerScore {
  /** Accuracy over RepeatedStratifiedKFold. */
  readonly accuracy: PeerSummary;
  /** Milliseconds of `fit` alone, per fold. */
  readonly fitMs: PeerSummary;
  /** Milliseconds of `predict_proba` per 1,000 rows (each fold's test rows repeated to 1,000). */
  readonly predictMsPer1000: number;
  /** Networks only: epochs run per fold (MLPClassifier stops early once its training loss stalls). */
  readonly epochs?: PeerSummary;
}

export interface PeerResult {
  readonly sklearn: string;
  readonly numpy: string;
  readonly python: string;
  /** The interpreter that ran the script, e.g. /usr/bin/python3. */
  readonly executable: string;
  readonly dataset: {
    readonly csv: string;
    readonly rows: number;
    readonly features: readonly string[];
    readonly label: string;
    readonly classes: readonly string[];
  };
  readonly folds: number;
  readonly repeats: number;
  readonly seed: number;
  readonly models: Readonly<Partial<Record<PeerModel, PeerScore>>>;
}

export const NOT_INSTALLED = 'python3-sklearn is not installed (apt-get install python3-sklearn)';

const SCRIPT = fileURLToPath(new URL('./sklearn-peer.py', import.meta.url));

/**
 * Debian's interpreter first: the project's reference is Debian's python3-sklearn, and a `python3` earlier
 * on PATH (pyenv, a virtualenv) may lack scikit-learn or carry another version. Then whatever `python3` is.
 */
const INTERPRETERS = ['/usr/bin/python3', 'python3'];

/** Six models × 15 folds take about 7 s on iris; two minutes leave room for a busy machine. */
const TIMEOUT_MS = 120_000;

export async function sklearnPeer(request: PeerRequest): Promise<PeerResult | { unavailable: string }> {
  for (const interpreter of INTERPRETERS) {
    const run = await runPython(interpreter, SCRIPT, JSON.stringify(request), TIMEOUT_MS);
    if (run.kind === 'missing') continue; // no such interpreter, or it lacks scikit-learn: try the next
    if (run.kind === 'failed') return { unavailable: run.reason };
    try {
      const parsed: unknown = JSON.parse(run.stdout);
      if (isPeerResult(parsed)) return parsed;
      return { unavailable: `${interpreter} ${SCRIPT} printed JSON of an unexpected shape` };
    } catch (error) {
      return { unavailable: `${interpreter} ${SCRIPT} printed no JSON: ${String(error)}` };
    }
  }
  return { unavailable: NOT_INSTALLED };
}

function isSummary(value: unknown): value is PeerSummary {
  return (
    typeof value === 'object' &&
    value !== null &&
    'mean' in value &&
    typeof value.mean === 'number' &&
    'sd' in value &&
    typeof value.sd === 'number'
  );
}

function isScore(value: unknown): value is PeerScore {
  return (
    typeof value === 'object' &&
    value !== null &&
    'accuracy' in value &&
    isSummary(value.accuracy) &&
    'fitMs' in value &&
    isSummary(value.fitMs) &&
    'predictMsPer1000' in value &&
    typeof value.predictMsPer1000 === 'number'
  );
}

/** Checks what the bench reads: the version and every model's figures. */
function isPeerResult(value: unknown): value is PeerResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    'sklearn' in value &&
    typeof value.sklearn === 'string' &&
    'models' in value &&
    typeof value.models === 'object' &&
    value.models !== null &&
    Object.values(value.models).every(isScore)
  );
}
