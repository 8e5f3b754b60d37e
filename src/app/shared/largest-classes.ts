// Tables of classes stay readable and cheap to render however many classes a model has: beyond a few dozen,
// they show the classes with the most rows (and say so in their caption).

/** Classes a confusion matrix shows: a square table of 1,000 classes is a million cells. */
export const MATRIX_CLASSES = 20;
/** Classes the per-class metrics list. */
export const METRIC_CLASSES = 30;

/** Up to `max` class indices with the most rows (row sums of `confusion`), in class order. */
export function largestClasses(confusion: readonly (readonly number[])[], max: number): number[] {
  const all = confusion.map((_, k) => k);
  if (all.length <= max) return all;
  const rows = confusion.map((row) => row.reduce((sum, count) => sum + count, 0));
  return all
    .sort((a, b) => rows[b] - rows[a] || a - b)
    .slice(0, max)
    .sort((a, b) => a - b);
}

/** Up to `max` entries with the largest `support`, in their original order. */
export function largestBySupport<T extends { readonly support: number }>(
  entries: readonly T[],
  max: number,
): T[] {
  if (entries.length <= max) return [...entries];
  const keep = new Set(
    entries
      .map((entry, k) => ({ support: entry.support, k }))
      .sort((a, b) => b.support - a.support || a.k - b.k)
      .slice(0, max)
      .map(({ k }) => k),
  );
  return entries.filter((_, k) => keep.has(k));
}
