import { deriveSeed, seededRandom, shuffleInPlace } from './random';

/**
 * Row indices of one train/test split. Both arrays are sorted ascending (so a subset keeps the CSV's row
 * order; training shuffles per epoch itself), disjoint, and together cover every row.
 */
export interface Split {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/**
 * The row indices of each class, in ascending row order, indexed by class. Classes with no rows (an index
 * below the largest label that never occurs) get an empty list.
 */
function indicesByClass(labels: ArrayLike<number>): number[][] {
  if (labels.length === 0) {
    throw new RangeError('Cannot split an empty label set.');
  }
  const byClass: number[][] = [];
  for (let row = 0; row < labels.length; row++) {
    const label = labels[row];
    if (!Number.isInteger(label) || label < 0) {
      throw new RangeError(
        `Row ${row} has class index ${label}; class indices must be non-negative integers.`,
      );
    }
    while (byClass.length <= label) byClass.push([]);
    byClass[label].push(row);
  }
  return byClass;
}

function sortedInt32(values: readonly number[]): Int32Array {
  return Int32Array.from(values).sort();
}

/**
 * Splits rows into train and test sets with each class's share preserved.
 *
 * Per class, in ascending class order and from one seeded generator, the class's rows are shuffled and the
 * first round(count × testFraction) go to test. A class with at least 2 rows always has at least one test
 * and one train row; a class with a single row puts it in train (a model cannot learn a class it never saw).
 * Each class's test count is therefore within 1 row of count × testFraction.
 *
 * @param options.labels the class index of each row.
 * @param options.testFraction share of each class held out, strictly between 0 and 1; default 0.2.
 * @param options.seed same seed and labels → same split.
 */
export function stratifiedSplit(options: {
  labels: ArrayLike<number>;
  testFraction?: number;
  seed: number;
}): Split {
  const testFraction = options.testFraction ?? 0.2;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`testFraction must be strictly between 0 and 1, got ${testFraction}.`);
  }
  const random = seededRandom(options.seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of indicesByClass(options.labels)) {
    if (rows.length === 0) continue;
    shuffleInPlace(rows, random);
    let testCount = Math.round(rows.length * testFraction);
    if (rows.length >= 2) testCount = Math.min(Math.max(testCount, 1), rows.length - 1);
    else testCount = 0;
    for (let i = 0; i < rows.length; i++) (i < testCount ? test : train).push(rows[i]);
  }
  return { train: sortedInt32(train), test: sortedInt32(test) };
}

function checkFolds(folds: number, byClass: readonly (readonly number[])[]): void {
  if (!Number.isInteger(folds) || folds < 2) {
    throw new RangeError(`folds must be an integer of at least 2, got ${folds}.`);
  }
  let smallest = Number.POSITIVE_INFINITY;
  let smallestClass = -1;
  byClass.forEach((rows, label) => {
    if (rows.length > 0 && rows.length < smallest) {
      smallest = rows.length;
      smallestClass = label;
    }
  });
  if (folds > smallest) {
    throw new RangeError(
      `folds (${folds}) cannot exceed the smallest class size: class ${smallestClass} has ${smallest} rows, ` +
        'so some test folds would miss it.',
    );
  }
}

/**
 * Stratified k-fold cross-validation with shuffling, as scikit-learn's `StratifiedKFold(shuffle=True)`.
 *
 * Each class's rows are shuffled, then all classes (in ascending class order) are dealt round-robin into
 * the folds, continuing where the previous class stopped. So every fold holds each class within 1 row of
 * count / folds, and fold sizes differ by at most 1 row overall.
 *
 * @param options.folds an integer from 2 up to the smallest (non-empty) class size.
 * @returns `folds` splits whose test sets partition the rows; split k trains on all other folds.
 */
export function stratifiedKFold(options: {
  labels: ArrayLike<number>;
  folds: number;
  seed: number;
}): Split[] {
  const { folds } = options;
  const byClass = indicesByClass(options.labels);
  checkFolds(folds, byClass);
  const random = seededRandom(options.seed);
  const foldRows: number[][] = Array.from({ length: folds }, () => []);
  let dealt = 0;
  for (const rows of byClass) {
    shuffleInPlace(rows, random);
    for (const row of rows) {
      foldRows[dealt % folds].push(row);
      dealt++;
    }
  }
  return foldRows.map((test, k) => ({
    test: sortedInt32(test),
    train: sortedInt32(foldRows.filter((_, other) => other !== k).flat()),
  }));
}

/**
 * Repeated stratified k-fold: `repeats` independent runs of {@link stratifiedKFold}, each from its own
 * seed derived from `seed`, so the estimate averages over several partitions rather than one lucky one.
 *
 * @param options.repeats a positive integer.
 * @returns repeats × folds splits, repeat-major: splits [r × folds, (r + 1) × folds) partition the rows.
 */
export function repeatedStratifiedKFold(options: {
  labels: ArrayLike<number>;
  folds: number;
  repeats: number;
  seed: number;
}): Split[] {
  const { labels, folds, repeats, seed } = options;
  if (!Number.isInteger(repeats) || repeats < 1) {
    throw new RangeError(`repeats must be a positive integer, got ${repeats}.`);
  }
  const splits: Split[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    splits.push(...stratifiedKFold({ labels, folds, seed: deriveSeed(seed, repeat) }));
  }
  return splits;
}
