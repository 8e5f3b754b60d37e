// Batch scoring in the worker: the `score` and `inspectScoreFile` methods of the worker API, over the
// streaming core in src/score. The file never leaves the worker as text: the scored CSV comes back as a Blob
// built from parts of a few MB each, plus the summary and the first rows for display.
import Papa from 'papaparse';
import type { ValidBundle } from '../core/bundle/bundle-format';
import { CsvError } from '../csv/csv-error';
import { PREVIEW_LIMITS, type PreviewTable, previewTable } from '../csv/preview-table';
import { streamCsv } from '../csv/stream-csv';
import { type ColumnMapping, ColumnMappingError, mapColumns } from '../score/map-columns';
import { addedColumnCount } from '../score/output-layout';
import {
  mergeScores,
  type Predictor,
  type ScoreProgress,
  type ScoreSummary,
  scoreProgress,
} from '../score/score-csv';
import type { SerializedError } from './protocol';
import { type PartRunner, scorePart } from './score-part';
import { type CallContext, serializeError } from './serve';

/** The active model as the worker keeps it: its checked bundle and its predictor (plain JavaScript). */
export interface ScoringModel {
  readonly predict: Predictor;
  readonly bundle: ValidBundle;
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
  /**
   * The first PREVIEW_ROWS rows of the output, for display: of a wide output, the first input columns and
   * the predictions (see previewedColumns).
   */
  readonly preview: PreviewTable;
}

/** What the Batch tab shows before scoring: the first rows, the delimiter and how columns map. */
export interface ScoreFileInspection {
  readonly name: string;
  /** Bytes in the file. */
  readonly size: number;
  /** ',', ';' or '\t'; '' when the file could not be read as CSV. */
  readonly delimiter: string;
  /** The first PREVIEW_LIMITS.columns column names, shortened for display (`columns` counts them all). */
  readonly header: string[];
  readonly columns: number;
  /** The first INSPECT_ROWS data rows, cut to the columns shown and shortened (ragged rows as they are). */
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
 * Files from this size on are scored in two halves side by side (the engine worker and the helper); below
 * it, starting the helper and merging cost more than they save.
 */
export const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;
/** How far a split point is looked for past the middle of the file (one line has to end in there). */
const SPLIT_SEARCH_BYTES = 64 * 1024;
const LF = 10;

function noModel(): Error {
  return new Error('No model is loaded yet: wait for the model to load, then try again.');
}

/**
 * Scores `args.file` with the active model, streaming (scoreCsv): progress about ten times a second, the
 * output gathered into Blob parts. A cancel (the call's signal) rejects and drops every part, so no
 * half-scored file is ever returned.
 *
 * With a `helper` (the scoring helper worker) a large file is scored in two halves at once, split at a
 * line break: the first here, the second (after a copy of the header line) in the helper. That is only
 * right for a file whose rows are plain lines — a quoted value may hold a line break — so the halves must
 * both come back `plain`, with the same delimiter and decimal separator; otherwise, or if the helper
 * fails, the file is scored again here in one piece.
 */
export async function scoreFile(
  args: ScoreFileArgs,
  context: CallContext<ScoreProgress>,
  active: ScoringModel | undefined,
  helper?: PartRunner,
): Promise<ScoreResult> {
  if (!active) throw noModel();
  if (helper && args.file.size >= PARALLEL_MIN_BYTES) {
    const halves = await scoreHalves(args, context, active, helper).catch((error: unknown) => {
      if (context.signal.aborted) throw error;
      return undefined;
    });
    if (halves) return halves;
  }
  const preview = new PreviewCollector();
  const { summary, output } = await scorePart(
    { file: args.file, bundle: active.bundle, writeHeader: true },
    {
      signal: context.signal,
      predict: active.predict,
      onProgress: (progress) => context.progress(progress),
      onOutput: (chunk) => preview.add(chunk),
    },
  );
  return { summary, output, outputName: scoredName(args.name), preview: preview.table(summary) };
}

/** The two-halves run of scoreFile, or undefined when the file cannot be split or the halves disagree. */
async function scoreHalves(
  args: ScoreFileArgs,
  context: CallContext<ScoreProgress>,
  active: ScoringModel,
  helper: PartRunner,
): Promise<ScoreResult | undefined> {
  const { file } = args;
  const started = performance.now();
  const headerEnd = await lineEndAfter(file, 0);
  const split = await lineEndAfter(file, Math.floor(file.size / 2));
  if (headerEnd === undefined || split === undefined || split <= headerEnd || split >= file.size)
    return undefined;
  // Either half failing (or the user cancelling) stops the other.
  const both = new AbortController();
  const stop = () => both.abort(context.signal.reason);
  context.signal.addEventListener('abort', stop, { once: true });
  const progress = new HalvesProgress(file.size, started, (value) => context.progress(value));
  const preview = new PreviewCollector();
  const { bundle } = active;
  try {
    const [first, second] = await Promise.all([
      scorePart(
        { file: file.slice(0, split), bundle, writeHeader: true },
        {
          signal: both.signal,
          predict: active.predict,
          onProgress: (value) => progress.update(0, value),
          onOutput: (chunk) => preview.add(chunk),
        },
      ),
      helper.run(
        {
          file: new Blob([file.slice(0, headerEnd), file.slice(split)]),
          bundle,
          writeHeader: false,
        },
        (value) => progress.update(1, value),
        both.signal,
      ),
    ]).catch((error: unknown) => {
      both.abort(error);
      throw error;
    });
    const a = first.summary;
    const b = second.summary;
    // Each half guessed its delimiter and decimal separator from its own head: they must agree.
    if (!a.tally.plain || !b.tally.plain || a.delimiter !== b.delimiter || a.decimal !== b.decimal) {
      return undefined;
    }
    const summary = mergeScores({
      first: a,
      second: b,
      metadata: bundle.metadata,
      seconds: (performance.now() - started) / 1000,
      bytes: file.size,
    });
    progress.finish(summary);
    return {
      summary,
      output: new Blob([first.output, second.output], { type: 'text/csv' }),
      outputName: scoredName(args.name),
      preview: preview.table(summary),
    };
  } finally {
    context.signal.removeEventListener('abort', stop);
  }
}

/** The offset just past the first line break at or after `from`, within SPLIT_SEARCH_BYTES. */
async function lineEndAfter(file: Blob, from: number): Promise<number | undefined> {
  const bytes = new Uint8Array(await file.slice(from, from + SPLIT_SEARCH_BYTES).arrayBuffer());
  const at = bytes.indexOf(LF);
  return at < 0 ? undefined : from + at + 1;
}

/** One progress report for both halves: rows and bytes added up, speed and time left over the whole file. */
class HalvesProgress {
  private readonly parts: [ScoreProgress | undefined, ScoreProgress | undefined] = [undefined, undefined];
  private last = 0;

  constructor(
    private readonly totalBytes: number,
    private readonly started: number,
    private readonly report: (progress: ScoreProgress) => void,
  ) {}

  update(half: 0 | 1, value: ScoreProgress): void {
    this.parts[half] = value;
    const now = performance.now();
    // Each half reports about ten times a second; so does the sum.
    if (now - this.last < 100) return;
    this.last = now;
    const rows = (this.parts[0]?.rows ?? 0) + (this.parts[1]?.rows ?? 0);
    const bytes = (this.parts[0]?.bytes ?? 0) + (this.parts[1]?.bytes ?? 0);
    this.report(scoreProgress(rows, bytes, this.totalBytes, (now - this.started) / 1000));
  }

  finish(summary: ScoreSummary): void {
    this.report(scoreProgress(summary.rows, this.totalBytes, this.totalBytes, summary.seconds));
  }
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
  const { schema } = active.bundle.metadata;
  const result = {
    name: args.name,
    size: args.file.size,
    delimiter: '',
    header: [] as readonly string[],
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
    if (error instanceof CsvError) {
      return { ...result, ...previewTable(result.header, result.rows), error: serializeError(error) };
    }
    if (error !== 'enough') throw error;
  } finally {
    context.signal.removeEventListener('abort', stop);
  }
  const { header, rows, columns } = previewTable(result.header, result.rows);
  const shown = { ...result, header, rows, columns };
  try {
    return { ...shown, mapping: mapColumns(result.header, schema) };
  } catch (error) {
    if (error instanceof ColumnMappingError) {
      return { ...shown, missing: error.missing, error: serializeError(error) };
    }
    throw error;
  }
}

/**
 * Keeps the first output chunks until they hold PREVIEW_ROWS rows, then parses them into cells. Every chunk
 * ends at a row boundary, so the text kept always parses cleanly.
 */
class PreviewCollector {
  #chunks: Uint8Array[] = [];
  #lines = 0;

  add(chunk: Uint8Array): void {
    // The header line plus one line per row, unless a quoted cell holds a newline (then a few more chunks).
    if (this.#lines > PREVIEW_ROWS) return;
    let end = chunk.length;
    for (let at = chunk.indexOf(LF); at >= 0; at = chunk.indexOf(LF, at + 1)) {
      if (++this.#lines > PREVIEW_ROWS) {
        end = at + 1;
        break;
      }
    }
    // A copy of the lines needed (a chunk can be a whole 16 MB Blob part): the chunk is only lent, and
    // scorePart's output buffer is written over next.
    this.#chunks.push(chunk.slice(0, end));
  }

  table(summary: ScoreSummary): PreviewTable {
    const decoder = new TextDecoder();
    const text = this.#chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('');
    const { delimiter, outputColumns } = summary;
    const classes = summary.classCounts.length;
    const parsed = Papa.parse<string[]>(text, { delimiter, newline: '\n', skipEmptyLines: true });
    const keep = previewedColumns(outputColumns.length - addedColumnCount(classes), classes);
    return previewTable(outputColumns, parsed.data.slice(1, PREVIEW_ROWS + 1), keep);
  }
}

/**
 * The scored file's columns a preview shows: all of them when they fit PREVIEW_LIMITS.columns; else the
 * first input columns, the prediction, the first classes' probabilities, the range flag and the error —
 * what was predicted must never be cut off by a wide input.
 */
export function previewedColumns(inputs: number, classes: number): number[] {
  const total = inputs + addedColumnCount(classes);
  const all = Array.from({ length: total }, (_, at) => at);
  if (total <= PREVIEW_LIMITS.columns) return all;
  const half = Math.floor((PREVIEW_LIMITS.columns - 3) / 2);
  const probabilities = Math.min(classes, half);
  const firstInputs = Math.min(inputs, PREVIEW_LIMITS.columns - 3 - probabilities);
  return [
    ...all.slice(0, firstInputs),
    ...all.slice(inputs, inputs + 1 + probabilities),
    ...all.slice(inputs + 1 + classes),
  ];
}

/** "flowers.csv" → "flowers-scored.csv". */
export function scoredName(name: string): string {
  const base = name.replace(/\.(csv|tsv|txt)$/i, '') || 'data';
  return `${base}-scored.csv`;
}
