// A scoring run's summary from its counts, and one summary for a file scored in two parts.
import { DriftAccumulator } from './drift';
import { EvaluationAccumulator, type EvaluationState, type FileEvaluation } from './evaluation';
import type { ScoreCsvOptions, ScoreProgress, ScoreStart, ScoreSummary, ScoreTally } from './score-types';

type ScoreMetadata = ScoreCsvOptions['metadata'];

/** Bad rows a summary lists, of a run and of two parts merged. */
export const BAD_ROWS_LISTED = 20;

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

export function summarize(
  start: ScoreStart,
  tally: ScoreTally,
  metadata: ScoreMetadata,
  seconds: number,
): ScoreSummary {
  const { schema, pipeline, featureProfiles } = metadata;
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
    drift: drift.report({ features: schema.features, steps: pipeline.steps }),
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
  const { mapping, delimiter, decimal, outputColumns } = first;
  return summarize({ mapping, delimiter, decimal, outputColumns }, tally, metadata, seconds);
}
