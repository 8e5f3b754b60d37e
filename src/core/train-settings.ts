// How a training run holds rows out, and the Train tab's settings: plain data, free of TensorFlow.js, so
// the main thread can read the defaults.
import * as v from 'valibot';
import {
  type ClassifierSpec,
  DEFAULT_DENSE_NETWORK_SETTINGS,
  type DenseNetworkSettings,
} from './classifiers/classifier-spec';
import type { DeepReadonly } from './deep-readonly';

/**
 * The run's settings, the same for every kind: they decide which rows are held out and the seed every
 * random choice derives from. A bundle stores them beside its kind's own settings.
 */
export const RUN_SETTINGS = v.object({
  seed: v.optional(
    v.pipe(
      v.number(),
      v.check(
        (value: number) => Number.isSafeInteger(value),
        (issue) => `The seed must be a whole number (got ${String(issue.input)}).`,
      ),
    ),
    42,
  ),
  /** Share of each class held out for the final, honest test metrics. */
  testFraction: v.optional(
    v.pipe(
      v.number(),
      v.check(
        (value) => value > 0 && value < 1,
        (issue) => `The test share must be above 0 and below 1 (got ${String(issue.input)}).`,
      ),
    ),
    0.2,
  ),
  /**
   * Share of the remaining rows held out to draw validation curves and for early stopping; 0 = none. Only
   * the dense network uses one; the other kinds fit on every remaining row.
   */
  validationFraction: v.optional(
    v.pipe(
      v.number(),
      v.check(
        (value) => value >= 0 && value < 1,
        (issue) => `The validation share must be from 0 to below 1 (got ${String(issue.input)}).`,
      ),
    ),
    0,
  ),
  /**
   * Weigh each class equally in training (class-weights.ts): class weights for the network and logistic
   * regression, balanced bootstrap samples for the forest; k-NN is unchanged. The Train tab and the CLI
   * turn it on when the largest class has more than 3× the rows of the smallest.
   */
  balanceClasses: v.optional(v.boolean(), false),
});

export type RunSettings = DeepReadonly<v.InferOutput<typeof RUN_SETTINGS>>;

/** The defaults (which a bundle from before these settings were stored is read with). */
export const DEFAULT_RUN_SETTINGS: RunSettings = v.parse(RUN_SETTINGS, {});

/**
 * Early stopping as the Train tab starts it (on; the user can turn it off): a fifth of the training rows —
 * never the test rows — held out as validation rows, and the run stops once their loss has not fallen for
 * 10 epochs, keeping its best epoch. Why these: on iris (5 seeds, up to 2,000 epochs) runs stopped after
 * 57–174 epochs with the test accuracy of running every epoch (0.90–1.00 either way), while at the default
 * 60 epochs it seldom fires; a patience of 10 rides out the small ups and downs of a loss measured on a
 * few dozen rows. The CLI and Compare keep the network's defaults (patience 0): `npm run train` rebuilds the
 * default model byte for byte.
 */
export const EARLY_STOPPING = { patience: 10, validationFraction: 0.2 } as const;

/** The Train tab's settings, and what a dense network's bundle stores: the network's and the run's. */
export type TrainSettings = DenseNetworkSettings & RunSettings;

export const DEFAULT_TRAIN_SETTINGS: TrainSettings = {
  ...DEFAULT_DENSE_NETWORK_SETTINGS,
  ...DEFAULT_RUN_SETTINGS,
};

/** The settings the Train tab opens with: the defaults, with early stopping on (EARLY_STOPPING). */
export const TRAIN_TAB_SETTINGS: TrainSettings = { ...DEFAULT_TRAIN_SETTINGS, ...EARLY_STOPPING };

/** The Train tab's settings as what the one training recipe takes: a dense network spec and a run. */
export function networkRun(settings: TrainSettings): { spec: ClassifierSpec; run: RunSettings } {
  const { seed, testFraction, validationFraction, balanceClasses, ...network } = settings;
  return {
    spec: { kind: 'dense-network', settings: network },
    run: { seed, testFraction, validationFraction, balanceClasses },
  };
}
