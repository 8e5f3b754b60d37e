// The engine worker's side of the scoring helper (score.worker.ts): starts it on first use, keeps it for the
// next file, and terminates it to cancel (a new one starts next time).
import type { ScoreProgress } from '../score/score-csv';
import type { HelperRequest, PartMessage } from './score.worker';
import type { PartArgs, PartModel, PartResult, PartRunner } from './score-part';

/**
 * A PartRunner backed by the helper worker, or undefined where a worker cannot start workers (then the
 * engine scores every file itself).
 */
export function helperPartRunner(): PartRunner | undefined {
  if (typeof Worker === 'undefined') return undefined;
  let helper: Worker | undefined;
  const start = () =>
    new Worker(new URL('./score.worker.ts', import.meta.url), { type: 'module', name: 'petal-scoring' });
  const send = (worker: Worker, request: HelperRequest) => worker.postMessage(request);

  const run = (args: PartArgs, onProgress: (progress: ScoreProgress) => void, signal: AbortSignal) =>
    new Promise<PartResult>((resolve, reject) => {
      signal.throwIfAborted();
      const worker = helper ?? start();
      helper = worker;
      const finish = () => {
        signal.removeEventListener('abort', abort);
        worker.onmessage = null;
        worker.onerror = null;
      };
      // Cancelled or broken: this worker goes; the next run starts a fresh one.
      const discard = (reason: unknown) => {
        finish();
        worker.terminate();
        if (helper === worker) helper = undefined;
        reject(reason);
      };
      const abort = () => discard(signal.reason);
      signal.addEventListener('abort', abort, { once: true });
      worker.onmessage = (event: MessageEvent<PartMessage>) => {
        const message = event.data;
        if (message.type === 'progress') {
          onProgress(message.progress);
          return;
        }
        finish();
        if (message.type === 'done') resolve(message.result);
        else reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
      };
      // The script failed to load or threw: the engine falls back to scoring the file itself.
      worker.onerror = (event) => {
        event.preventDefault();
        discard(new Error(`The scoring helper stopped: ${event.message || 'it could not start'}.`));
      };
      send(worker, { type: 'score', args });
    });
  return {
    run,
    warm(model: PartModel) {
      if (helper) return;
      helper = start();
      send(helper, { type: 'warm-up', model });
    },
  };
}
