// The few rows of a file a page shows. A file can have 20,000 columns or a cell of megabytes; a preview that
// copied them would be a wall of text and could stall the page, so it keeps a bounded number of columns and
// characters and says how many columns there are.
import { shorten } from '../core/short-text';

/** Columns a preview keeps, and characters of a name or cell. */
export const PREVIEW_LIMITS = { columns: 30, chars: 80 } as const;

export interface PreviewTable {
  /** The names of the columns kept, shortened. */
  readonly header: string[];
  /** The rows, cut to the columns kept (ragged rows stay ragged), cells shortened. */
  readonly rows: string[][];
  /** Columns in the file: more than `header.length` when some were left out. */
  readonly columns: number;
}

/**
 * `header` and `rows` cut for display: the columns at `keep` (by default the first PREVIEW_LIMITS.columns),
 * each name and cell shortened.
 */
export function previewTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  keep: readonly number[] = firstColumns(header.length),
): PreviewTable {
  const cell = (text: string | undefined) => shorten(text ?? '', PREVIEW_LIMITS.chars);
  return {
    header: keep.map((at) => cell(header[at])),
    rows: rows.map((row) => keep.filter((at) => at < row.length).map((at) => cell(row[at]))),
    columns: header.length,
  };
}

/** The indexes 0 … min(count, PREVIEW_LIMITS.columns) − 1. */
export function firstColumns(count: number): number[] {
  return Array.from({ length: Math.min(count, PREVIEW_LIMITS.columns) }, (_, at) => at);
}
