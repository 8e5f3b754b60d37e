import { arraysModel, KNN_FORMAT } from '../bundle/arrays-model';
import type { Schema } from '../schema';
import { type Standardisation, standardise } from '../standardise';
import { TrainingError } from '../training-error';
import { type Classifier, describedModel } from './classifier';
import type { KnnSettings } from './classifier-spec';
import { type FitOptions, rowCount, standardiseRow } from './fit-options';

/** The fitted state of k-NN: the standardised training rows themselves. */
export interface KnnModel {
  readonly schema: Schema;
  readonly settings: KnnSettings;
  readonly standardisation: Standardisation;
  /** Standardised training rows, row-major, shape [rows, features]. */
  readonly points: Float32Array;
  /** Class index of each training row, shape [rows]. */
  readonly labels: Int32Array;
}

/** "Fits" k-NN: scales the training rows with the pipeline's scaling and keeps them. */
export async function fitKnn(
  options: FitOptions<{ kind: 'knn'; settings: KnnSettings }>,
): Promise<Classifier> {
  const { spec, train, signal, onProgress } = options;
  signal?.throwIfAborted();
  const { k } = spec.settings;
  if (k > train.rows) {
    throw new TrainingError(`k-NN with k = ${k} needs at least ${k} training rows; there are ${train.rows}.`);
  }
  const standardisation = options.scaling;
  const model: KnnModel = {
    schema: train.schema,
    settings: spec.settings,
    standardisation,
    points: standardise(train.x, standardisation),
    labels: Int32Array.from(train.y),
  };
  onProgress?.({ fraction: 1 });
  return knnClassifier(model);
}

/** Wraps a k-NN model (fitted, or read from a bundle) in the common interface. */
export function knnClassifier(model: KnnModel): Classifier {
  return {
    kind: 'knn',
    schema: model.schema,
    predictProbabilities: (x) => predictKnn(model, x),
    toBundle: (description) => {
      // The bundle's scaling is the one this model applies.
      const pipeline = { ...description.pipeline, scaling: model.standardisation };
      const metadata = describedModel({ ...description, pipeline }, { kind: 'knn', ...model });
      const bundle = arraysModel({
        format: KNN_FORMAT,
        arrays: [
          {
            name: 'knn/points',
            shape: [model.labels.length, model.schema.features.length],
            data: model.points,
          },
          { name: 'knn/labels', shape: [model.labels.length], data: model.labels },
        ],
        metadata,
      });
      return { bundle, metadata };
    },
  };
}

/**
 * Class probabilities, shape [rows, classes]: the (weighted) votes of each row's k nearest training rows
 * divided by their total. Nearest is by squared Euclidean distance on standardised features; among equal
 * distances the earlier training row wins, so the result never depends on sort stability.
 *
 * Each query scans every training row once and keeps the k best in a small sorted buffer (insertion, so
 * O(rows × k) at worst and usually O(rows)); the buffers are reused across queries.
 */
export function predictKnn(model: KnnModel, x: Float32Array): Float32Array {
  const { points, labels, standardisation, settings } = model;
  const features = model.schema.features.length;
  const classes = model.schema.classes.length;
  const rows = rowCount(x, features);
  const n = labels.length;
  const k = Math.min(settings.k, n);
  const query = new Float32Array(features);
  const nearestDistance = new Float64Array(k);
  const nearestRow = new Int32Array(k);
  const votes = new Float64Array(classes);
  const out = new Float32Array(rows * classes);

  for (let row = 0; row < rows; row++) {
    standardiseRow(x, row, standardisation.mean, standardisation.sd, query);
    let found = 0;
    for (let point = 0; point < n; point++) {
      let distance = 0;
      const offset = point * features;
      for (let f = 0; f < features; f++) {
        const d = points[offset + f] - query[f];
        distance += d * d;
      }
      // Strict `<`: a later row at the same distance as the current k-th never displaces it.
      if (found === k && !(distance < nearestDistance[k - 1])) continue;
      let slot = found < k ? found++ : k - 1;
      while (slot > 0 && nearestDistance[slot - 1] > distance) {
        nearestDistance[slot] = nearestDistance[slot - 1];
        nearestRow[slot] = nearestRow[slot - 1];
        slot--;
      }
      nearestDistance[slot] = distance;
      nearestRow[slot] = point;
    }
    votes.fill(0);
    // With distance weighting an exact match (distance 0) would get infinite weight: as scikit-learn does,
    // exact matches then share the vote and every other neighbour gets none.
    const exact = settings.weighting === 'distance' && nearestDistance[0] === 0;
    let total = 0;
    for (let i = 0; i < k; i++) {
      const weight =
        settings.weighting === 'uniform'
          ? 1
          : exact
            ? nearestDistance[i] === 0
              ? 1
              : 0
            : 1 / Math.sqrt(nearestDistance[i]);
      votes[labels[nearestRow[i]]] += weight;
      total += weight;
    }
    for (let c = 0; c < classes; c++) out[row * classes + c] = votes[c] / total;
  }
  return out;
}
