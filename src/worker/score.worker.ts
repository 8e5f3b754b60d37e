// The batch-scoring helper: a second worker, without TensorFlow.js, that scores the second half of a large
// file while the engine worker scores the first (score-job.ts), so both cores work. One part at a time;
// the engine terminates it to cancel.
import type { ScoreProgress } from '../score/score-csv';
import type { SerializedError } from './protocol';
import { type PartArgs, type PartResult, scorePart } from './score-part';
import { serializeError } from './serve';

declare const self: DedicatedWorkerGlobalScope;

/** Messages from the helper to the engine worker. */
export type PartMessage =
  | { readonly type: 'progress'; readonly progress: ScoreProgress }
  | { readonly type: 'done'; readonly result: PartResult }
  | { readonly type: 'error'; readonly error: SerializedError };

const post = (message: PartMessage) => self.postMessage(message);

self.onmessage = async (event: MessageEvent<PartArgs>) => {
  try {
    const result = await scorePart(event.data, {
      signal: new AbortController().signal,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'done', result });
  } catch (error) {
    post({ type: 'error', error: serializeError(error) });
  }
};
