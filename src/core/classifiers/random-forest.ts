import { arraysModel, FOREST_FORMAT } from '../bundle/arrays-model';
import type { Dataset } from '../dataset';
import { deriveSeed, type Random, randomInt, seededRandom } from '../random';
import type { Schema } from '../schema';
import type { Standardisation } from '../standardise';
import { TrainingError } from '../training-error';
import { type Classifier, describedModel } from './classifier';
import type { RandomForestSettings } from './classifier-spec';
import { checkpoints, type FitOptions, rowCount } from './fit-options';

/**
 * A forest flattened into typed arrays, which is both what the bundle stores and what prediction walks.
 * Nodes of all trees share one index space; each tree's nodes are in depth-first order, so a child's index
 * is always greater than its parent's (which makes cycles impossible and checking a bundle simple).
 *
 * - internal node i: feature[i] ≥ 0; a row goes to left[i] when x[feature[i]] ≤ threshold[i], else right[i].
 * - leaf i: feature[i] = −1, left[i] is its row in `leaves`, right[i] = −1, threshold[i] = 0.
 */
export interface FlatForest {
  /** Per node, shape [nodes]. */
  readonly feature: Int32Array;
  readonly threshold: Float32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Class distribution of each leaf (its training rows' class shares), shape [leaves, classes]. */
  readonly leaves: Float32Array;
  /** Root node of each tree, shape [trees]. */
  readonly roots: Int32Array;
}

export interface RandomForestModel {
  readonly schema: Schema;
  readonly settings: RandomForestSettings;
  /** Not used by the trees (splits are on raw values); kept because every bundle describes its inputs. */
  readonly standardisation: Standardisation;
  readonly forest: FlatForest;
}

/**
 * Fits a random forest as scikit-learn's RandomForestClassifier does: each tree on a bootstrap sample of
 * the rows (its own seeded stream, so trees do not depend on one another), grown with Gini impurity until
 * its leaves are pure, trying a fresh random subset of features at each split; prediction averages the
 * trees' leaf class distributions. Splits are on raw values (trees do not care about scale).
 */
export async function fitRandomForest(
  options: FitOptions<{ kind: 'random-forest'; settings: RandomForestSettings }>,
): Promise<Classifier> {
  const { spec, train, seed, signal, onProgress, classWeights } = options;
  signal?.throwIfAborted();
  if (train.rows === 0) throw new TrainingError('There are no training rows.');
  const builder = new ForestBuilder(train, spec.settings, classWeights !== undefined);
  const checkpoint = checkpoints(signal);
  for (let tree = 0; tree < spec.settings.trees; tree++) {
    builder.growTree(seededRandom(deriveSeed(seed, tree)));
    onProgress?.({ fraction: (tree + 1) / spec.settings.trees });
    await checkpoint();
  }
  return randomForestClassifier({
    schema: train.schema,
    settings: spec.settings,
    standardisation: options.scaling,
    forest: builder.finish(),
  });
}

/** Grows trees into growable arrays; `finish` packs them into a FlatForest. */
class ForestBuilder {
  private readonly feature: number[] = [];
  private readonly threshold: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  private readonly leaves: number[] = [];
  private readonly roots: number[] = [];
  private readonly features: number;
  private readonly classes: number;
  private readonly tryFeatures: number;
  /** Bootstrap count of each training row in the current tree. */
  private readonly weight: Int32Array;
  /** The current tree's distinct rows; each node owns a contiguous segment. */
  private rows = new Int32Array(0);
  private readonly scratch: Int32Array;
  private readonly featureOrder: Int32Array;
  private readonly counts: Float64Array;
  private readonly leftCounts: Float64Array;

  constructor(
    private readonly train: Dataset,
    private readonly settings: RandomForestSettings,
    /** Bootstrap samples draw every class equally often (a class first, then one of its rows). */
    private readonly balanced = false,
  ) {
    this.features = train.schema.features.length;
    this.classes = train.schema.classes.length;
    this.tryFeatures =
      settings.featuresPerSplit === 'sqrt'
        ? Math.max(1, Math.floor(Math.sqrt(this.features)))
        : this.features;
    this.weight = new Int32Array(train.rows);
    this.scratch = new Int32Array(train.rows);
    this.featureOrder = Int32Array.from({ length: this.features }, (_, f) => f);
    this.counts = new Float64Array(this.classes);
    this.leftCounts = new Float64Array(this.classes);
  }

  growTree(random: Random): void {
    const n = this.train.rows;
    this.weight.fill(this.settings.bootstrap ? 0 : 1);
    if (this.settings.bootstrap && this.balanced) this.drawBalanced(random);
    else if (this.settings.bootstrap) for (let i = 0; i < n; i++) this.weight[randomInt(random, n)]++;
    const inBag: number[] = [];
    for (let row = 0; row < n; row++) if (this.weight[row] > 0) inBag.push(row);
    this.rows = Int32Array.from(inBag);
    this.roots.push(this.grow(0, this.rows.length, 0, random));
  }

  /** The rows of each class, for balanced bootstrap samples; built on first use. */
  private byClass: Int32Array[] | undefined;

  /** A bootstrap sample of n rows, each drawn from a class picked uniformly among those with rows. */
  private drawBalanced(random: Random): void {
    const { y, rows: n } = this.train;
    if (!this.byClass) {
      const lists: number[][] = Array.from({ length: this.classes }, () => []);
      for (let row = 0; row < n; row++) lists[y[row]].push(row);
      this.byClass = lists.filter((list) => list.length > 0).map((list) => Int32Array.from(list));
    }
    const byClass = this.byClass;
    for (let i = 0; i < n; i++) {
      const rows = byClass[randomInt(random, byClass.length)];
      this.weight[rows[randomInt(random, rows.length)]]++;
    }
  }

  /** Grows the node holding rows[start, end) and its subtree; returns the node's index. */
  private grow(start: number, end: number, depth: number, random: Random): number {
    const { classes, counts } = this;
    const node = this.feature.length;
    this.feature.push(-1);
    this.threshold.push(0);
    this.left.push(-1);
    this.right.push(-1);
    counts.fill(0);
    for (let i = start; i < end; i++) counts[this.train.y[this.rows[i]]] += this.weight[this.rows[i]];
    let total = 0;
    let present = 0;
    for (let c = 0; c < classes; c++) {
      total += counts[c];
      if (counts[c] > 0) present++;
    }
    const split =
      depth < this.settings.maxDepth && present > 1 ? this.bestSplit(start, end, random) : undefined;
    if (!split) {
      this.left[node] = this.leaves.length / classes;
      for (let c = 0; c < classes; c++) this.leaves.push(counts[c] / total);
      return node;
    }
    // Stable partition: rows with x ≤ threshold first, both halves in their previous order.
    const { x } = this.train;
    let low = start;
    let high = 0;
    for (let i = start; i < end; i++) {
      const row = this.rows[i];
      if (x[row * this.features + split.feature] <= split.threshold) this.rows[low++] = row;
      else this.scratch[high++] = row;
    }
    this.rows.set(this.scratch.subarray(0, high), low);
    this.feature[node] = split.feature;
    this.threshold[node] = split.threshold;
    this.left[node] = this.grow(start, low, depth + 1, random);
    this.right[node] = this.grow(low, end, depth + 1, random);
    return node;
  }

  /**
   * The split of rows[start, end) that most reduces weighted Gini impurity, among a random subset of
   * features (as scikit-learn, features that are constant in the node do not count towards the subset).
   * Minimising the children's weighted impurity is maximising Σ_c L_c² / L + Σ_c R_c² / R, where L_c and
   * R_c are the children's (bootstrap-weighted) class counts. Ties keep the first split found.
   */
  private bestSplit(
    start: number,
    end: number,
    random: Random,
  ): { feature: number; threshold: number } | undefined {
    const { features, classes, counts, leftCounts, featureOrder, weight } = this;
    const { x, y } = this.train;
    const order = this.scratch.subarray(start, end);
    let best: { feature: number; threshold: number; score: number } | undefined;
    let tried = 0;
    let totalSquares = 0;
    let total = 0;
    for (let c = 0; c < classes; c++) {
      totalSquares += counts[c] * counts[c];
      total += counts[c];
    }
    // Visit features in a random order until enough non-constant ones have been tried (partial shuffle).
    for (let i = 0; i < features && tried < this.tryFeatures; i++) {
      const j = i + randomInt(random, features - i);
      const feature = featureOrder[j];
      featureOrder[j] = featureOrder[i];
      featureOrder[i] = feature;
      order.set(this.rows.subarray(start, end));
      order.sort((a, b) => x[a * features + feature] - x[b * features + feature] || a - b);
      const first = x[order[0] * features + feature];
      const last = x[order[order.length - 1] * features + feature];
      if (first === last) continue;
      tried++;
      leftCounts.fill(0);
      let leftTotal = 0;
      let leftSquares = 0;
      let rightSquares = totalSquares;
      for (let k = 0; k < order.length - 1; k++) {
        const row = order[k];
        const w = weight[row];
        const c = y[row];
        const before = leftCounts[c];
        const rightBefore = counts[c] - before;
        leftCounts[c] = before + w;
        leftSquares += (before + w) * (before + w) - before * before;
        rightSquares += (rightBefore - w) * (rightBefore - w) - rightBefore * rightBefore;
        leftTotal += w;
        const value = x[row * features + feature];
        const nextValue = x[order[k + 1] * features + feature];
        if (value === nextValue) continue;
        const score = leftSquares / leftTotal + rightSquares / (total - leftTotal);
        if (!best || score > best.score) best = { feature, threshold: threshold(value, nextValue), score };
      }
    }
    return best;
  }

  finish(): FlatForest {
    return {
      feature: Int32Array.from(this.feature),
      threshold: Float32Array.from(this.threshold),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      leaves: Float32Array.from(this.leaves),
      roots: Int32Array.from(this.roots),
    };
  }
}

/**
 * A float32 threshold t with lower ≤ t < upper (both float32 values, lower < upper): their midpoint,
 * unless rounding it to float32 reaches `upper`, when `lower` itself (as scikit-learn does).
 */
function threshold(lower: number, upper: number): number {
  const middle = Math.fround((lower + upper) / 2);
  return middle >= upper ? lower : middle;
}

/** Wraps a model (fitted, or read from a bundle) in the common interface. */
export function randomForestClassifier(model: RandomForestModel): Classifier {
  const { forest, schema } = model;
  const classes = schema.classes.length;
  return {
    kind: 'random-forest',
    schema,
    predictProbabilities: (x) => predictForest(forest, schema, x),
    toBundle: (description) => {
      // The bundle's scaling is the one this model applies.
      const pipeline = { ...description.pipeline, scaling: model.standardisation };
      const metadata = describedModel({ ...description, pipeline }, { kind: 'random-forest', ...model });
      const bundle = arraysModel({
        format: FOREST_FORMAT,
        arrays: [
          { name: 'forest/feature', shape: [forest.feature.length], data: forest.feature },
          { name: 'forest/threshold', shape: [forest.threshold.length], data: forest.threshold },
          { name: 'forest/left', shape: [forest.left.length], data: forest.left },
          { name: 'forest/right', shape: [forest.right.length], data: forest.right },
          { name: 'forest/leaves', shape: [forest.leaves.length / classes, classes], data: forest.leaves },
          { name: 'forest/roots', shape: [forest.roots.length], data: forest.roots },
        ],
        metadata,
      });
      return { bundle, metadata };
    },
  };
}

/**
 * Probabilities, shape [rows, classes]: the mean over trees of the class distribution of the leaf each
 * raw row reaches. Sums run in float64 in tree order, so results are reproducible.
 */
export function predictForest(forest: FlatForest, schema: Schema, x: Float32Array): Float32Array {
  const { feature, threshold: thresholds, left, right, leaves, roots } = forest;
  const features = schema.features.length;
  const classes = schema.classes.length;
  const rows = rowCount(x, features);
  const sums = new Float64Array(classes);
  const out = new Float32Array(rows * classes);
  for (let row = 0; row < rows; row++) {
    const offset = row * features;
    sums.fill(0);
    for (let tree = 0; tree < roots.length; tree++) {
      let node = roots[tree];
      while (feature[node] >= 0) {
        node = x[offset + feature[node]] <= thresholds[node] ? left[node] : right[node];
      }
      const leaf = left[node] * classes;
      for (let c = 0; c < classes; c++) sums[c] += leaves[leaf + c];
    }
    for (let c = 0; c < classes; c++) out[row * classes + c] = sums[c] / roots.length;
  }
  return out;
}
