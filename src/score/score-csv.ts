// Batch scoring: a CSV of any size through a model, streaming, into a scored CSV (scoring-run.ts does the
// rows; score-summary.ts the figures; score-types.ts says what goes in and out).
import type { SimpleRecord } from '../csv/simple-records';
import { type StreamCsvOptions, streamCsv } from '../csv/stream-csv';
import type { BlobLike, ByteStream, ByteStreamReader } from '../csv/web-types';
import type { ScoreCsvOptions, ScoreSummary } from './score-types';
import { type CountedSource, ScoringRun } from './scoring-run';

export { mergeScores, scoreProgress } from './score-summary';
export type {
  BadRow,
  Predictor,
  ScoreCsvOptions,
  ScoreProgress,
  ScoreStart,
  ScoreSummary,
  ScoreTally,
} from './score-types';

/**
 * Scores a CSV file of any size with a model, streaming: the file is parsed a chunk at a time (streamCsv),
 * feature columns are found by name (mapColumns: any order, extra columns kept; a ColumnMappingError
 * before any row is scored if features are missing), rows are predicted in batches of `batchRows`, and
 * the scored CSV is handed to `onOutput` a batch at a time, so memory stays bounded whatever the size.
 *
 * Feature cells are read with the input's decimal separator (guessDecimal: `5,1;3,5` in a semicolon file).
 * Output: the input's columns in input order (cells escaped with csvCell; delimiter = the input's; LF line
 * endings), then `predicted_<label>`, one `probability_<class>` per class (6 significant digits, with '.'),
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
    onHeader: (header, delimiter, decimal) => run.start(header, delimiter, decimal),
    onRows: (rows, firstRow) => run.addRows(rows, firstRow),
    ...(options.fastPath === false ? {} : { onRecord: (record: SimpleRecord) => run.addRecord(record) }),
  };
  const read = await streamCsv(counted.stream, streamOptions);
  return run.finish(read.records, read.plain);
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
