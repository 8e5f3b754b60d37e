// The worker types the Train tab uses, taken from the worker's API so they are never written twice.
import type { PetalApi } from '../../worker/api';

export type { CsvInspection, DataSource, TrainingSample, TrainResult } from '../../worker/api';
export type { SerializedError } from '../../worker/protocol';

/** The arguments of the worker's `train`. */
export type TrainArgs = Parameters<PetalApi['train']>[0];

/** What the bridge's `call` accepts beside the arguments. */
export interface CallOptions<P> {
  readonly onProgress?: (value: P) => void;
  readonly signal?: AbortSignal;
}
