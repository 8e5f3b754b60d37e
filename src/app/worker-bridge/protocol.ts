// The bridge's view of the worker protocol. Message shapes come from the worker realm; the method, argument,
// result and progress types are derived from the worker's `api` (type-only imports: TensorFlow.js never
// reaches the main thread's bundle).
import type { CallContext, PetalApi } from '../../worker/api';

export type { AlgorithmScore, CompareProgress, CompareResult } from '../../core/compare-classifiers';
export type {
  BackendInfo,
  CsvInspection,
  DataSource,
  PetalApi,
  TrainArgs,
  TrainingSample,
  TrainResult,
} from '../../worker/api';
export type { CompareJobArgs } from '../../worker/compare-job';
export type {
  CallRequest,
  CancelRequest,
  ErrorReply,
  FinishRequest,
  HeartbeatReply,
  ProgressReply,
  ResultReply,
  SerializedError,
  WorkerReply,
  WorkerRequest,
} from '../../worker/protocol';
export type { ScoreFileInspection, ScoreResult } from '../../worker/score-job';
export type { CallOptions } from './worker-bridge';

/** Methods callers may use; `start` is the bridge's own business (lazy start). */
export type Method = Exclude<keyof PetalApi, 'start'>;
export type ArgsOf<M extends keyof PetalApi> = Parameters<PetalApi[M]>[0];
export type ResultOf<M extends keyof PetalApi> = Awaited<ReturnType<PetalApi[M]>>;
/** The progress values a method reports (`never` for methods that report none). */
export type ProgressOf<M extends keyof PetalApi> =
  Parameters<PetalApi[M]> extends [unknown, CallContext<infer P>] ? P : never;

/**
 * The MODEL lane keeps a model swap and the predictions around it in order; the JOB lane runs the long
 * jobs beside it. Each lane runs one call at a time, in the order they were made.
 */
export type Lane = 'model' | 'job';

export const LANE_OF: Readonly<Record<Method, Lane>> = {
  useModel: 'model',
  predict: 'model',
  // Returns at once (the warm-up runs on in the worker), so it holds up no prediction.
  prepareScoring: 'model',
  inspectCsv: 'job',
  train: 'job',
  sampleData: 'job',
  score: 'job',
  inspectScoreFile: 'job',
  crossValidate: 'job',
};
