// The checks that make a stored forest safe to walk: prediction follows the links of untrusted arrays, so
// every link must lead forward to a node of the same tree and every leaf must be a class distribution.
import { MAX_TREE_DEPTH } from '../classifiers/classifier-spec';
import type { FlatForest } from '../classifiers/random-forest';
import { BundleError } from './bundle-error';

/**
 * The trees must be trees: every node has exactly one parent or is exactly one tree's root, every child
 * comes after its parent (so there is no cycle and every node is reached from a root), depths stay within
 * MAX_TREE_DEPTH, split features and leaf rows are in range, and each leaf is a class distribution.
 */
export function checkForest(forest: FlatForest, features: number, classes: number): void {
  const { feature, threshold, left, right, leaves, roots } = forest;
  const nodes = feature.length;
  const leafCount = leaves.length / classes;
  const parents = new Uint8Array(nodes);
  const depth = new Int32Array(nodes);
  for (const [tree, root] of roots.entries()) {
    if (!(root >= 0 && root < nodes)) throw new BundleError(`Tree ${tree + 1}'s root ${root} is not a node.`);
    if (parents[root]++ > 0) throw new BundleError(`Node ${root} is the root of more than one tree.`);
  }
  for (let node = 0; node < nodes; node++) {
    if (parents[node] !== 1) {
      throw new BundleError(
        parents[node] === 0
          ? `Node ${node} of the forest is not reached from any tree's root.`
          : `Node ${node} of the forest has more than one parent.`,
      );
    }
    if (feature[node] === -1) {
      if (!(left[node] >= 0 && left[node] < leafCount) || right[node] !== -1) {
        throw new BundleError(
          `Leaf node ${node} points at leaf ${left[node]}; there are ${leafCount} leaves.`,
        );
      }
      continue;
    }
    if (!(feature[node] >= 0 && feature[node] < features)) {
      throw new BundleError(
        `Node ${node} splits on input ${feature[node]}; the model has ${features} inputs.`,
      );
    }
    if (!Number.isFinite(threshold[node]))
      throw new BundleError(`Node ${node} has threshold ${threshold[node]}.`);
    for (const child of [left[node], right[node]]) {
      if (!(child > node && child < nodes)) {
        throw new BundleError(
          `Node ${node} links to node ${child}; a child must come after its parent and be one of the ${nodes} nodes.`,
        );
      }
      parents[child]++;
      depth[child] = depth[node] + 1;
      if (depth[child] > MAX_TREE_DEPTH) {
        throw new BundleError(`A tree is deeper than ${MAX_TREE_DEPTH} levels.`);
      }
    }
  }
  for (let leaf = 0; leaf < leafCount; leaf++) {
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const share = leaves[leaf * classes + c];
      if (!(share >= 0 && share <= 1)) {
        throw new BundleError(`Leaf ${leaf} gives class ${c + 1} the share ${share}; shares lie in [0, 1].`);
      }
      sum += share;
    }
    if (Math.abs(sum - 1) > 1e-4)
      throw new BundleError(`Leaf ${leaf}'s class shares add up to ${sum}, not 1.`);
  }
}
