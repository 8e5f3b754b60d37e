import type { ValidBundle } from '../bundle/bundle-format';
import { modelInputs } from '../pipeline/input-steps';
import type { Standardisation } from '../standardise';
import type { Classifier } from './classifier';
import { denseNetworkClassifier } from './dense-network';
import { knnClassifier } from './knn';
import { logisticRegressionClassifier } from './logistic-regression';
import { randomForestClassifier } from './random-forest';

function identity(inputs: number): Standardisation {
  return { mean: new Array<number>(inputs).fill(0), sd: new Array<number>(inputs).fill(1) };
}

/**
 * The classifier a checked bundle holds, ready to predict from the pipeline's unscaled inputs: plain
 * JavaScript for every kind.
 */
export function classifierFromBundle(valid: ValidBundle): Classifier {
  const { metadata, arrays } = valid;
  const { pipeline } = metadata;
  const inputs = modelInputs(metadata.schema.features, pipeline.steps).map((input) => input.name);
  const schema = { ...metadata.schema, features: inputs };
  // A network whose scaling is folded into its first layer takes the inputs as they are.
  const standardisation = pipeline.scaledIn === 'model' ? identity(inputs.length) : pipeline.scaling;
  const kind = metadata.kind;
  if (arrays.kind !== kind) throw new TypeError(`A ${kind} bundle holds ${arrays.kind} arrays.`);
  switch (metadata.kind) {
    case 'dense-network': {
      const { hidden, epochs, batchSize, learningRate, patience, l2, seed } = metadata.settings;
      return denseNetworkClassifier({
        schema,
        standardisation,
        settings: { hidden, epochs, batchSize, learningRate, patience, l2 },
        seed,
        layers: (arrays as Extract<typeof arrays, { layers: unknown }>).layers,
        epochsRun: metadata.epochsRun,
        ...(metadata.stopped ? { stopped: metadata.stopped } : {}),
      });
    }
    case 'logistic-regression': {
      const { c, maxIterations } = metadata.settings;
      return logisticRegressionClassifier({
        schema,
        standardisation,
        settings: { c, maxIterations },
        layer: (arrays as Extract<typeof arrays, { layers: unknown }>).layers[0],
      });
    }
    case 'knn': {
      const { k, weighting } = metadata.settings;
      const { points, labels } = arrays as Extract<typeof arrays, { kind: 'knn' }>;
      return knnClassifier({ schema, standardisation, settings: { k, weighting }, points, labels });
    }
    case 'random-forest': {
      const { trees, maxDepth, featuresPerSplit, bootstrap } = metadata.settings;
      const { forest } = arrays as Extract<typeof arrays, { kind: 'random-forest' }>;
      return randomForestClassifier({
        schema,
        standardisation,
        settings: { trees, maxDepth, featuresPerSplit, bootstrap },
        forest,
      });
    }
  }
}
