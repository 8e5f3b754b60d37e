import type { PetalMetadata } from '../../../core/bundle/bundle-format';
import { MAX_SAMPLE_ROWS, type TrainingSample } from '../../../core/training-sample';

/**
 * The scatter-plot rows kept beside a bundle (`sample:<id>`), checked against the model as they enter
 * storage: at most MAX_SAMPLE_ROWS rows, one value per feature (a number; JSON's null, from an archive,
 * reads as NaN, a blank), a class index per row. Plain code rather than a schema: every save runs it, the
 * first visit's included, so it stays in the page's first load. Returns a copy; throws an Error saying
 * what is wrong.
 */
export function checkSample(value: unknown, metadata: PetalMetadata): TrainingSample {
  const features = metadata.schema.features.length;
  const classes = metadata.schema.classes.length;
  const { x, y } = (typeof value === 'object' && value !== null ? value : {}) as { x?: unknown; y?: unknown };
  if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length || x.length > MAX_SAMPLE_ROWS) {
    throw new Error(`The kept training sample must be up to ${MAX_SAMPLE_ROWS} rows, each with its class.`);
  }
  const rows = x.map((row: unknown) => {
    if (!Array.isArray(row) || row.length !== features) {
      throw new Error(`The kept training sample does not have ${features} values in each of its rows.`);
    }
    return row.map((cell: unknown) => {
      if (cell === null) return Number.NaN;
      if (typeof cell !== 'number')
        throw new Error('The kept training sample holds a value that is not a number.');
      return cell;
    });
  });
  const labels = y.map((label: unknown) => {
    if (!Number.isInteger(label) || (label as number) < 0 || (label as number) >= classes) {
      throw new Error(`The kept training sample names a class beyond the model's ${classes}.`);
    }
    return label as number;
  });
  return { x: rows, y: labels };
}
