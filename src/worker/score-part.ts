// A part of a file to score, run in the engine worker or in the scoring helper worker (score.worker.ts),
// which has no TensorFlow.js: everything here predicts in plain JavaScript.
import type { ValidBundle } from '../core/bundle/bundle-format';
import { classifierFromBundle } from '../core/classifiers/classifier-from-bundle';
import { type Predictor, type ScoreProgress, type ScoreSummary, scoreCsv } from '../score/score-csv';
import { warmUpCsv } from '../score/warm-up-csv';

/** The model a part is scored with. */
export interface PartModel {
  readonly bundle: ValidBundle;
}

/** What the helper worker is given: a Blob (structured-cloned, not copied), the model and where it starts. */
export interface PartArgs extends PartModel {
  readonly file: Blob;
  /** false for a later part, whose output follows the first part's (its file still starts with the header). */
  readonly writeHeader: boolean;
}

export interface PartResult {
  readonly summary: ScoreSummary;
  readonly output: Blob;
}

/** Scores parts somewhere else (the helper worker). */
export interface PartRunner {
  /** Rejects with the signal's reason when aborted. */
  run(
    args: PartArgs,
    onProgress: (progress: ScoreProgress) => void,
    signal: AbortSignal,
  ): Promise<PartResult>;
  /**
   * Gets ready for a run that may come soon: starts the helper worker (if it is not running) and has it
   * warm up its scoring code with `model` (warmUpScoring), while the user is still choosing or looking at
   * a file.
   */
  warm?(model: PartModel): void;
}

/**
 * Output bytes per Blob part. Each part becomes a Blob at once, so the JS heap holds at most this much
 * output (the rest lives in the browser's blob storage). Fewer, larger parts cost less: with two workers
 * scoring a 1M-row file in Chromium, 4 MB parts took about 15% longer than 16 MB ones (the browser moves
 * each part out of the worker while both cores are busy), and the blob is readable as soon as it is made.
 * scoreCsv writes each part's bytes into one buffer (`outputChunkBytes`), so a part is a Blob of one piece:
 * a Blob of many small pieces, which the browser moves one by one, was about 8% slower.
 */
const PART_BYTES = 16 * 1024 * 1024;

export interface PartOptions {
  readonly signal: AbortSignal;
  readonly onProgress?: (progress: ScoreProgress) => void;
  /**
   * Sees each output chunk as it is written; the chunk is lent (see scoreCsv's `lendOutput`): copy what you
   * keep.
   */
  readonly onOutput?: (chunk: Uint8Array) => void;
  readonly predict?: Predictor;
  /** Output bytes per Blob part (default PART_BYTES); tests and the warm-up use small parts. */
  readonly partBytes?: number;
  /** Bytes read per step (default scoreCsv's); the warm-up uses small steps. */
  readonly chunkBytes?: number;
  /** Rows per prediction (default scoreCsv's); the warm-up uses small batches. */
  readonly batchRows?: number;
}

/** Scores one part: `predict` defaults to the classifier of `args.bundle` (plain JavaScript). */
export async function scorePart(args: PartArgs, options: PartOptions): Promise<PartResult> {
  const parts: Blob[] = [];
  const summary = await scoreCsv({
    source: args.file,
    metadata: args.bundle.metadata,
    predict: options.predict ?? classifierFromBundle(args.bundle).predictProbabilities,
    signal: options.signal,
    writeHeader: args.writeHeader,
    onProgress: options.onProgress,
    chunkBytes: options.chunkBytes,
    batchRows: options.batchRows,
    outputChunkBytes: options.partBytes ?? PART_BYTES,
    lendOutput: true,
    onOutput: (chunk) => {
      options.onOutput?.(chunk);
      // The Blob takes a copy: the chunk's bytes are written over next.
      parts.push(new Blob([chunk as Uint8Array<ArrayBuffer>]));
    },
  });
  return { summary, output: new Blob(parts, { type: 'text/csv' }) };
}

/**
 * Scores warmUpCsv(model) once and drops the output, so this worker's scoring code is compiled (by V8's
 * first optimising tier; the top tier still compiles during a real run) before a real file comes. Measured
 * with two fresh workers on a 1M-row file in Chromium: compiling took about a fifth of all the CPU time
 * of the run, and a run in workers that had scored before was about 10% faster.
 *
 * It goes through scorePart with the predictor and callbacks the real run will pass. Small steps, batches
 * and output chunks make it go every way a large file goes (a record cut between two pieces, a full output
 * chunk) many times over.
 */
export async function warmUpScoring(
  model: PartModel,
  options: Pick<PartOptions, 'predict' | 'onProgress' | 'onOutput'>,
): Promise<void> {
  const { bundle } = model;
  await scorePart(
    { file: new Blob([warmUpCsv(bundle.metadata)]), bundle, writeHeader: true },
    {
      ...options,
      signal: new AbortController().signal,
      chunkBytes: 16 * 1024,
      partBytes: 64 * 1024,
      batchRows: 20,
    },
  );
}
