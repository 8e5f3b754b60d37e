// The types of a scoring run: what scoreCsv takes, reports as it goes, and returns.
import type { PetalMetadata } from '../core/bundle/bundle-format';
import type { Decimal } from '../csv/parse-number';
import type { AbortSignalLike, BlobLike, ByteStream } from '../csv/web-types';
import type { DriftState, FeatureDrift } from './drift';
import type { EvaluationState, FileEvaluation } from './evaluation';
import type { ColumnMapping } from './map-columns';

/**
 * Class probabilities for a batch of rows: `x` holds raw (not standardised) feature values, row-major,
 * shape [rows, features] in the model's feature order; the result is row-major, shape [rows, classes].
 * `x` is a view of a buffer scoreCsv reuses for the next batch: read it (or copy it) but do not keep or
 * transfer it.
 */
export type Predictor = (x: Float32Array) => Float32Array;

export interface ScoreProgress {
  /** Data rows read and written so far. */
  readonly rows: number;
  /** Bytes read from the source so far (a little ahead of `rows`: up to one chunk is being parsed). */
  readonly bytes: number;
  /** The source's size, when known (a Blob / File, or `totalBytes` given). */
  readonly totalBytes?: number;
  readonly rowsPerSecond: number;
  /** Estimated from bytes when the size is known. */
  readonly secondsLeft?: number;
}

/** A row written without predictions because a feature value could not be used. */
export interface BadRow {
  /** File row number as a spreadsheet shows it (the header is row 1). */
  readonly row: number;
  /** Same text as the row's `error` cell, e.g. `column "sepal_width": "abc" is not a number`. */
  readonly message: string;
  /** The columns at fault (empty for a row with the wrong number of values). */
  readonly columns: readonly string[];
}

export interface ScoreCsvOptions {
  /** The CSV file: a Blob / File (browser, worker, Node's `fs.openAsBlob`) or a byte stream. */
  readonly source: BlobLike | ByteStream;
  /** What the model expects: its schema, standardisation and training feature profiles. */
  readonly metadata: Pick<PetalMetadata, 'schema' | 'pipeline' | 'featureProfiles'>;
  readonly predict: Predictor;
  /** Rows per prediction (and per output chunk). Default 1,000. */
  readonly batchRows?: number;
  /** Aborting rejects with the signal's reason; the caller must then discard the output it received. */
  readonly signal?: AbortSignalLike;
  /** The source's size in bytes, for `secondsLeft` when the source is a stream (a Blob's size is used). */
  readonly totalBytes?: number;
  /** Bytes parsed per step, passed to streamCsv (default 256 KiB); tests use small steps. */
  readonly chunkBytes?: number;
  /**
   * Read plain rows in the bytes (streamCsv's `onRecord`) and copy them to the output as they are; default
   * true. false reads every row through papaparse: the reference the fast path is tested against.
   */
  readonly fastPath?: boolean;
  /** Write the header line first (default true); false for a later part of a file scored in parts. */
  readonly writeHeader?: boolean;
  /** Least time between two `onProgress` calls (default 100 ms); one more call comes at the end. */
  readonly progressIntervalMs?: number;
  /** Called once the header is mapped, before any row is scored or written (e.g. to show the mapping). */
  onStart?(info: ScoreStart): void;
  onProgress?(progress: ScoreProgress): void;
  /**
   * Receives the output CSV as UTF-8 bytes, in order, a batch at a time (or `outputChunkBytes` at a time;
   * the header comes with the first chunk); the chunk is the receiver's to keep. Returning a promise
   * pauses the reading until it settles: write-stream backpressure.
   */
  onOutput(chunk: Uint8Array): void | Promise<void>;
  /**
   * `onOutput` only borrows each chunk: it copies what it keeps before it returns, and the same bytes are
   * written over for the next chunk. Saves allocating (and collecting) a buffer per chunk; default false.
   */
  readonly lendOutput?: boolean;
  /**
   * Hands the output on in chunks of at least this many bytes (the batches' bytes gathered in one buffer)
   * rather than a chunk per batch; the last chunk may be smaller. For a receiver that keeps large pieces
   * (Blob parts): each chunk is then one piece, with no copying into a buffer of its own. Default 0.
   */
  readonly outputChunkBytes?: number;
}

export interface ScoreStart {
  readonly mapping: ColumnMapping;
  readonly delimiter: string;
  /**
   * The input's decimal separator (see guessDecimal), with which its feature cells were read. The output
   * keeps the input's cells as they were; its probabilities are written with '.' whatever this is.
   */
  readonly decimal: Decimal;
  /** The output's column names: the input's, then the predictions (renamed on a clash, see scoreCsv). */
  readonly outputColumns: readonly string[];
}

export interface ScoreSummary extends ScoreStart {
  /** Data rows in the file, all written to the output. */
  readonly rows: number;
  /** Rows with predictions. */
  readonly scoredRows: number;
  /** Rows written with empty predictions and a message in the `error` column. */
  readonly badRows: number;
  /** The first 20 bad rows. */
  readonly firstBadRows: readonly BadRow[];
  /** Predicted class counts, in the model's class order. */
  readonly classCounts: readonly { readonly label: string; readonly count: number }[];
  /** Scored rows with at least one feature outside the training range. */
  readonly outsideRangeRows: number;
  /** Present when the file has the model's label column. */
  readonly evaluation?: FileEvaluation;
  /** Per feature, over the scored rows, in the model's feature order. */
  readonly drift: readonly FeatureDrift[];
  readonly bytes: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  /** What the run counted, to merge parts of a file scored apart (mergeScores). */
  readonly tally: ScoreTally;
}

/** A run's counts as plain, structured-cloneable data. */
export interface ScoreTally {
  readonly rows: number;
  readonly scoredRows: number;
  readonly badRows: number;
  readonly firstBadRows: readonly BadRow[];
  readonly outsideRangeRows: number;
  readonly classCounts: Float64Array;
  readonly drift: DriftState;
  readonly evaluation?: EvaluationState;
  readonly bytes: number;
  /** The file row number of the last record read (header and blank rows count). */
  readonly fileRows: number;
  /** Every row was read in the bytes: the file has no quotes (see streamCsv's `plain`). */
  readonly plain: boolean;
}
