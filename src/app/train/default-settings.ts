import { EARLY_STOPPING, TRAIN_TAB_SETTINGS } from '../../core/train-settings';

/**
 * The settings the Train tab opens with: core's `TRAIN_TAB_SETTINGS` (the network's defaults with early
 * stopping on), from the TF-free `train-settings.ts` (the trainer imports TensorFlow.js, which must never
 * reach the main-thread bundle).
 */
export const DEFAULT_SETTINGS = TRAIN_TAB_SETTINGS;

/**
 * Training from the UI always holds out a fifth of the training rows (never the test rows), so the
 * validation curves have something to show and early stopping something to watch; the saved model is
 * still scored on the untouched test rows.
 */
export const UI_VALIDATION_FRACTION = EARLY_STOPPING.validationFraction;

/** The patience the form shows for settings with early stopping off, ready for when it is turned on. */
export const UI_PATIENCE = EARLY_STOPPING.patience;
