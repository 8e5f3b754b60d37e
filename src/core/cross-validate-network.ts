import { type CrossValidationProgress, type CrossValidationResult, crossValidate } from './cross-validate';
import type { Dataset } from './dataset';
import { predictProbabilities } from './predict';
import { DEFAULT_TRAIN_SETTINGS, fitNetwork, holdOutValidation, type TrainSettings } from './train-model';

/**
 * Repeated stratified k-fold cross-validation of the dense network with the given settings: each fold runs
 * the same recipe as `trainModel` (validation hold-out, standardisation fitted on the fold's training rows,
 * seeded training) and is scored on its untouched test rows. Every fold's model is disposed.
 */
export function crossValidateNetwork(options: {
  readonly dataset: Dataset;
  readonly settings?: Partial<TrainSettings>;
  readonly folds?: number;
  readonly repeats?: number;
  readonly signal?: AbortSignal;
  readonly onFold?: (progress: CrossValidationProgress) => void;
}): Promise<CrossValidationResult> {
  const settings: TrainSettings = { ...DEFAULT_TRAIN_SETTINGS, ...options.settings };
  return crossValidate({
    dataset: options.dataset,
    folds: options.folds,
    repeats: options.repeats,
    seed: settings.seed,
    signal: options.signal,
    onFold: options.onFold,
    fit: async ({ train, test, seed, signal }) => {
      const foldSettings = { ...settings, seed };
      const { fit, validation } = holdOutValidation(train, foldSettings);
      const trained = await fitNetwork({ train: fit, validation, settings: foldSettings, signal });
      try {
        return predictProbabilities({
          model: trained.model,
          standardisation: trained.standardisation,
          x: test.x,
        });
      } finally {
        trained.model.dispose();
      }
    },
  });
}
