import type { ValidBundle } from '../core/bundle/bundle-format';
import { validateBundle } from '../core/bundle/validate-bundle';
import { type ClassifierSpec, defaultSpec } from '../core/classifiers/classifier-spec';
import type { Dataset } from '../core/dataset';
import { numberTable, type TrainingTable } from '../core/pipeline/training-table';
import { trainClassifier } from '../core/train-classifier';
import { blobs } from './blobs';

/**
 * A small model trained with the one recipe for tests that need a real bundle: by default a dense network
 * trained for 3 epochs on 30 blob rows. Checked, as every bundle the app hands around is.
 */
export async function trainedBundle(
  options: { dataset?: Dataset; table?: TrainingTable; spec?: ClassifierSpec; createdAt?: string } = {},
): Promise<ValidBundle> {
  const { bundle } = await trainClassifier({
    table: options.table ?? numberTable(options.dataset ?? blobs({ perClass: 10 })),
    spec: options.spec ?? defaultSpec('dense-network', { epochs: 3 }),
    createdAt: options.createdAt ?? '2026-01-02T03:04:05.000Z',
  });
  return validateBundle(bundle);
}
