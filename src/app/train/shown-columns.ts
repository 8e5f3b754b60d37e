// A file can have a thousand columns; a table row each, with a menu of uses, would make the Train tab slow
// to render and to scroll. The Columns table shows the first ones, and the label wherever it is: the user
// must always see (and be able to change) what the model learns to predict.

/** Rows the Columns table renders at most (the label's row may be one more). */
export const SHOWN_COLUMNS = 60;

/** The columns whose rows are rendered, in file order: the first `max`, and `label` (a column index, -1 for none). */
export function shownColumns(columns: number, label: number, max = SHOWN_COLUMNS): number[] {
  const shown = Array.from({ length: Math.min(columns, max) }, (_, column) => column);
  if (label >= max && label < columns) shown.push(label);
  return shown;
}
