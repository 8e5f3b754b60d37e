import type { PetalMetadata } from '../core/bundle/bundle-format';
import { numberProblem, parseNumber, parseSimpleNumber } from '../csv/parse-number';
import { asciiText, recordCells, type SimpleRecord } from '../csv/simple-records';
import { type StreamCsvOptions, streamCsv } from '../csv/stream-csv';
import type { AbortSignalLike, BlobLike, ByteStream, ByteStreamReader } from '../csv/web-types';
import { ByteWriter } from './byte-writer';
import { csvCell } from './csv-cell';
import { DriftAccumulator, type DriftState, type FeatureDrift } from './drift';
import { EvaluationAccumulator, type EvaluationState, type FileEvaluation } from './evaluation';
import { type ColumnMapping, mapColumns } from './map-columns';

/**
 * Class probabilities for a batch of rows: `x` holds raw (not standardised) feature values, row-major,
 * shape [rows, features] in the model's feature order; the result is row-major, shape [rows, classes].
 * `x` is a view of a buffer scoreCsv reuses once the returned promise settles: read it (or copy it) but do
 * not keep or transfer it. When it returns a promise, scoreCsv parses the next batch while it runs.
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
  readonly metadata: Pick<PetalMetadata, 'schema' | 'standardisation' | 'featureProfiles'>;
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

const DEFAULT_BATCH_ROWS = 1000;
const BAD_ROWS_LISTED = 20;
const NEWLINE = '\n';
const CELL_SHOWN = 40;

/**
 * Scores a CSV file of any size with a model, streaming: the file is parsed a chunk at a time (streamCsv),
 * feature columns are found by name (mapColumns: any order, extra columns kept; a ColumnMappingError
 * before any row is scored if features are missing), rows are predicted in batches of `batchRows`, and
 * the scored CSV is handed to `onOutput` a batch at a time, so memory stays bounded whatever the size.
 *
 * Output: the input's columns in input order (cells escaped with csvCell; delimiter = the input's; LF line
 * endings), then `predicted_<label>`, one `probability_<class>` per class (6 significant digits),
 * `outside_training_range` (`true` when any feature is below the training minimum or above the maximum)
 * and `error`. A name that clashes with an input column gets `_2` (`_3`…). A row whose feature value is
 * empty, not a number, NaN / Infinity or too large for float32, or that has the wrong number of values, is
 * still written, with empty prediction cells and the reason in `error`; it is counted and left out of the
 * class counts, evaluation and drift.
 *
 * Cancel: aborting `signal` rejects with the signal's reason as soon as the current step ends, and
 * `onOutput` is not called again; the output received so far is a partial file to discard. Any other
 * failure (an unreadable file: CsvError; missing columns: ColumnMappingError; `onOutput` or `predict`
 * throwing) rejects the same way.
 */
export async function scoreCsv(options: ScoreCsvOptions): Promise<ScoreSummary> {
  const counted = countBytes(options.source);
  const run = new ScoringRun(options, counted);
  const streamOptions: StreamCsvOptions = {
    signal: options.signal,
    chunkBytes: options.chunkBytes,
    // A ragged row is written as a bad row instead of stopping the run with CsvError 'ragged-row'.
    keepRaggedRows: true,
    onHeader: (header, delimiter) => run.start(header, delimiter),
    onRows: (rows, firstRow) => run.addRows(rows, firstRow),
    ...(options.fastPath === false ? {} : { onRecord: (record: SimpleRecord) => run.addRecord(record) }),
  };
  try {
    const read = await streamCsv(counted.stream, streamOptions);
    return await run.finish(read.records, read.plain);
  } catch (error) {
    run.stop();
    throw error;
  }
}

/**
 * The rows waiting for their predictions. A row is kept one of two ways: as the input's bytes (a plain
 * record whose cells all go to the output as they are: `cells[i]` undefined), or as cells (anything else:
 * written cell by cell through csvCell).
 */
interface Batch {
  /** Feature values of the good rows, compacted: shape [batchRows, features]. */
  readonly x: Float32Array;
  /** Per row: its index among the batch's good rows, or −1 for a bad row. */
  readonly slot: Int32Array;
  /** Per row: 1 when a feature is outside the training range. */
  readonly outside: Uint8Array;
  readonly cells: (string[] | undefined)[];
  /** For a row kept as bytes: the input bytes holding it, and its range there. */
  readonly source: Uint8Array[];
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** For a row kept as bytes, when the file has the label column: the label's class, or −1 (see labels). */
  readonly label: Int32Array;
  /** The label's text when it is not exactly one of the model's classes. */
  readonly labels: string[];
  readonly errors: string[];
  count: number;
  good: number;
}

const TAB = 9;
const PLUS = 43;
const MINUS = 45;
const EQUALS = 61;
const AT = 64;

class ScoringRun {
  private readonly features: number;
  private readonly classes: number;
  private readonly batchRows: number;
  private readonly low: Float64Array;
  private readonly high: Float64Array;
  private readonly drift: DriftAccumulator;
  private readonly classCounts: Float64Array;
  private readonly started = performance.now();
  private readonly progressInterval: number;
  private lastProgress = this.started;

  private mapping: ColumnMapping | undefined;
  private delimiter = ',';
  private outputColumns: string[] = [];
  private headerLine = '';
  private width = 0;
  private featureColumns = new Int32Array(0);
  private labelColumn = -1;
  private evaluation: EvaluationAccumulator | undefined;
  private predictedCells: Uint8Array[] = [];
  private classBytes: Uint8Array[] = [];
  private inRange: Uint8Array = new Uint8Array(0);
  private outOfRange: Uint8Array = new Uint8Array(0);
  private emptyPredictions = '';
  /** The input columns that are not features: the cells addRecord checks for a formula-like start. */
  private otherColumns: Int32Array = new Int32Array(0);
  private readonly writer: ByteWriter;
  private readonly outputChunkBytes: number;

  /** The rows read since the last prediction; predicted and written when full, then reused. */
  private readonly current: Batch;
  private stopped = false;
  private rows = 0;
  private scoredRows = 0;
  private outsideRangeRows = 0;
  private badRows = 0;
  private readonly firstBadRows: BadRow[] = [];

  constructor(
    private readonly options: ScoreCsvOptions,
    private readonly counted: CountedSource,
  ) {
    const { schema, featureProfiles } = options.metadata;
    this.features = schema.features.length;
    this.classes = schema.classes.length;
    this.batchRows = Math.max(1, Math.floor(options.batchRows ?? DEFAULT_BATCH_ROWS));
    this.progressInterval = options.progressIntervalMs ?? 100;
    this.outputChunkBytes = Math.max(0, options.outputChunkBytes ?? 0);
    // Room for a chunk and the batch that fills it, so the buffer does not have to grow.
    this.writer = new ByteWriter(this.outputChunkBytes > 0 ? this.outputChunkBytes + (1 << 20) : undefined);
    this.low = Float64Array.from(featureProfiles, (profile) => profile.min);
    this.high = Float64Array.from(featureProfiles, (profile) => profile.max);
    this.drift = new DriftAccumulator(featureProfiles);
    this.classCounts = new Float64Array(this.classes);
    this.current = this.newBatch();
  }

  private newBatch(): Batch {
    return {
      x: new Float32Array(this.batchRows * this.features),
      slot: new Int32Array(this.batchRows),
      outside: new Uint8Array(this.batchRows),
      cells: [],
      source: [],
      start: new Int32Array(this.batchRows),
      end: new Int32Array(this.batchRows),
      label: new Int32Array(this.batchRows),
      labels: [],
      errors: [],
      count: 0,
      good: 0,
    };
  }

  start(header: string[], delimiter: string): void {
    const { schema } = this.options.metadata;
    const mapping = mapColumns(header, schema);
    this.mapping = mapping;
    this.delimiter = delimiter;
    this.width = header.length;
    this.featureColumns = Int32Array.from(mapping.features, (feature) => feature.column);
    if (mapping.label) {
      this.labelColumn = mapping.label.column;
      this.evaluation = new EvaluationAccumulator(schema.classes);
    }
    const taken = new Set(header);
    const added = [
      `predicted_${schema.label}`,
      ...schema.classes.map((label) => `probability_${label}`),
      'outside_training_range',
      'error',
    ].map((name) => uniqueName(name, taken));
    this.outputColumns = [...header, ...added];
    this.headerLine = this.outputColumns.map((name) => csvCell(name, delimiter)).join(delimiter) + NEWLINE;
    const encoded = (text: string) => {
      const writer = new ByteWriter(text.length * 3);
      writer.text(text);
      return writer.take();
    };
    this.predictedCells = schema.classes.map((label) => encoded(delimiter + csvCell(label, delimiter)));
    this.classBytes = schema.classes.map((label) => encoded(label));
    this.inRange = encoded(`${delimiter}false${delimiter}${NEWLINE}`);
    this.outOfRange = encoded(`${delimiter}true${delimiter}${NEWLINE}`);
    const features = new Set(this.featureColumns);
    this.otherColumns = Int32Array.from(header.keys()).filter((column) => !features.has(column));
    // predicted, one per class, outside_training_range, then the error cell follows its delimiter.
    this.emptyPredictions = delimiter.repeat(this.classes + 3);
    this.options.onStart?.({ mapping, delimiter, outputColumns: this.outputColumns });
  }

  async addRows(rows: string[][], firstRow: number): Promise<void> {
    for (let i = 0; i < rows.length; i++) {
      const full = this.addCells(rows[i], firstRow + i);
      if (full) await full;
    }
  }

  /** Adds a row read as cells; returns a promise when the batch filled up and went to be predicted. */
  private addCells(cells: string[], row: number): Promise<void> | undefined {
    const features = this.features;
    const columns = this.featureColumns;
    const low = this.low;
    const high = this.high;
    const batch = this.current;
    const index = batch.count++;
    batch.cells[index] = cells;
    let bad = cells.length !== this.width;
    let outside = 0;
    if (!bad) {
      const x = batch.x;
      const base = batch.good * features;
      for (let f = 0; f < features; f++) {
        const value = parseNumber(cells[columns[f]]);
        const stored = value === undefined ? Number.NaN : Math.fround(value);
        // fround turns a finite double beyond float32's range into ±Infinity: bad, like NaN.
        if (stored - stored !== 0) {
          bad = true;
          break;
        }
        x[base + f] = stored;
        if (stored < low[f] || stored > high[f]) outside = 1;
      }
    }
    if (bad) {
      batch.slot[index] = -1;
      batch.errors[index] = this.badRow(cells, row);
    } else {
      batch.slot[index] = batch.good++;
      batch.outside[index] = outside;
    }
    return batch.count === this.batchRows ? this.submit() : undefined;
  }

  /**
   * Adds a plain record (streamCsv's byte path) without making strings: feature values are read from the
   * bytes, and the row is kept as bytes when every cell can go to the output as it is. A row that needs
   * more — a bad or unusual value, the wrong number of cells, a text cell csvCell would escape — is
   * turned into cells and added the usual way, so both ways write the same output.
   */
  addRecord(record: SimpleRecord): Promise<void> | undefined {
    const { bytes, start, ends, fields } = record;
    if (fields !== this.width) return this.addCells(recordCells(record), record.row);
    const features = this.features;
    const columns = this.featureColumns;
    const low = this.low;
    const high = this.high;
    const batch = this.current;
    const x = batch.x;
    const base = batch.good * features;
    let outside = 0;
    for (let f = 0; f < features; f++) {
      const column = columns[f];
      const from = column === 0 ? start : ends[column - 1] + 1;
      let value = parseSimpleNumber(bytes, from, ends[column]);
      if (Number.isNaN(value)) value = parseNumber(asciiText(bytes, from, ends[column])) ?? Number.NaN;
      const stored = Math.fround(value);
      if (stored - stored !== 0) return this.addCells(recordCells(record), record.row);
      x[base + f] = stored;
      if (stored < low[f] || stored > high[f]) outside = 1;
    }
    // A cell that starts like a formula is written as it is only when it is a number (csvCell's rule);
    // feature cells were just read as numbers.
    const others = this.otherColumns;
    for (let c = 0; c < others.length; c++) {
      const column = others[c];
      const from = column === 0 ? start : ends[column - 1] + 1;
      const first = bytes[from];
      if (
        (first === EQUALS || first === PLUS || first === MINUS || first === AT || first === TAB) &&
        from < ends[column] &&
        parseNumber(asciiText(bytes, from, ends[column])) === undefined
      ) {
        return this.addCells(recordCells(record), record.row);
      }
    }
    const index = batch.count++;
    batch.cells[index] = undefined;
    batch.source[index] = bytes;
    batch.start[index] = start;
    batch.end[index] = record.end;
    if (this.labelColumn >= 0) this.readLabel(record, batch, index);
    batch.slot[index] = batch.good++;
    batch.outside[index] = outside;
    return batch.count === this.batchRows ? this.submit() : undefined;
  }

  /** The class of a plain record's label cell, compared in bytes; its text when it is not one exactly. */
  private readLabel(record: SimpleRecord, batch: Batch, index: number): void {
    const { bytes, ends } = record;
    const column = this.labelColumn;
    const from = column === 0 ? record.start : ends[column - 1] + 1;
    const length = ends[column] - from;
    const classes = this.classBytes;
    for (let k = 0; k < classes.length; k++) {
      const label = classes[k];
      if (label.length !== length) continue;
      let i = 0;
      while (i < length && label[i] === bytes[from + i]) i++;
      if (i === length) {
        batch.label[index] = k;
        return;
      }
    }
    batch.label[index] = -1;
    batch.labels[index] = asciiText(bytes, from, ends[column]);
  }

  /** Describes a bad row (every bad value in it), counts it and keeps the first few. */
  private badRow(cells: readonly string[], row: number): string {
    const names = this.mapping!.header;
    let message: string;
    const columns: string[] = [];
    if (cells.length !== this.width) {
      message = `the row has ${cells.length} ${cells.length === 1 ? 'value' : 'values'} but the header has ${this.width} columns`;
      if (cells.length > this.width) message += '; the extra values are not written';
    } else {
      const parts: string[] = [];
      for (const column of this.featureColumns) {
        const text = cells[column];
        const problem = numberProblem(text);
        const name = names[column];
        const shown = JSON.stringify(text.length > CELL_SHOWN ? `${text.slice(0, CELL_SHOWN)}…` : text);
        if (problem === 'empty') parts.push(`column "${name}" is empty`);
        else if (problem === 'not-a-number') parts.push(`column "${name}": ${shown} is not a number`);
        else if (problem === 'not-finite') parts.push(`column "${name}": ${shown} is not a finite number`);
        else if (!Number.isFinite(Math.fround(parseNumber(text)!))) {
          parts.push(`column "${name}": ${shown} is too large`);
        } else continue;
        columns.push(name);
      }
      message = parts.join('; ');
    }
    this.badRows++;
    if (this.firstBadRows.length < BAD_ROWS_LISTED) this.firstBadRows.push({ row, message, columns });
    return message;
  }

  /** Predicts the current batch and writes it. */
  private async submit(): Promise<void> {
    const batch = this.current;
    const input = batch.x.subarray(0, batch.good * this.features);
    this.drift.add(input, batch.good);
    const result = batch.good > 0 ? this.options.predict(input) : new Float32Array(0);
    await this.write(batch, result);
  }

  private async write(batch: Batch, probabilities: Float32Array): Promise<void> {
    const { signal } = this.options;
    if (this.stopped) return;
    if (signal?.aborted) throw signal.reason;
    const classes = this.classes;
    if (!(probabilities instanceof Float32Array) || probabilities.length !== batch.good * classes) {
      throw new RangeError(
        `The predictor returned ${probabilities?.length} values for ${batch.good} rows of ${classes} classes.`,
      );
    }
    const d = this.delimiter;
    const width = this.width;
    const writer = this.writer;
    const predictedCells = this.predictedCells;
    const counts = this.classCounts;
    const evaluation = this.evaluation;
    const labelColumn = this.labelColumn;
    const delimiterByte = d.charCodeAt(0);
    // Rows kept as cells are joined into text, written when a row kept as bytes (or the batch end) comes.
    let text = this.rows === 0 && this.options.writeHeader !== false ? this.headerLine : '';
    for (let i = 0; i < batch.count; i++) {
      const cells = batch.cells[i];
      if (cells === undefined) {
        if (text !== '') {
          writer.text(text);
          text = '';
        }
        writer.bytes(batch.source[i], batch.start[i], batch.end[i]);
      } else {
        text += csvCell(cells[0] ?? '', d);
        for (let c = 1; c < width; c++) text += d + csvCell(cells[c] ?? '', d);
      }
      const slot = batch.slot[i];
      if (slot < 0) {
        text += this.emptyPredictions + csvCell(batch.errors[i], d) + NEWLINE;
        continue;
      }
      if (text !== '') {
        writer.text(text);
        text = '';
      }
      const offset = slot * classes;
      let best = 0;
      for (let k = 1; k < classes; k++) {
        if (probabilities[offset + k] > probabilities[offset + best]) best = k;
      }
      counts[best]++;
      if (evaluation) {
        if (cells !== undefined) evaluation.add(cells[labelColumn], probabilities, offset, best);
        else if (batch.label[i] >= 0) evaluation.addClass(batch.label[i], probabilities, offset, best);
        else evaluation.add(batch.labels[i], probabilities, offset, best);
      }
      const outside = batch.outside[i] === 1;
      if (outside) this.outsideRangeRows++;
      writer.prediction(
        predictedCells[best],
        probabilities,
        offset,
        classes,
        delimiterByte,
        outside ? this.outOfRange : this.inRange,
      );
    }
    writer.text(text);
    this.rows += batch.count;
    this.scoredRows += batch.good;
    batch.cells.length = 0;
    batch.source.length = 0;
    batch.labels.length = 0;
    batch.errors.length = 0;
    batch.count = 0;
    batch.good = 0;
    if (writer.length >= this.outputChunkBytes) await this.emit();
    const now = performance.now();
    if (now - this.lastProgress >= this.progressInterval) {
      this.lastProgress = now;
      this.options.onProgress?.(this.progress(now));
    }
  }

  /** Hands the bytes written so far to onOutput. */
  private emit(): void | Promise<void> {
    const { writer, options } = this;
    return options.onOutput(options.lendOutput ? writer.lend() : writer.take());
  }

  private progress(now: number): ScoreProgress {
    const totalBytes = this.options.totalBytes ?? this.counted.totalBytes;
    return scoreProgress(this.rows, this.counted.bytes(), totalBytes, (now - this.started) / 1000);
  }

  async finish(fileRows: number, plain: boolean): Promise<ScoreSummary> {
    if (this.current.count > 0) await this.submit();
    if (this.writer.length > 0) await this.emit();
    const now = performance.now();
    const progress = this.progress(now);
    this.options.onProgress?.(progress);
    const tally: ScoreTally = {
      rows: this.rows,
      scoredRows: this.scoredRows,
      badRows: this.badRows,
      firstBadRows: this.firstBadRows,
      outsideRangeRows: this.outsideRangeRows,
      classCounts: this.classCounts,
      drift: this.drift.state(),
      ...(this.evaluation ? { evaluation: this.evaluation.state() } : {}),
      bytes: progress.bytes,
      fileRows,
      plain,
    };
    const start = { mapping: this.mapping!, delimiter: this.delimiter, outputColumns: this.outputColumns };
    return summarize(start, tally, this.options.metadata, (now - this.started) / 1000);
  }

  /** After a failure or cancel: a predictor promise still running must not write anything more. */
  stop(): void {
    this.stopped = true;
  }
}

type ScoreMetadata = ScoreCsvOptions['metadata'];

/** Progress after `seconds`: speed, and the time left estimated from the bytes read when the size is known. */
export function scoreProgress(
  rows: number,
  bytes: number,
  totalBytes: number | undefined,
  seconds: number,
): ScoreProgress {
  const elapsed = Math.max(seconds, 1e-6);
  return {
    rows,
    bytes,
    rowsPerSecond: rows / elapsed,
    ...(totalBytes !== undefined
      ? {
          totalBytes,
          ...(bytes > 0 ? { secondsLeft: (Math.max(totalBytes - bytes, 0) * elapsed) / bytes } : {}),
        }
      : {}),
  };
}

function summarize(
  start: ScoreStart,
  tally: ScoreTally,
  metadata: ScoreMetadata,
  seconds: number,
): ScoreSummary {
  const { schema, standardisation, featureProfiles } = metadata;
  const drift = new DriftAccumulator(featureProfiles);
  drift.merge(tally.drift);
  let evaluation: FileEvaluation | undefined;
  if (tally.evaluation) {
    const accumulator = new EvaluationAccumulator(schema.classes);
    accumulator.merge(tally.evaluation);
    evaluation = accumulator.result();
  }
  return {
    ...start,
    rows: tally.rows,
    scoredRows: tally.scoredRows,
    badRows: tally.badRows,
    firstBadRows: tally.firstBadRows,
    classCounts: schema.classes.map((label, k) => ({ label, count: tally.classCounts[k] })),
    outsideRangeRows: tally.outsideRangeRows,
    ...(evaluation ? { evaluation } : {}),
    drift: drift.report({ features: schema.features, standardisation }),
    bytes: tally.bytes,
    seconds,
    rowsPerSecond: tally.rows / Math.max(seconds, 1e-6),
    tally,
  };
}

/**
 * One summary for a file scored in two parts side by side: `first` scored the file up to a line break,
 * `second` the header line then the rest (writeHeader: false). Counts add up, drift and evaluation merge
 * (to float rounding), and the second part's row numbers continue from the first's. `seconds` is the wall
 * time of the whole run and `bytes` the file's size (the second part read the header line again).
 */
export function mergeScores(options: {
  readonly first: ScoreSummary;
  readonly second: ScoreSummary;
  readonly metadata: ScoreMetadata;
  readonly seconds: number;
  readonly bytes: number;
}): ScoreSummary {
  const { first, second, metadata, seconds } = options;
  const a = first.tally;
  const b = second.tally;
  // The second part's row 2 is the file row after the first part's last.
  const offset = a.fileRows - 1;
  const drift = new DriftAccumulator(metadata.featureProfiles);
  drift.merge(a.drift);
  drift.merge(b.drift);
  let evaluation: EvaluationState | undefined;
  if (a.evaluation && b.evaluation) {
    const accumulator = new EvaluationAccumulator(metadata.schema.classes);
    accumulator.merge(a.evaluation);
    accumulator.merge(b.evaluation);
    evaluation = accumulator.state();
  }
  const tally: ScoreTally = {
    rows: a.rows + b.rows,
    scoredRows: a.scoredRows + b.scoredRows,
    badRows: a.badRows + b.badRows,
    firstBadRows: [
      ...a.firstBadRows,
      ...b.firstBadRows.map((bad) => ({ ...bad, row: bad.row + offset })),
    ].slice(0, BAD_ROWS_LISTED),
    outsideRangeRows: a.outsideRangeRows + b.outsideRangeRows,
    classCounts: a.classCounts.map((count, k) => count + b.classCounts[k]),
    drift: drift.state(),
    ...(evaluation ? { evaluation } : {}),
    bytes: options.bytes,
    fileRows: b.fileRows + offset,
    plain: a.plain && b.plain,
  };
  const { mapping, delimiter, outputColumns } = first;
  return summarize({ mapping, delimiter, outputColumns }, tally, metadata, seconds);
}

function uniqueName(name: string, taken: Set<string>): string {
  let unique = name;
  for (let n = 2; taken.has(unique); n++) unique = `${name}_${n}`;
  taken.add(unique);
  return unique;
}

interface CountedSource {
  readonly stream: ByteStream;
  readonly totalBytes?: number;
  bytes(): number;
}

/** Wraps the source to count the bytes read, for progress; a Blob's size gives the total. */
function countBytes(source: BlobLike | ByteStream): CountedSource {
  let bytes = 0;
  const inner = 'getReader' in source ? source : source.stream();
  const size = (source as { size?: unknown }).size;
  const stream: ByteStream = {
    getReader(): ByteStreamReader {
      const reader = inner.getReader();
      return {
        async read() {
          const result = await reader.read();
          if (result.value) bytes += result.value.length;
          return result;
        },
        cancel: (reason) => reader.cancel(reason),
      };
    },
  };
  return { stream, bytes: () => bytes, ...(typeof size === 'number' ? { totalBytes: size } : {}) };
}
