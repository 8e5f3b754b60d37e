import type { Dataset } from '../dataset';
import type { Standardisation } from '../standardise';
import type { ClassifierSpec } from './classifier-spec';

/** A network's figures after one epoch of training. */
export interface EpochProgress {
  /** 1-based. */
  readonly epoch: number;
  readonly epochs: number;
  /** Mean cross-entropy and accuracy over all training rows after this epoch (the L2 penalty not included). */
  readonly loss: number;
  readonly accuracy: number;
  /** Present when validation rows were given. */
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  readonly elapsedMs: number;
}

/** Progress of one fit: `fraction` grows from 0 to 1; a network also reports each epoch's figures. */
export interface FitProgress {
  readonly fraction: number;
  readonly epoch?: EpochProgress;
}

/** What every kind's fit takes. */
export interface FitOptions<S extends ClassifierSpec = ClassifierSpec> {
  readonly spec: S;
  /** Training rows of the pipeline's inputs, unscaled. */
  readonly train: Dataset;
  /**
   * The pipeline's scaling of those inputs, fitted on these rows alone (the 0/1 inputs left as they are):
   * each kind applies it to every row it reads (the forest keeps it but splits on unscaled values).
   */
  readonly scaling: Standardisation;
  /** Rows held out of the fit to watch it (validation curves, early stopping); only the network uses them. */
  readonly validation?: Dataset;
  /**
   * Per class, how much its rows weigh (class-weights.ts: "balanced"), or absent for equal weights: the
   * network and logistic regression weigh each row's loss, the forest draws balanced bootstrap samples; k-NN
   * ignores it (its distance-weighted vote is its own answer to imbalance).
   */
  readonly classWeights?: readonly number[];
  /** Drives every random choice (weight init, shuffles, bootstrap samples); same seed → same model. */
  readonly seed: number;
  readonly signal?: AbortSignal;
  /**
   * Aborting ends the fit now, keeping what was learnt (train-network.ts): only the network, which trains
   * epoch after epoch, honours it; the other kinds fit to the end.
   */
  readonly finish?: AbortSignal;
  readonly onProgress?: (progress: FitProgress) => void;
}

/** How long a fit may run before it lets the host's event loop in (to receive a cancel message). */
const YIELD_EVERY_MS = 25;

/**
 * A checkpoint for long synchronous loops: throws if `signal` was aborted and, every few tens of
 * milliseconds, waits one macrotask so a Web Worker can receive a cancel message.
 */
export function checkpoints(signal: AbortSignal | undefined): () => Promise<void> {
  let last = performance.now();
  return async () => {
    signal?.throwIfAborted();
    if (performance.now() - last > YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      last = performance.now();
      signal?.throwIfAborted();
    }
  };
}

/** Standardises one row into `out` (float64 arithmetic, stored as float32), as k-NN compares rows. */
export function standardiseRow(
  x: Float32Array,
  row: number,
  mean: readonly number[],
  sd: readonly number[],
  out: Float32Array,
): void {
  const features = out.length;
  const offset = row * features;
  for (let f = 0; f < features; f++) out[f] = (x[offset + f] - mean[f]) / sd[f];
}

/** Number of rows in a raw row-major input, or a RangeError naming the expected width. */
export function rowCount(x: Float32Array, features: number): number {
  if (x.length % features !== 0) {
    throw new RangeError(`Expected rows of ${features} features, got ${x.length} values.`);
  }
  return x.length / features;
}
