// The largest bundles Petal accepts: every name as long as allowed and escaped character by character in
// JSON, every number at full length, as many features and classes as allowed, and (for k-NN) a weights file
// at its limit. The bundle-limits test reads them back; `npm run bench` times loading them.
import type { ModelBundle } from '../core/bundle/bundle-format';
import { BUNDLE_LIMITS } from '../core/bundle/bundle-format';
import { layersModel } from '../core/bundle/layers-topology';
import {
  type BundleDescription,
  describedModel,
  placeholderDescription,
} from '../core/classifiers/classifier';
import {
  DEFAULT_KNN_SETTINGS,
  DEFAULT_LOGISTIC_REGRESSION_SETTINGS,
} from '../core/classifiers/classifier-spec';
import { knnClassifier } from '../core/classifiers/knn';
import type { Schema } from '../core/schema';

/** A unique name of the longest length whose every character JSON escapes as \u0001. */
export function worstName(prefix: string, index: number): string {
  const tail = `${prefix}${index}`;
  return '\u0001'.repeat(BUNDLE_LIMITS.nameLength - tail.length) + tail;
}

function worstSchema(features: number, classes: number): Schema {
  return {
    features: Array.from({ length: features }, (_, i) => worstName('f', i)),
    label: worstName('label', 0),
    classes: Array.from({ length: classes }, (_, i) => worstName('c', i)),
  };
}

/** Statistics with numbers at full length, as real ones are; class means while the limit allows them. */
function worstDescription(schema: Schema): BundleDescription {
  const description = placeholderDescription(schema);
  const withMeans = schema.features.length * schema.classes.length <= BUNDLE_LIMITS.classMeanValues;
  return {
    ...description,
    featureProfiles: description.featureProfiles.map(() => ({
      min: -Math.PI * 1e-300,
      max: Math.PI * 1e300,
      deciles: new Array<number>(9).fill(-Math.PI / 10),
    })),
    ...(withMeans ? {} : { classMeans: undefined }),
  };
}

function worstStandardisation(features: number) {
  return {
    mean: new Array<number>(features).fill(-Math.PI * 1e-300),
    sd: new Array<number>(features).fill(Math.PI * 1e300),
  };
}

/** A logistic regression (one Dense layer) over `features` inputs and `classes` outputs, the longest names. */
export function worstLogisticBundle(features: number, classes: number): ModelBundle {
  const schema = worstSchema(features, classes);
  const metadata = describedModel(worstDescription(schema), {
    kind: 'logistic-regression',
    schema,
    standardisation: worstStandardisation(features),
    settings: DEFAULT_LOGISTIC_REGRESSION_SETTINGS,
  });
  return layersModel({
    name: 'petal_logistic_regression',
    layers: [
      {
        inputs: features,
        units: classes,
        kernel: new Float32Array(features * classes).fill(0.5),
        bias: new Float32Array(classes),
        activation: 'softmax',
      },
    ],
    metadata,
  });
}

/** A k-NN over `features` and `classes` keeping as many training rows as the weights limit allows. */
export function worstKnnBundle(features: number, classes: number): ModelBundle {
  const schema = worstSchema(features, classes);
  // Each row is its features (float32) and its label (int32).
  const rows = Math.floor(BUNDLE_LIMITS.weightsBytes / ((features + 1) * 4));
  const points = new Float32Array(rows * features);
  for (let i = 0; i < points.length; i++) points[i] = Math.sin(i);
  const labels = Int32Array.from({ length: rows }, (_, i) => i % classes);
  const classifier = knnClassifier({
    schema,
    settings: DEFAULT_KNN_SETTINGS,
    standardisation: {
      mean: new Array<number>(features).fill(0),
      sd: new Array<number>(features).fill(1),
    },
    points,
    labels,
  });
  return classifier.toBundle(worstDescription(schema)).bundle;
}
