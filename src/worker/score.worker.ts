// The batch-scoring helper: a second worker, without TensorFlow.js, that scores the second half of a large
// file while the engine worker scores the first (score-job.ts), so both cores work. It handles one request
// at a time, in order (a part waits for a warm-up still running); the engine terminates it to cancel.
import type { ScoreProgress } from '../score/score-csv';
import type { SerializedError } from './protocol';
import { type PartArgs, type PartModel, type PartResult, scorePart, warmUpScoring } from './score-part';
import { serializeError } from './serve';

declare const self: DedicatedWorkerGlobalScope;

/** Messages from the engine worker to the helper. */
export type HelperRequest =
  /** Compile the scoring code now (warmUpScoring); nothing is answered. */
  | { readonly type: 'warm-up'; readonly model: PartModel }
  | { readonly type: 'score'; readonly args: PartArgs };

/** Messages from the helper to the engine worker, for a 'score' request. */
export type PartMessage =
  | { readonly type: 'progress'; readonly progress: ScoreProgress }
  | { readonly type: 'done'; readonly result: PartResult }
  | { readonly type: 'error'; readonly error: SerializedError };

const post = (message: PartMessage) => self.postMessage(message);

async function score(args: PartArgs): Promise<void> {
  try {
    const result = await scorePart(args, {
      signal: new AbortController().signal,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'done', result });
  } catch (error) {
    post({ type: 'error', error: serializeError(error) });
  }
}

let queue = Promise.resolve();

self.onmessage = (event: MessageEvent<HelperRequest>) => {
  const request = event.data;
  queue = queue.then(() =>
    request.type === 'score'
      ? score(request.args)
      : // Only an optimisation: a failure here shows again, and is reported, when a part is scored.
        // With a progress callback, as `score` passes (see warmUpScoring).
        warmUpScoring(request.model, { onProgress: () => {} }).catch(() => {}),
  );
};
