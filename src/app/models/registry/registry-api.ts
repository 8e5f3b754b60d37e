// The registry's public option and result types, apart from the class that uses them.

import type { UseStore } from 'idb-keyval';
import type { PetalMetadata } from '../../../core/bundle/bundle-format';
import type { EpochProgress } from '../../../core/classifiers/fit-options';
import type { Metrics } from '../../../core/evaluate';
import type { VersionFigures } from './kept-figures';
import type { StorageLike } from './storage-status';
import type { TrainingSample } from './version-info';

export interface ModelRegistryOptions {
  /** The idb-keyval store; tests pass a fresh database (or one that fails on purpose). */
  readonly store?: UseStore;
  /** BroadcastChannel name for cross-tab notices; `null` turns them off. */
  readonly channelName?: string | null;
  /** Stands in for `navigator.storage`; `null` means "not supported". */
  readonly storage?: StorageLike | null;
  /** Milliseconds since the epoch, for save leases (see leaseKey); tests move it on. */
  readonly now?: () => number;
}

export interface SaveOptions {
  /** Defaults to the source as a sentence ("Trained on iris.csv"). Trimmed, 1–80 characters. */
  readonly name?: string;
  /** Where the model came from, lower case: "trained on iris.csv", "imported x.json". */
  readonly source: string;
  readonly sample?: TrainingSample;
  /** The network's per-epoch log (TrainResult.history), for the version's curves in the Models tab. */
  readonly history?: readonly EpochProgress[];
  /** The test metrics in full (TrainResult.testMetrics): the confusion matrix the bundle leaves out. */
  readonly testMetrics?: Metrics;
}

/** A version's details beyond its list entry, for the Models tab's details and comparison views. */
export interface VersionDetails {
  readonly metadata: PetalMetadata;
  /** What was kept of the training run; an empty object for versions kept without figures. */
  readonly figures: VersionFigures;
  /** Why stored figures could not be shown, when they were kept but no longer check out. */
  readonly figuresProblem?: string;
}
