/** Precision, recall and F1 of one class, treating it as "positive" and every other class as "negative". */
export interface ClassMetrics {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Number of rows whose true class is this one. */
  readonly support: number;
  /**
   * Number of rows predicted as this class. 0 means precision is undefined (reported as 0, as scikit-learn
   * does), which a display tells apart from a real 0 by this count. Not kept in a bundle's metrics.
   */
  readonly predicted: number;
}

/** How well a classifier's probabilities match the true classes of a set of rows. */
export interface Metrics {
  readonly rows: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly logLoss: number;
  /** confusion[trueClass][predictedClass] = count */
  readonly confusion: readonly (readonly number[])[];
  readonly perClass: readonly ClassMetrics[];
}

/** Mean, sample standard deviation and range of a list of scores (e.g. one accuracy per fold). */
export interface Summary {
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Probabilities below this are clipped before taking the log, as scikit-learn's `log_loss` does, so one
 * confidently wrong row costs at most −ln(1e-15) ≈ 34.5 instead of making the whole mean Infinity.
 */
export const LOG_LOSS_EPSILON = 1e-15;

function checkProbabilities(probabilities: Float32Array, classes: number): number {
  if (!Number.isInteger(classes) || classes < 1) {
    throw new RangeError(`classes must be a positive integer, got ${classes}.`);
  }
  if (probabilities.length % classes !== 0) {
    throw new RangeError(
      `probabilities has ${probabilities.length} values, not a whole number of rows of ${classes} classes.`,
    );
  }
  return probabilities.length / classes;
}

/**
 * The predicted class of each row: the index of its largest probability, the lowest index on a tie.
 * @param probabilities row-major, shape [rows, classes].
 * @returns one class index per row.
 */
export function argmaxRows(probabilities: Float32Array, classes: number): Int32Array {
  const rows = checkProbabilities(probabilities, classes);
  const predicted = new Int32Array(rows);
  for (let row = 0; row < rows; row++) {
    const offset = row * classes;
    let best = 0;
    // Strict `>` keeps the first of equal maxima.
    for (let k = 1; k < classes; k++) {
      if (probabilities[offset + k] > probabilities[offset + best]) best = k;
    }
    predicted[row] = best;
  }
  return predicted;
}

/** a / b, or 0 when b is 0: scikit-learn's `zero_division=0` convention for undefined ratios. */
function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/**
 * Scores predicted probabilities against true classes.
 *
 * - Predicted class = {@link argmaxRows}; accuracy = share of rows predicted correctly.
 * - Per class: precision = correct / predicted as the class, recall = correct / support, F1 their harmonic
 *   mean. Each is 0 when undefined: precision with no predictions of the class, recall with no support,
 *   F1 when precision + recall = 0.
 * - macroF1 = unweighted mean of F1 over the classes that occur in the labels or the predictions (as
 *   scikit-learn's `f1_score(average='macro')`), so a class absent from a small test set and never predicted
 *   does not drag the mean down with a meaningless 0.
 * - logLoss = mean over rows of −ln(max(p_trueClass, 1e-15)); probabilities are used as given, not
 *   renormalised.
 *
 * @param options.labels true class index of each row.
 * @param options.probabilities row-major, shape [rows, classes.length].
 * @param options.classes the class labels, for naming per-class results.
 */
export function evaluate(options: {
  labels: ArrayLike<number>;
  probabilities: Float32Array;
  classes: readonly string[];
}): Metrics {
  const { labels, probabilities, classes } = options;
  const classCount = classes.length;
  const rows = checkProbabilities(probabilities, classCount);
  if (rows !== labels.length) {
    throw new RangeError(`probabilities has ${rows} rows but there are ${labels.length} labels.`);
  }
  if (rows === 0) {
    throw new RangeError('Cannot evaluate zero rows.');
  }
  const predicted = argmaxRows(probabilities, classCount);
  const confusion = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  let correct = 0;
  let lossSum = 0;
  for (let row = 0; row < rows; row++) {
    const label = labels[row];
    if (!Number.isInteger(label) || label < 0 || label >= classCount) {
      throw new RangeError(`Row ${row} has class index ${label}, outside 0..${classCount - 1}.`);
    }
    confusion[label][predicted[row]]++;
    if (predicted[row] === label) correct++;
    lossSum -= Math.log(Math.max(probabilities[row * classCount + label], LOG_LOSS_EPSILON));
  }

  const perClass: ClassMetrics[] = [];
  let f1Sum = 0;
  let classesPresent = 0;
  for (let k = 0; k < classCount; k++) {
    const truePositives = confusion[k][k];
    const support = confusion[k].reduce((total, count) => total + count, 0);
    let predictedCount = 0;
    for (let actual = 0; actual < classCount; actual++) predictedCount += confusion[actual][k];
    const precision = ratio(truePositives, predictedCount);
    const recall = ratio(truePositives, support);
    const f1 = ratio(2 * precision * recall, precision + recall);
    perClass.push({ label: classes[k], precision, recall, f1, support, predicted: predictedCount });
    if (support > 0 || predictedCount > 0) {
      f1Sum += f1;
      classesPresent++;
    }
  }

  return {
    rows,
    accuracy: correct / rows,
    macroF1: f1Sum / classesPresent,
    logLoss: lossSum / rows,
    confusion,
    perClass,
  };
}

/**
 * Mean, sample standard deviation (n − 1 denominator; 0 for a single value) and range, e.g. to report
 * cross-validated accuracy as mean ± sd.
 */
export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) {
    throw new RangeError('Cannot summarise an empty list.');
  }
  const mean = values.reduce((total, value) => total + value, 0) / values.length;
  const squares = values.reduce((total, value) => total + (value - mean) ** 2, 0);
  return {
    mean,
    sd: values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}
