// What the Train tab's results say about a run, in words (plain functions, tested on their own).
import type { PetalMetadata } from '../../core/bundle/bundle-format';

/** The message shown once a trained model was kept: which version, and that every tab now uses it. */
export function savedMessage(version: number): string {
  return `Kept as version ${version} — now the active model in Predict and Batch.`;
}

/**
 * How a network's run went, in words: "Stopped early at epoch 37 of 200 (best at 27)", "Stopped by you
 * at epoch 12 of 200 (kept epoch 9, the best so far)", "All 60 epochs".
 */
export function epochsText(metadata: Extract<PetalMetadata, { kind: 'dense-network' }>): string {
  const { stopped, epochsRun, settings } = metadata;
  const of = `epoch ${epochsRun} of ${settings.epochs}`;
  if (!stopped)
    return epochsRun === settings.epochs
      ? `All ${settings.epochs} epochs`
      : `${epochsRun} of ${settings.epochs}`;
  if (stopped.by === 'early-stopping') return `Stopped early at ${of} (best at ${stopped.keptEpoch})`;
  if (stopped.keptEpoch === epochsRun) return `Stopped by you at ${of}`;
  return `Stopped by you at ${of} (kept epoch ${stopped.keptEpoch}, the best so far)`;
}
