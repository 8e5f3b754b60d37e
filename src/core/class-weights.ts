// Balancing classes: a rare class weighs as much in training as a common one. The weights are
// scikit-learn's "balanced" ones, n / (classes × count): they average 1 over the rows, so a weighted loss is
// on the same scale as the unweighted one and the learning rate and C keep their meaning.

/** When the largest class has more than this many times the rows of the smallest, balancing is the default. */
export const IMBALANCE_RATIO = 3;

/** Rows per class among `rows` of `labels` (all of them when `rows` is absent). */
export function classCounts(labels: Int32Array, classes: number, rows?: ArrayLike<number>): Float64Array {
  const counts = new Float64Array(classes);
  if (rows) for (let i = 0; i < rows.length; i++) counts[labels[rows[i]]]++;
  else for (const label of labels) counts[label]++;
  return counts;
}

/** True when the largest class has more than IMBALANCE_RATIO times the rows of the smallest. */
export function isImbalanced(counts: ArrayLike<number>): boolean {
  let smallest = Number.POSITIVE_INFINITY;
  let largest = 0;
  for (let k = 0; k < counts.length; k++) {
    smallest = Math.min(smallest, counts[k]);
    largest = Math.max(largest, counts[k]);
  }
  return largest > IMBALANCE_RATIO * smallest;
}

/** Per class, n / (classes × count); a class without rows gets 0 (it has no rows to weigh). */
export function balancedWeights(counts: ArrayLike<number>): number[] {
  let n = 0;
  for (let k = 0; k < counts.length; k++) n += counts[k];
  return Array.from(counts, (count) => (count > 0 ? n / (counts.length * count) : 0));
}
