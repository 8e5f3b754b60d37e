/** Runs up to this many epochs keep their whole length on the axis while they train. */
const WHOLE_RUN_UP_TO = 100;

/**
 * Where a live run's epoch axis ends. A short run shows its planned length, so the curves fill it as it
 * goes; a long one (5,000 epochs, say, most of which early stopping will never reach) would squash the
 * first hundreds into a sliver at the left, so its axis ends a step past the epochs done, on a round
 * number (100, 200, 500, 1,000…), and grows in steps, never past the plan. The progress bar beside the
 * charts says how far through the plan the run is.
 */
export function liveAxisEnd(epochsDone: number, planned: number): number {
  if (planned <= WHOLE_RUN_UP_TO) return planned;
  return Math.min(planned, roundUp(Math.max(WHOLE_RUN_UP_TO, epochsDone * 1.5)));
}

/** The least of 1, 2 or 5 × 10^k that is at least `value` (value ≥ 1). */
function roundUp(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}
