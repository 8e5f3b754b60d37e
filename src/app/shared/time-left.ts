import type { EpochProgress } from '../../core/classifiers/fit-options';

/**
 * Milliseconds the rest of a run should take, from the mean time per epoch so far (epochs cost about the
 * same, so the mean is steadier than the last epoch's time). `null` before the first epoch is known.
 */
export function estimateTimeLeftMs(
  progress: Pick<EpochProgress, 'epoch' | 'epochs' | 'elapsedMs'> | undefined,
): number | null {
  if (!progress || progress.epoch < 1) return null;
  const perEpoch = progress.elapsedMs / progress.epoch;
  return Math.max(0, perEpoch * (progress.epochs - progress.epoch));
}

/** "about 3 s left", "about 2 min left"; rounds up to whole seconds so it never promises too little. */
export function formatTimeLeft(ms: number | null): string {
  if (ms === null) return 'estimating time left';
  if (ms <= 0) return 'finishing';
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `about ${seconds} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

/** A duration for people: "850 ms", "3.2 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** The progress bar's text, e.g. "Epoch 12 of 40 · about 1 s left". */
export function progressText(epoch: number, epochs: number, timeLeftMs: number | null): string {
  return `Epoch ${epoch} of ${epochs} · ${formatTimeLeft(timeLeftMs)}`;
}
