// Batch scoring in the worker: the `score` and `inspectScoreFile` methods of the worker API, over the
// streaming core in src/score. The file never leaves the worker as text: the scored CSV comes back as a Blob
// built from parts of a few MB each, plus the summary and the first rows for display.
import Papa from 'papaparse';
import type { ModelBundle, PetalMetadata } from '../core/bundle-format';
import type { FittedClassifier } from '../core/classifiers/classifier';
import { validateBundle } from '../core/validate-bundle';
import { CsvError } from '../csv/csv-error';
import { streamCsv } from '../csv/stream-csv';
import { densePredictor } from '../score/dense-predictor';
import { type ColumnMapping, ColumnMappingError, mapColumns } from '../score/map-columns';
import { type Predictor, type ScoreProgress, type ScoreSummary, scoreCsv } from '../score/score-csv';
import type { SerializedError } from './protocol';
import { type CallContext, serializeError } from './serve';

/** The active model as the worker keeps it: the fitted classifier (any kind), its bundle and its metadata. */
export interface ScoringModel {
  readonly fitted: FittedClassifier;
  readonly bundle: ModelBundle;
  readonly metadata: PetalMetadata;
}

/** The file to score (a File the user chose or dropped) and its name for the output file. */
export interface ScoreFileArgs {
  readonly file: Blob;
  readonly name: string;
}

export interface ScoreResult {
  readonly summary: ScoreSummary;
  /** The scored CSV (text/csv): the input's columns, predictions, range flag and error column. */
  readonly output: Blob;
  /** "<input name without .csv>-scored.csv". */
  readonly outputName: string;
  /** The first PREVIEW_ROWS rows of the output as cells (the header is `summary.outputColumns`). */
  readonly preview: string[][];
}

/** What the Batch tab shows before scoring: the first rows, the delimiter and how columns map. */
export interface ScoreFileInspection {
  readonly name: string;
  /** Bytes in the file. */
  readonly size: number;
  /** ',', ';' or '\t'; '' when the file could not be read as CSV. */
  readonly delimiter: string;
  readonly header: string[];
  /** The first INSPECT_ROWS data rows, raw cells (ragged rows as they are). */
  readonly rows: string[][];
  /** The model's features and label, to show beside the mapping. */
  readonly features: readonly string[];
  readonly label: string;
  /** How the file's columns line up with the model; null when the file cannot be scored. */
  readonly mapping: ColumnMapping | null;
  /** Model features the file has no column for (the mapping error lists them too). */
  readonly missing: readonly string[];
  /** Why the file cannot be scored: a CsvError or a ColumnMappingError ('missing-features'); null if it can. */
  readonly error: SerializedError | null;
}

/** Rows kept for the preview table; the full output stays in the Blob. */
export const PREVIEW_ROWS = 200;
/** Rows shown before scoring. */
export const INSPECT_ROWS = 8;
/**
 * Output bytes per Blob part. Each part becomes a Blob at once, so the JS heap holds at most this much
 * output (the rest lives in the browser's blob storage).
 */
const PART_BYTES = 4 * 1024 * 1024;

function noModel(): Error {
  return new Error('No model is loaded yet: wait for the model to load, then try again.');
}

/**
 * Scores `args.file` with the active model, streaming (scoreCsv): progress about ten times a second, the
 * output gathered into Blob parts. A cancel (the call's signal) rejects and drops every part, so no
 * half-scored file is ever returned.
 */
export async function scoreFile(
  args: ScoreFileArgs,
  context: CallContext<ScoreProgress>,
  active: ScoringModel | undefined,
): Promise<ScoreResult> {
  if (!active) throw noModel();
  const { metadata } = active;
  const parts: Blob[] = [];
  let pending: Uint8Array<ArrayBuffer>[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pending.length === 0) return;
    parts.push(new Blob(pending));
    pending = [];
    pendingBytes = 0;
  };
  const encoder = new TextEncoder();
  const preview = new PreviewCollector();
  const summary = await scoreCsv({
    source: args.file,
    metadata,
    predict: predictorFor(active),
    signal: context.signal,
    onProgress: (progress) => context.progress(progress),
    onOutput: (chunk) => {
      preview.add(chunk);
      // Encoded at once: a chunk is a rope of thousands of small strings, and keeping ropes alive until
      // the end made garbage collection double the run's time (measured: 1M rows, 7 s → 14-20 s in Node).
      const bytes = encoder.encode(chunk);
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes >= PART_BYTES) flush();
    },
  });
  flush();
  return {
    summary,
    output: new Blob(parts, { type: 'text/csv' }),
    outputName: scoredName(args.name),
    preview: preview.rows(summary.delimiter),
  };
}

/**
 * Reads the head of a file (stopping after INSPECT_ROWS rows) and maps its header to the active model's
 * features. Never throws for a bad file: the CsvError or ColumnMappingError comes back in `error`.
 */
export async function inspectScoreFile(
  args: ScoreFileArgs,
  context: CallContext<never>,
  active: ScoringModel | undefined,
): Promise<ScoreFileInspection> {
  if (!active) throw noModel();
  const { schema } = active.metadata;
  const result = {
    name: args.name,
    size: args.file.size,
    delimiter: '',
    header: [] as string[],
    rows: [] as string[][],
    features: schema.features,
    label: schema.label,
    mapping: null as ColumnMapping | null,
    missing: [] as readonly string[],
    error: null as SerializedError | null,
  };
  // Stops the read once enough rows are in: the rest of a 1 GB file is never touched.
  const enough = new AbortController();
  const stop = () => enough.abort(context.signal.reason);
  context.signal.addEventListener('abort', stop, { once: true });
  try {
    await streamCsv(args.file, {
      signal: enough.signal,
      chunkBytes: 64 * 1024,
      keepRaggedRows: true,
      onHeader: (header, delimiter) => {
        result.header = header;
        result.delimiter = delimiter;
      },
      onRows: (rows) => {
        result.rows.push(...rows.slice(0, INSPECT_ROWS - result.rows.length));
        if (result.rows.length >= INSPECT_ROWS) enough.abort('enough');
      },
    });
  } catch (error) {
    context.signal.throwIfAborted();
    if (error instanceof CsvError) return { ...result, error: serializeError(error) };
    if (error !== 'enough') throw error;
  } finally {
    context.signal.removeEventListener('abort', stop);
  }
  try {
    return { ...result, mapping: mapColumns(result.header, schema) };
  } catch (error) {
    if (error instanceof ColumnMappingError) {
      return { ...result, missing: error.missing, error: serializeError(error) };
    }
    throw error;
  }
}

/**
 * The plain-JavaScript forward pass (far faster than a TF.js batch for Petal's small networks) when the
 * bundle is a dense network it can compute, checked against the loaded model on one row; otherwise the
 * loaded model's own predictProbabilities (TF.js, or another kind's).
 */
function predictorFor(active: ScoringModel): Predictor {
  const { fitted, metadata } = active;
  const slow = (x: Float32Array): Float32Array => fitted.predictProbabilities(x);
  try {
    const dense = densePredictor(validateBundle(active.bundle));
    const probe = Float32Array.from(metadata.classMeans[0]);
    // densePredictor is synchronous: it returns the array itself.
    const fast = dense(probe) as Float32Array;
    const reference = slow(probe);
    if (fast.length === reference.length && fast.every((p, i) => Math.abs(p - reference[i]) < 1e-4)) {
      return dense;
    }
  } catch {
    // Not a network densePredictor knows (another kind of bundle): the loaded model computes it.
  }
  return slow;
}

/**
 * Keeps the first output chunks until they hold PREVIEW_ROWS rows, then parses them into cells. Every chunk
 * ends at a row boundary, so the text kept always parses cleanly.
 */
class PreviewCollector {
  #chunks: string[] = [];
  #lines = 0;

  add(chunk: string): void {
    // The header line plus one line per row, unless a quoted cell holds a newline (then a few more chunks).
    if (this.#lines > PREVIEW_ROWS) return;
    this.#chunks.push(chunk);
    for (
      let at = chunk.indexOf('\n');
      at >= 0 && this.#lines <= PREVIEW_ROWS;
      at = chunk.indexOf('\n', at + 1)
    ) {
      this.#lines++;
    }
  }

  rows(delimiter: string): string[][] {
    const parsed = Papa.parse<string[]>(this.#chunks.join(''), {
      delimiter,
      newline: '\n',
      skipEmptyLines: true,
    });
    return parsed.data.slice(1, PREVIEW_ROWS + 1);
  }
}

/** "flowers.csv" → "flowers-scored.csv". */
export function scoredName(name: string): string {
  const base = name.replace(/\.(csv|tsv|txt)$/i, '') || 'data';
  return `${base}-scored.csv`;
}
