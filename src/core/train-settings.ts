// The dense network's training settings and their defaults as plain data, free of TensorFlow.js, so the
// main thread (the Train form, the Compare view) and classifier-spec.ts can read them without loading TF.

export interface NetworkSettings {
  /** Hidden layer widths, input side first. */
  readonly hidden: readonly number[];
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  /** Early stopping: stop after this many epochs without improvement of the monitored loss; 0 turns it off. */
  readonly patience: number;
  /** L2 penalty on the kernels (weight decay), added to the loss as l2 × Σw²; 0 turns it off. */
  readonly l2?: number;
}

/** Everything that decides a training run: the network's settings plus how the rows are held out. */
export interface TrainSettings extends NetworkSettings {
  /** Share of each class held out for the final, honest test metrics. */
  readonly testFraction: number;
  /** Share of the remaining rows held out to draw validation curves (and for early stopping); 0 = none. */
  readonly validationFraction: number;
}

/**
 * Why one layer of 8 by default: on iris it clears the cross-validated accuracy target for every seed we
 * tried at the lowest cost of the shapes we measured (README, "Choosing the default network"); the
 * paper's 64 → 32 has 30 times the parameters, is several times slower per step and scores lower on
 * 150 rows.
 */
export const DEFAULT_HIDDEN: readonly number[] = [8];

/**
 * The defaults clear the accuracy target for every seed we tried in few optimiser steps (README, "Choosing
 * the default network"): one hidden layer of 8, batches of 32, Adam at 0.02 for 60 epochs, a light L2
 * penalty (which lifted the worst seed's cross-validated accuracy from 0.956 to 0.962).
 */
export const DEFAULT_TRAIN_SETTINGS: TrainSettings = {
  hidden: DEFAULT_HIDDEN,
  epochs: 60,
  batchSize: 32,
  learningRate: 0.02,
  l2: 0.003,
  seed: 42,
  patience: 0,
  testFraction: 0.2,
  validationFraction: 0,
};
