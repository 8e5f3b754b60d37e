// Small datasets shared by the classifier tests (not shipped: imported by *.test.ts only).
import type { ModelBundle } from '../bundle/bundle-format';
import type { Dataset } from '../dataset';
import { fitStandardisation } from '../standardise';
import { type BundleDescription, type Classifier, placeholderDescription } from './classifier';
import { fitClassifier } from './fit-classifier';
import type { FitOptions } from './fit-options';

/**
 * fitClassifier with the scaling a pipeline of number columns would give `train` (each column's mean and
 * sd over its rows), as the tests of a classifier alone need it.
 */
export function fitScaled(options: Omit<FitOptions, 'scaling'>): Promise<Classifier> {
  const { train } = options;
  return fitClassifier({
    ...options,
    scaling: fitStandardisation({ x: train.x, features: train.schema.features.length }),
  });
}

export function dataset(features: string[], classes: string[], rows: number[][], labels: number[]): Dataset {
  return {
    schema: { features, label: 'class', classes },
    rows: rows.length,
    x: Float32Array.from(rows.flat()),
    y: Int32Array.from(labels),
  };
}

/**
 * 60 rows of two features in three well-separated, slightly overlapping clusters, generated without
 * randomness so every test sees the same data.
 */
export function threeClusters(): Dataset {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 60; i++) {
    const label = i % 3;
    const jitterA = ((i * 37) % 17) / 8 - 1;
    const jitterB = ((i * 53) % 19) / 9 - 1;
    rows.push([3 * label + jitterA, (label === 1 ? 2 : 0) + jitterB]);
    labels.push(label);
  }
  return dataset(['a', 'b'], ['red', 'green', 'blue'], rows, labels);
}

/** The metadata a caller adds when bundling (everything except kind, schema, standardisation, settings). */
export function description(data: Dataset): BundleDescription {
  return { ...placeholderDescription(data.schema), rows: { train: data.rows, validation: 0, test: 0 } };
}

/** The bundle as it would come back from disk or IndexedDB: model.json through JSON, weights copied. */
export function throughFiles(bundle: ModelBundle): { modelJson: unknown; weights: ArrayBuffer } {
  return { modelJson: JSON.parse(JSON.stringify(bundle.modelJson)), weights: bundle.weights.slice(0) };
}
