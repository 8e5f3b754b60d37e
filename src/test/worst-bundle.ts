// The largest bundles Petal accepts: every name and category value as long as allowed and escaped character
// by character in JSON, every number at full length, as many features, classes, category values and
// inputs as allowed, and (for k-NN) a weights file at its limit. The bundle-limits test reads them back;
// `npm run bench` times loading them.
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
import { CATEGORY_LIMIT, type InputStep, inputWidth, modelInputs } from '../core/pipeline/input-steps';
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

const LONG = -Math.PI * 1e-300;

/** Number columns, each with a "was missing" input when `missing`. */
function numberColumns(features: number, missing: boolean): InputStep[] {
  return Array.from({ length: features }, () => ({ kind: 'number', median: LONG, missing }));
}

/**
 * The most of everything at once for BUNDLE_LIMITS.features columns: category columns holding every
 * category value allowed (50 each, with "other"), and date columns with every part and a "was missing"
 * input (the widest step), which together reach the inputs' limit.
 */
function worstSteps(): InputStep[] {
  const categories = BUNDLE_LIMITS.categoryValues / CATEGORY_LIMIT;
  const dates = BUNDLE_LIMITS.features - categories;
  const steps: InputStep[] = [];
  for (let c = 0; c < categories; c++) {
    steps.push({
      kind: 'category',
      values: Array.from({ length: CATEGORY_LIMIT }, (_, v) => worstName(`v${c}_`, v)),
      other: true,
    });
  }
  for (let d = 0; d < dates; d++) {
    steps.push({
      kind: 'date',
      order: 'ymd',
      parts: ['year', 'month', 'dayOfYear', 'dayOfWeek', 'timeOfDay'],
      medians: [LONG, LONG, LONG, LONG, LONG],
      missing: true,
    });
  }
  return steps;
}

/** Statistics with numbers at full length, as real ones are; class examples while the limit allows them. */
function worstDescription(schema: Schema, steps: readonly InputStep[]): BundleDescription {
  const description = placeholderDescription(schema);
  const withExamples = schema.features.length * schema.classes.length <= BUNDLE_LIMITS.classMeanValues;
  const inputs = inputWidth(steps);
  return {
    ...description,
    pipeline: {
      steps,
      scaling: {
        mean: new Array<number>(inputs).fill(LONG),
        sd: new Array<number>(inputs).fill(Math.PI * 1e300),
      },
      scaledIn: 'pipeline',
    },
    featureProfiles: steps.map((step) =>
      step.kind === 'category'
        ? { kind: 'category', shares: new Array<number>(step.values.length + 1).fill(Math.PI / 1e3) }
        : {
            kind: 'numeric',
            min: LONG,
            max: Math.PI * 1e300,
            deciles: new Array<number>(9).fill(-Math.PI / 10),
            mean: LONG,
            sd: Math.PI * 1e300,
            missing: Math.PI / 10,
          },
    ),
    classExamples: withExamples
      ? schema.classes.map(() => steps.map((step) => (step.kind === 'category' ? 0 : LONG)))
      : undefined,
  };
}

/** A logistic regression (one Dense layer) over `features` number columns and `classes` outputs. */
export function worstLogisticBundle(features: number, classes: number): ModelBundle {
  const schema = worstSchema(features, classes);
  const metadata = describedModel(worstDescription(schema, numberColumns(features, false)), {
    kind: 'logistic-regression',
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

/**
 * A k-NN over `steps` and `classes`, keeping `rows` training rows, or as many as the weights limit allows.
 */
function knnBundle(schema: Schema, steps: readonly InputStep[], rows?: number): ModelBundle {
  const inputs = inputWidth(steps);
  // Each row is its inputs (float32) and its label (int32).
  const count = rows ?? Math.floor(BUNDLE_LIMITS.weightsBytes / ((inputs + 1) * 4));
  const points = new Float32Array(count * inputs);
  for (let i = 0; i < points.length; i++) points[i] = Math.sin(i);
  const classes = schema.classes.length;
  const labels = Int32Array.from({ length: count }, (_, i) => i % classes);
  const classifier = knnClassifier({
    schema: { ...schema, features: modelInputs(schema.features, steps).map((input) => input.name) },
    settings: DEFAULT_KNN_SETTINGS,
    standardisation: {
      mean: new Array<number>(inputs).fill(LONG),
      sd: new Array<number>(inputs).fill(Math.PI * 1e300),
    },
    points,
    labels,
  });
  return classifier.toBundle(worstDescription(schema, steps)).bundle;
}

/** A k-NN over `features` number columns and `classes` whose weights file is at its limit. */
export function worstKnnBundle(features: number, classes: number): ModelBundle {
  return knnBundle(worstSchema(features, classes), numberColumns(features, false));
}

/**
 * The longest model.json Petal accepts: every feature, class, category value and input allowed, in a
 * k-NN of a few rows (a network over that many inputs and classes would outgrow the weights limit).
 */
export function worstModelJsonBundle(): ModelBundle {
  return knnBundle(worstSchema(BUNDLE_LIMITS.features, BUNDLE_LIMITS.classes), worstSteps(), 5);
}
