import { type ClassMetrics, LOG_LOSS_EPSILON, type Metrics } from '../core/evaluate';

/** How the model did on a scored file that has the label column. */
export interface FileEvaluation {
  /** Metrics over the rows whose label is one of the model's classes; undefined when there is none. */
  readonly metrics?: Metrics;
  /** Scored rows whose label is not one of the model's classes (or is empty): left out of the metrics. */
  readonly unknownLabelRows: number;
  /** The most frequent of those labels with their counts, most frequent first (at most 20). */
  readonly unknownLabels: readonly { readonly label: string; readonly count: number }[];
}

/** Distinct unknown labels remembered: a file whose label column is free text must not grow a huge map. */
const MAX_DISTINCT_UNKNOWN = 1000;
const UNKNOWN_LISTED = 20;

/** What an EvaluationAccumulator has summed, as plain data (structured-cloneable), for `merge`. */
export interface EvaluationState {
  readonly confusion: Float64Array;
  readonly lossSum: number;
  readonly rows: number;
  readonly unknownRows: number;
  readonly unknown: readonly (readonly [label: string, count: number])[];
}

/**
 * Accumulates true labels against predicted probabilities, one row at a time, into the same `Metrics` as
 * core's `evaluate` (same definitions: argmax with the first of equal maxima, zero-division 0, macro F1
 * over the classes present, log loss clipped at 1e-15) while holding only the confusion matrix and a sum.
 */
export class EvaluationAccumulator {
  private readonly classIndex: Map<string, number>;
  private readonly confusion: Float64Array;
  private lossSum = 0;
  private rows = 0;
  private unknownRows = 0;
  private readonly unknown = new Map<string, number>();

  constructor(private readonly classes: readonly string[]) {
    this.classIndex = new Map(classes.map((label, index) => [label, index]));
    this.confusion = new Float64Array(classes.length * classes.length);
  }

  /**
   * Adds one row: `label` is the file's cell (trimmed here); `probabilities[offset … offset + classes)` its
   * predicted probabilities; `predicted` the argmax of those.
   */
  add(label: string, probabilities: Float32Array, offset: number, predicted: number): void {
    let actual = this.classIndex.get(label);
    if (actual === undefined) {
      const trimmed = label.trim();
      actual = this.classIndex.get(trimmed);
      if (actual === undefined) {
        this.unknownRows++;
        const count = this.unknown.get(trimmed);
        if (count !== undefined) this.unknown.set(trimmed, count + 1);
        else if (this.unknown.size < MAX_DISTINCT_UNKNOWN) this.unknown.set(trimmed, 1);
        return;
      }
    }
    this.addClass(actual, probabilities, offset, predicted);
  }

  /** Adds one row whose label is known to be class `actual` (the model's class index). */
  addClass(actual: number, probabilities: Float32Array, offset: number, predicted: number): void {
    this.rows++;
    this.confusion[actual * this.classes.length + predicted]++;
    this.lossSum -= Math.log(Math.max(probabilities[offset + actual], LOG_LOSS_EPSILON));
  }

  state(): EvaluationState {
    const { confusion, lossSum, rows, unknownRows } = this;
    return { confusion, lossSum, rows, unknownRows, unknown: [...this.unknown] };
  }

  /** Adds another accumulator's rows (same classes), as if they had been added here. */
  merge(other: EvaluationState): void {
    for (let i = 0; i < this.confusion.length; i++) this.confusion[i] += other.confusion[i];
    this.lossSum += other.lossSum;
    this.rows += other.rows;
    this.unknownRows += other.unknownRows;
    for (const [label, count] of other.unknown) {
      const known = this.unknown.get(label);
      if (known !== undefined) this.unknown.set(label, known + count);
      else if (this.unknown.size < MAX_DISTINCT_UNKNOWN) this.unknown.set(label, count);
    }
  }

  result(): FileEvaluation {
    const unknownLabels = [...this.unknown]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1))
      .slice(0, UNKNOWN_LISTED);
    return {
      ...(this.rows > 0 ? { metrics: this.metrics() } : {}),
      unknownLabelRows: this.unknownRows,
      unknownLabels,
    };
  }

  private metrics(): Metrics {
    const count = this.classes.length;
    const confusion = Array.from({ length: count }, (_, actual) =>
      Array.from(this.confusion.subarray(actual * count, (actual + 1) * count)),
    );
    let correct = 0;
    const perClass: ClassMetrics[] = [];
    let f1Sum = 0;
    let present = 0;
    for (let k = 0; k < count; k++) {
      correct += confusion[k][k];
      const support = confusion[k].reduce((total, n) => total + n, 0);
      let predicted = 0;
      for (let actual = 0; actual < count; actual++) predicted += confusion[actual][k];
      const precision = ratio(confusion[k][k], predicted);
      const recall = ratio(confusion[k][k], support);
      const f1 = ratio(2 * precision * recall, precision + recall);
      perClass.push({ label: this.classes[k], precision, recall, f1, support, predicted });
      if (support > 0 || predicted > 0) {
        f1Sum += f1;
        present++;
      }
    }
    return {
      rows: this.rows,
      accuracy: correct / this.rows,
      macroF1: f1Sum / present,
      logLoss: this.lossSum / this.rows,
      confusion,
      perClass,
    };
  }
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}
