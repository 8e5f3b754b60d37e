// One scoring run: rows come in from streamCsv (as cells, or as a plain record's bytes), are predicted a batch
// at a time, and go out as the scored CSV's bytes. This is the hot path of batch scoring: see DEVELOPERS.md
// ("Facts that cost time") before changing the shape of its loops.
import { type Decimal, decimalByte, parseSimpleNumber } from '../csv/parse-number';
import { Cell, RowEncoder } from '../csv/row-encoder';
import { asciiText, recordCells, type SimpleRecord } from '../csv/simple-records';
import type { ByteStream } from '../csv/web-types';
import { ByteWriter } from './byte-writer';
import { csvCell, isNumberCell } from './csv-cell';
import { DriftAccumulator } from './drift';
import { EvaluationAccumulator } from './evaluation';
import { type ColumnMapping, mapColumns } from './map-columns';
import { describeBadRow, EMPTY_LAYOUT, type OutputLayout, outputLayout } from './output-layout';
import { BAD_ROWS_LISTED, scoreProgress, summarize } from './score-summary';
import type { BadRow, ScoreCsvOptions, ScoreProgress, ScoreSummary, ScoreTally } from './score-types';

const DEFAULT_BATCH_ROWS = 1000;
const NOT_COMPUTED = "the model's output for this row is not a number";
const NEWLINE = '\n';

/** The source being read, with a count of the bytes read so far (for progress). */
export interface CountedSource {
  readonly stream: ByteStream;
  readonly totalBytes?: number;
  bytes(): number;
}

/**
 * The rows waiting for their predictions. A row is kept one of two ways: as the input's bytes (a plain
 * record whose cells all go to the output as they are: `cells[i]` undefined), or as cells (anything else:
 * written cell by cell through csvCell).
 */
interface Batch {
  /** The model's inputs for the good rows, compacted: shape [batchRows, inputs]. */
  readonly x: Float32Array;
  /**
   * What drift compares for the good rows, shape [batchRows, features]: a number or date feature's value
   * (NaN when blank), a category feature's slot (see RowEncoder.values).
   */
  readonly values: Float64Array;
  /** Per row: its index among the batch's good rows, or −1 for a bad row. */
  readonly slot: Int32Array;
  /** Per row: 1 when a feature is outside the training range or a category value was never seen. */
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
const SPACE = 32;
const PLUS = 43;
const MINUS = 45;
const EQUALS = 61;
const AT = 64;

export class ScoringRun {
  private readonly features: number;
  /** The model's inputs per row (the pipeline's width). */
  private readonly inputs: number;
  private readonly classes: number;
  private readonly batchRows: number;
  private readonly drift: DriftAccumulator;
  private readonly classCounts: Float64Array;
  private readonly started = performance.now();
  private readonly progressInterval: number;
  private lastProgress = this.started;

  private mapping: ColumnMapping | undefined;
  /** Reads cells into the model's inputs, with the file's decimal separator. */
  private encoder: RowEncoder;
  /** The file's decimal separator, and as the byte parseSimpleNumber takes. */
  private decimal: Decimal = '.';
  private point = decimalByte('.');
  private width = 0;
  private featureColumns = new Int32Array(0);
  private labelColumn = -1;
  private evaluation: EvaluationAccumulator | undefined;
  /** The output's pieces for this file's header and delimiter, made once when the header is read. */
  private layout: OutputLayout = EMPTY_LAYOUT;
  private readonly writer: ByteWriter;
  private readonly outputChunkBytes: number;

  /** The rows read since the last prediction; predicted and written when full, then reused. */
  private readonly current: Batch;
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
    this.encoder = new RowEncoder(options.metadata);
    this.inputs = this.encoder.width;
    this.classes = schema.classes.length;
    this.batchRows = Math.max(1, Math.floor(options.batchRows ?? DEFAULT_BATCH_ROWS));
    this.progressInterval = options.progressIntervalMs ?? 100;
    this.outputChunkBytes = Math.max(0, options.outputChunkBytes ?? 0);
    // Room for a chunk and the batch that fills it, so the buffer does not have to grow.
    this.writer = new ByteWriter(this.outputChunkBytes > 0 ? this.outputChunkBytes + (1 << 20) : undefined);
    this.drift = new DriftAccumulator(featureProfiles);
    this.classCounts = new Float64Array(this.classes);
    this.current = this.newBatch();
  }

  private newBatch(): Batch {
    return {
      x: new Float32Array(this.batchRows * this.inputs),
      values: new Float64Array(this.batchRows * this.features),
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

  start(header: string[], delimiter: string, decimal: Decimal): void {
    const { schema } = this.options.metadata;
    const mapping = mapColumns(header, schema);
    this.mapping = mapping;
    this.encoder = new RowEncoder(this.options.metadata, decimal);
    this.decimal = decimal;
    this.point = decimalByte(decimal);
    this.width = header.length;
    this.featureColumns = Int32Array.from(mapping.features, (feature) => feature.column);
    if (mapping.label) {
      this.labelColumn = mapping.label.column;
      this.evaluation = new EvaluationAccumulator(schema.classes);
    }
    const numberColumns = this.featureColumns.filter((_, f) => this.encoder.isNumber(f));
    this.layout = outputLayout(header, delimiter, schema.label, schema.classes, numberColumns);
    this.options.onStart?.({ mapping, delimiter, decimal, outputColumns: this.layout.columns });
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
    const encoder = this.encoder;
    const batch = this.current;
    const index = batch.count++;
    batch.cells[index] = cells;
    let bad = cells.length !== this.width;
    let outside = 0;
    if (!bad) {
      const x = batch.x;
      const good = batch.good;
      const values = batch.values;
      for (let f = 0; f < features; f++) {
        const read = encoder.encode(f, cells[columns[f]], x, good);
        if (read === Cell.Bad) {
          bad = true;
          break;
        }
        if (read === Cell.Outside || read === Cell.Unseen) outside = 1;
        values[good * features + f] = encoder.values[f];
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
   * Adds a plain record (streamCsv's byte path) without making strings for its numbers and categories:
   * number features are read from the bytes, category values matched by their bytes (dates and anything
   * unusual from their ASCII text), and the row is kept as bytes when every
   * cell can go to the output as it is. A row that needs more — a bad or unusual value, the wrong number
   * of cells, a text cell csvCell would escape — is turned into cells and added the usual way, so both ways
   * write the same output.
   */
  addRecord(record: SimpleRecord): Promise<void> | undefined {
    const { bytes, start, ends, fields } = record;
    if (fields !== this.width) return this.addCells(recordCells(record), record.row);
    const features = this.features;
    const columns = this.featureColumns;
    const encoder = this.encoder;
    const point = this.point;
    const batch = this.current;
    const x = batch.x;
    const good = batch.good;
    const values = batch.values;
    let outside = 0;
    for (let f = 0; f < features; f++) {
      const column = columns[f];
      const from = column === 0 ? start : ends[column - 1] + 1;
      let read: Cell;
      if (encoder.isNumber(f)) {
        const value = parseSimpleNumber(bytes, from, ends[column], point);
        // NaN: not a plain number (a blank, a marker such as NA, an exponent…): read as text.
        read = Number.isNaN(value)
          ? encoder.encode(f, asciiText(bytes, from, ends[column]), x, good)
          : encoder.encodeNumber(f, value, x, good);
      } else {
        // A category's usual cell is one of its values exactly, found by its bytes; the rest as text.
        const found = encoder.isCategory(f)
          ? encoder.encodeCategoryBytes(f, bytes, from, ends[column], x, good)
          : -1;
        read = found !== -1 ? found : encoder.encode(f, asciiText(bytes, from, ends[column]), x, good);
      }
      if (read === Cell.Bad) return this.addCells(recordCells(record), record.row);
      if (read === Cell.Outside || read === Cell.Unseen) outside = 1;
      values[good * features + f] = encoder.values[f];
    }
    // A cell that starts like a formula (after any spaces) is written as it is only when it is a number
    // (csvCell's rule); number feature cells were just read as numbers. A plain record is ASCII: its only
    // blank is the space.
    const others = this.layout.otherColumns;
    for (let c = 0; c < others.length; c++) {
      const column = others[c];
      const from = column === 0 ? start : ends[column - 1] + 1;
      let at = from;
      while (at < ends[column] && bytes[at] === SPACE) at++;
      const first = bytes[at];
      if (
        (first === EQUALS || first === PLUS || first === MINUS || first === AT || first === TAB) &&
        from < ends[column] &&
        !isNumberCell(asciiText(bytes, from, ends[column]))
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
    const classes = this.layout.classBytes;
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
    const { message, columns } = describeBadRow(
      cells,
      this.width,
      this.featureColumns,
      this.mapping!.header,
      this.encoder,
    );
    this.badRows++;
    if (this.firstBadRows.length < BAD_ROWS_LISTED) this.firstBadRows.push({ row, message, columns });
    return message;
  }

  /** Predicts the current batch and writes it. */
  private async submit(): Promise<void> {
    const batch = this.current;
    const input = batch.x.subarray(0, batch.good * this.inputs);
    this.drift.add(batch.values, batch.good);
    const result = batch.good > 0 ? this.options.predict(input) : new Float32Array(0);
    await this.write(batch, result);
  }

  private async write(batch: Batch, probabilities: Float32Array): Promise<void> {
    const { signal } = this.options;
    if (signal?.aborted) throw signal.reason;
    const classes = this.classes;
    if (!(probabilities instanceof Float32Array) || probabilities.length !== batch.good * classes) {
      throw new RangeError(
        `The predictor returned ${probabilities?.length} values for ${batch.good} rows of ${classes} classes.`,
      );
    }
    const layout = this.layout;
    const d = layout.delimiter;
    const width = this.width;
    const writer = this.writer;
    const predictedCells = layout.predictedCells;
    const counts = this.classCounts;
    const evaluation = this.evaluation;
    const labelColumn = this.labelColumn;
    const delimiterByte = d.charCodeAt(0);
    // Rows kept as cells are joined into text, written when a row kept as bytes (or the batch end) comes.
    let text = this.rows === 0 && this.options.writeHeader !== false ? layout.headerLine : '';
    let unscorable = 0;
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
        text += layout.emptyPredictions + csvCell(batch.errors[i], d) + NEWLINE;
        continue;
      }
      if (text !== '') {
        writer.text(text);
        text = '';
      }
      const offset = slot * classes;
      let best = 0;
      let sum = probabilities[offset];
      for (let k = 1; k < classes; k++) {
        sum += probabilities[offset + k];
        if (probabilities[offset + k] > probabilities[offset + best]) best = k;
      }
      if (Number.isNaN(sum)) {
        // NaN: a model whose weights overflow on this row. Written as a bad row, never as a prediction.
        text += layout.emptyPredictions + csvCell(NOT_COMPUTED, d) + NEWLINE;
        unscorable++;
        continue;
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
        outside ? layout.outOfRange : layout.inRange,
      );
    }
    writer.text(text);
    this.rows += batch.count;
    this.scoredRows += batch.good - unscorable;
    this.badRows += unscorable;
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
    const { delimiter, columns } = this.layout;
    const start = { mapping: this.mapping!, delimiter, decimal: this.decimal, outputColumns: columns };
    return summarize(start, tally, this.options.metadata, (now - this.started) / 1000);
  }
}
