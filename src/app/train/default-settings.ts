import { DEFAULT_TRAIN_SETTINGS } from '../../core/train-settings';

/**
 * Core's `DEFAULT_TRAIN_SETTINGS`, from the TF-free `train-settings.ts` (`train-model.ts` imports
 * TensorFlow.js, which must never reach the main-thread bundle).
 */
export const DEFAULT_SETTINGS = DEFAULT_TRAIN_SETTINGS;

/**
 * Training from the UI holds out a fifth of the training rows so the validation curves have something to
 * show; the saved model is still scored on the untouched test rows.
 */
export const UI_VALIDATION_FRACTION = 0.2;
