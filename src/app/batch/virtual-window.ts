/** The rows of a long list to put in the DOM: `start` (inclusive) to `end` (exclusive). */
export interface VirtualWindow {
  readonly start: number;
  readonly end: number;
  /** Height of the rows above the window, in px (a spacer keeps the scroll height right). */
  readonly before: number;
  /** Height of the rows below it, in px. */
  readonly after: number;
}

export interface VirtualWindowOptions {
  /** The scroll container's scrollTop, in px. */
  readonly scrollTop: number;
  /** Every row's height, in px (fixed). */
  readonly rowHeight: number;
  readonly rowCount: number;
  /** Rows rendered at once; more than fit in the viewport, so a fast scroll shows no gap. Default 30. */
  readonly size?: number;
  /** Rows kept above the first visible one. Default 5. */
  readonly overscan?: number;
}

/**
 * Which rows a virtualised table renders for a scroll position: a window of `size` rows starting
 * `overscan` rows above the first visible one, clamped to the list. Only the window is in the DOM, whatever
 * the row count.
 */
export function virtualWindow(options: VirtualWindowOptions): VirtualWindow {
  const { rowHeight, rowCount } = options;
  const size = Math.max(1, Math.floor(options.size ?? 30));
  const overscan = Math.max(0, Math.floor(options.overscan ?? 5));
  const firstVisible = rowHeight > 0 ? Math.floor(Math.max(0, options.scrollTop) / rowHeight) : 0;
  const start = Math.max(0, Math.min(firstVisible - overscan, rowCount - size));
  const end = Math.min(rowCount, start + size);
  return { start, end, before: start * rowHeight, after: (rowCount - end) * rowHeight };
}
