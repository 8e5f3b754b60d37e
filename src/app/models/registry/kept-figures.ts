// What a version keeps beside its bundle for the Models tab's details view: the training curves and the
// full test metrics (`figures:<id>`). A bundle leaves them out on purpose (a confusion matrix grows with
// classes², curves with epochs), so they live in the registry, and in an exported archive beside
// model.json. They come from a trained model or an imported file, so they are checked where they enter
// storage, against the bundle they belong to (the scatter-plot rows likewise: check-sample.ts).
import * as v from 'valibot';
import type { PetalMetadata } from '../../../core/bundle/bundle-format';
import type { EpochProgress } from '../../../core/classifiers/fit-options';
import type { Metrics } from '../../../core/evaluate';
import { shorten } from '../../../core/short-text';

/** The scatter-plot rows' check, with the figures' (one import for code that reads both). */
export { checkSample } from './check-sample';

/** The figures of a training run kept beside its bundle; each part is absent when it was not kept. */
export interface VersionFigures {
  /** The network's per-epoch log, oldest first (TrainResult.history); empty or absent for other kinds. */
  readonly history?: readonly EpochProgress[];
  /** The test rows' metrics in full, with the confusion matrix the bundle leaves out (TrainResult.testMetrics). */
  readonly testMetrics?: Metrics;
}

/** The most epochs a network trains for (DENSE_NETWORK_SETTINGS): a longer log cannot be a real one. */
export const MAX_HISTORY_EPOCHS = 10_000;

/**
 * A measured figure. JSON writes NaN and ±Infinity as null (a diverged run's loss), so an archive's null
 * reads back as NaN rather than refusing the file; charts skip such points.
 */
const figure = v.pipe(
  v.union([v.number(), v.nan(), v.null()]),
  v.transform((value) => value ?? Number.NaN),
);
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const share = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

const EPOCH = v.object({
  epoch: v.pipe(count, v.minValue(1)),
  epochs: v.pipe(count, v.minValue(1)),
  loss: figure,
  accuracy: figure,
  valLoss: v.optional(figure),
  valAccuracy: v.optional(figure),
  elapsedMs: figure,
});

const METRICS = v.object({
  rows: count,
  accuracy: share,
  macroF1: share,
  logLoss: figure,
  confusion: v.array(v.array(count)),
  perClass: v.array(
    v.object({
      label: v.pipe(v.string(), v.maxLength(1000)),
      precision: share,
      recall: share,
      f1: share,
      support: count,
    }),
  ),
});

const FIGURES = v.object({
  history: v.optional(v.pipe(v.array(EPOCH), v.maxLength(MAX_HISTORY_EPOCHS))),
  testMetrics: v.optional(METRICS),
});

/**
 * The figures, checked against the model they belong to: one confusion row and column and one per-class
 * entry per class. Throws an Error whose message names the field at fault.
 */
export function checkFigures(value: unknown, metadata: PetalMetadata): VersionFigures {
  const figures = parsed(FIGURES, value, 'the kept figures');
  const classes = metadata.schema.classes.length;
  const metrics = figures.testMetrics;
  if (metrics) {
    if (metrics.confusion.length !== classes || metrics.confusion.some((row) => row.length !== classes)) {
      throw new Error(
        `The kept confusion matrix is not ${classes} × ${classes}, one row and column per class of the model.`,
      );
    }
    if (metrics.perClass.length !== classes) {
      throw new Error(
        `The kept per-class metrics have ${metrics.perClass.length} entries; the model has ${classes} classes.`,
      );
    }
  }
  return {
    ...(figures.history ? { history: figures.history } : {}),
    ...(metrics ? { testMetrics: withPredictedCounts(metrics) } : {}),
  };
}

/**
 * Each class's count of rows predicted as it, from the confusion matrix's columns (whatever a record
 * said): a display tells an undefined precision (nothing predicted as the class) from a real 0 by it.
 */
function withPredictedCounts(metrics: v.InferOutput<typeof METRICS>): Metrics {
  const { confusion } = metrics;
  const perClass = metrics.perClass.map((entry, k) => {
    let predicted = 0;
    for (const row of confusion) predicted += row[k];
    return { ...entry, predicted };
  });
  return { ...metrics, perClass };
}

function parsed<T extends v.GenericSchema>(schema: T, value: unknown, what: string): v.InferOutput<T> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = v.getDotPath(issue);
  throw new Error(`In ${what}, ${path ?? 'the record'}: ${shorten(issue.message, 160)}`);
}
