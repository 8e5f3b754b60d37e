// A part of a file to score, run in the engine worker or in the scoring helper worker (score.worker.ts),
// which has no TensorFlow.js: everything here predicts in plain JavaScript.
import type { ModelBundle, PetalMetadata } from '../core/bundle-format';
import { plainPredictor } from '../score/plain-predictor';
import { type Predictor, type ScoreProgress, type ScoreSummary, scoreCsv } from '../score/score-csv';

/** What the helper worker is given: a Blob (structured-cloned, not copied), the model and where it starts. */
export interface PartArgs {
  readonly file: Blob;
  readonly bundle: ModelBundle;
  readonly metadata: PetalMetadata;
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
  /** Gets ready for a run that may come soon (e.g. starts the helper worker while the user looks at a file). */
  warm?(): void;
}

/**
 * Output bytes per Blob part. Each part becomes a Blob at once, so the JS heap holds at most this much
 * output (the rest lives in the browser's blob storage).
 */
const PART_BYTES = 4 * 1024 * 1024;

/** Gathers scoreCsv's output chunks into Blob parts of about PART_BYTES. */
export class OutputBlobs {
  private readonly parts: Blob[] = [];
  private pending: Uint8Array<ArrayBuffer>[] = [];
  private pendingBytes = 0;

  add(chunk: Uint8Array): void {
    this.pending.push(chunk as Uint8Array<ArrayBuffer>);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= PART_BYTES) this.flush();
  }

  blob(): Blob {
    this.flush();
    return new Blob(this.parts, { type: 'text/csv' });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.parts.push(new Blob(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/** Scores one part: `predict` defaults to the plain-JavaScript predictor of `args.bundle`. */
export async function scorePart(
  args: PartArgs,
  options: {
    readonly signal: AbortSignal;
    readonly onProgress?: (progress: ScoreProgress) => void;
    readonly onOutput?: (chunk: Uint8Array) => void;
    readonly predict?: Predictor;
  },
): Promise<PartResult> {
  const output = new OutputBlobs();
  const summary = await scoreCsv({
    source: args.file,
    metadata: args.metadata,
    predict: options.predict ?? plainPredictor(args.bundle),
    signal: options.signal,
    writeHeader: args.writeHeader,
    onProgress: options.onProgress,
    onOutput: (chunk) => {
      options.onOutput?.(chunk);
      output.add(chunk);
    },
  });
  return { summary, output: output.blob() };
}
