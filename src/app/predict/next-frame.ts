/**
 * Resolves in the next animation frame, before that frame is painted: work done then is seen in the same
 * frame as work done at once, but any number of changes in between cost one update.
 */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
