import type { TrainSettings } from '../../core/train-model';

/**
 * A copy of core's `DEFAULT_TRAIN_SETTINGS`: `train-model.ts` imports TensorFlow.js, which must never reach
 * the main-thread bundle, so the form reads its defaults from here. `default-settings.test.ts` asserts the
 * two are equal, so they cannot drift apart.
 */
export const DEFAULT_SETTINGS: TrainSettings = {
  hidden: [8],
  epochs: 60,
  batchSize: 32,
  learningRate: 0.02,
  l2: 0.003,
  seed: 42,
  patience: 0,
  testFraction: 0.2,
  validationFraction: 0,
};

/**
 * Training from the UI holds out a fifth of the training rows so the validation curves have something to
 * show; the saved model is still scored on the untouched test rows.
 */
export const UI_VALIDATION_FRACTION = 0.2;
