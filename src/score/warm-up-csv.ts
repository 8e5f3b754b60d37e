import type { PetalMetadata } from '../core/bundle/bundle-format';
import { csvCell } from './csv-cell';

/**
 * Rows in the warm-up file. Scoring a few thousand rows is enough for V8 to optimise the per-row code
 * (the record scanner, number parsing, the dense pass, the output writer); more only costs more.
 */
export const WARM_UP_ROWS = 4000;

/**
 * A small CSV shaped like the files a model scores: its features and its label as columns, each feature's
 * values spread over the training range and a little beyond (so the out-of-range branch runs too), the
 * label cycling through the classes. Scoring it once before a real file (see `prepareScoring` in the
 * worker) gets the JavaScript engine to compile the scoring code while the user is still choosing the file,
 * instead of in the middle of the run. Deterministic; nothing in it comes from user data.
 */
export function warmUpCsv(
  metadata: Pick<PetalMetadata, 'schema' | 'pipeline' | 'featureProfiles'>,
  rows: number = WARM_UP_ROWS,
): string {
  const { features, label, classes } = metadata.schema;
  const { steps } = metadata.pipeline;
  const lines = [[...features, label].map((name) => csvCell(name, ',')).join(',')];
  const labels = classes.map((name) => csvCell(name, ','));
  const values = steps.map((step) =>
    step.kind === 'category' ? step.values.map((v) => csvCell(v, ',')) : [],
  );
  for (let row = 0; row < rows; row++) {
    const cells = metadata.featureProfiles.map((profile, f) => {
      // 0 … 1 in 101 steps, in a different order for each feature; 5% of the range past each end.
      const share = ((row * (7 + 2 * f)) % 101) / 100;
      if (profile.kind === 'category') return values[f][row % Math.max(1, values[f].length)] ?? '';
      const span = profile.max - profile.min;
      const value = profile.min + (share * 1.1 - 0.05) * span;
      // A date column's profile is in ms; written year first, which every date order reads.
      return steps[f].kind === 'date' ? new Date(value).toISOString().slice(0, 10) : value.toFixed(2);
    });
    cells.push(labels[row % labels.length]);
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}
