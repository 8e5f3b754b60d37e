import { shorten } from '../../core/short-text';
import { PREVIEW_LIMITS, type PreviewTable } from '../../csv/preview-table';
import { addedColumnCount } from '../../score/output-layout';
import type { ScoreSummary } from '../../score/score-csv';
import { formatPercent } from '../shared/format-number';

/** The preview's columns and rows in the order the page shows them. */
export interface ShownPreview {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * The preview of a scored file with the columns Petal added moved to the front: the predicted class, the
 * probabilities, the range flag and the error, then the file's own columns. A phone then shows what was
 * predicted without scrolling sideways past every input column. Probabilities read as percentages with
 * one decimal (0.973118 → "97.3%"), as on the Predict tab; the downloaded file keeps the file's column
 * order, then the added columns, with every digit.
 *
 * The scored file's added columns come last (`outputLayout`: predicted, one probability per class, range
 * flag, error), and a preview keeps them last, with the first of the probabilities when there are many
 * (`previewedColumns`): the added part starts at the predicted column, found by its name.
 */
export function predictionsFirst(
  preview: PreviewTable,
  summary: Pick<ScoreSummary, 'outputColumns' | 'classCounts'>,
): ShownPreview {
  const { outputColumns, classCounts } = summary;
  const predicted = outputColumns[outputColumns.length - addedColumnCount(classCounts.length)];
  // From the end: the columns after it are named probability_…, outside_training_range and error.
  const at =
    predicted === undefined ? -1 : preview.header.lastIndexOf(shorten(predicted, PREVIEW_LIMITS.chars));
  if (at < 0) return preview;
  // The probabilities: after the predicted class, before the range flag and the error.
  const probabilities = { from: 1, to: preview.header.length - at - 2 };
  const front = <T>(cells: readonly T[]) => [...cells.slice(at), ...cells.slice(0, at)];
  return {
    header: front(preview.header),
    rows: preview.rows.map((row) =>
      front(row).map((cell, column) =>
        column >= probabilities.from && column < probabilities.to ? probability(cell) : cell,
      ),
    ),
  };
}

/** "0.973118" → "97.3%"; an empty cell (a row not scored) stays empty. */
function probability(cell: string): string {
  const value = cell === '' ? Number.NaN : Number(cell);
  return Number.isFinite(value) ? formatPercent(value) : cell;
}
