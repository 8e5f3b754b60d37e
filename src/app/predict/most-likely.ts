/** Classes a chart lists one by one; the rest are summed on one line. */
export const CHART_CLASSES = 10;

/**
 * Which classes to list: all of them in class order when there are few; else the CHART_CLASSES most
 * likely (the predicted one among them), most likely first, and the rest summed.
 */
export function mostLikely(
  probabilities: readonly number[],
  predicted: number,
): { shown: number[]; others: { count: number; probability: number } } {
  const all = probabilities.map((_, i) => i);
  if (all.length <= CHART_CLASSES) return { shown: all, others: { count: 0, probability: 0 } };
  const ranked = all.sort((a, b) => probabilities[b] - probabilities[a] || a - b);
  const shown = ranked.slice(0, CHART_CLASSES);
  if (predicted >= 0 && !shown.includes(predicted)) shown[CHART_CLASSES - 1] = predicted;
  const listed = new Set(shown);
  const rest = ranked.filter((i) => !listed.has(i));
  return {
    shown,
    others: { count: rest.length, probability: rest.reduce((sum, i) => sum + probabilities[i], 0) },
  };
}
