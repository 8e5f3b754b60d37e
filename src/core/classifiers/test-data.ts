// Small datasets shared by the classifier tests (not shipped: imported by *.test.ts only).
import { BUNDLE_FORMAT_VERSION, type ModelBundle } from '../bundle-format';
import type { Dataset } from '../dataset';
import type { BundleDescription } from './classifier-bundle';

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
  const features = data.schema.features.length;
  const classes = data.schema.classes.length;
  return {
    formatVersion: BUNDLE_FORMAT_VERSION,
    featureProfiles: Array.from({ length: features }, () => ({
      min: 0,
      max: 1,
      deciles: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
    })),
    classMeans: Array.from({ length: classes }, () => new Array<number>(features).fill(0)),
    metrics: {
      test: { rows: 1, accuracy: 1, macroF1: 1, logLoss: 0, confusion: [], perClass: [] },
    },
    rows: { train: data.rows, validation: 0, test: 0 },
    dataFingerprint: '0000000000000000',
    createdAt: '2026-11-23T00:00:00.000Z',
    backend: 'cpu',
    tfjsVersion: '4.22.0',
    settings: { seed: 42, testFraction: 0.2 },
  };
}

/** The bundle as it would come back from disk or IndexedDB: model.json through JSON, weights copied. */
export function throughFiles(bundle: ModelBundle): { modelJson: unknown; weights: ArrayBuffer } {
  return { modelJson: JSON.parse(JSON.stringify(bundle.modelJson)), weights: bundle.weights.slice(0) };
}
