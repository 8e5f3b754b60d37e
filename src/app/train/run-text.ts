// What the Train tab's results say about a run, in words (plain functions, tested on their own).
import type { PetalMetadata } from '../../core/bundle/bundle-format';

/**
 * What became of a kept run's version since: still the active model, kept while another version is
 * active (chosen on Models or in another tab), or deleted.
 */
export type KeptNow =
  | { readonly kind: 'active' }
  | { readonly kind: 'other'; readonly activeVersion: number | null }
  | { readonly kind: 'deleted' };

/**
 * The kept version's state in the saved models: `versions` are the numbers saved now, `activeVersion`
 * the active one's. Before the list has loaded (no versions) the run's own keep is the latest word.
 */
export function keptNow(version: number, versions: readonly number[], activeVersion: number | null): KeptNow {
  if (versions.length === 0 || activeVersion === version) return { kind: 'active' };
  return versions.includes(version) ? { kind: 'other', activeVersion } : { kind: 'deleted' };
}

/**
 * The message under a kept run: which version, and what it is now, so the words stay true after the
 * version is replaced as the active model or deleted (they are shown again after a reload).
 */
export function savedMessage(version: number, now: KeptNow = { kind: 'active' }): string {
  switch (now.kind) {
    case 'active':
      return `Kept as version ${version} — now the active model in Predict and Batch.`;
    case 'other':
      return now.activeVersion === null
        ? `Kept as version ${version}.`
        : `Kept as version ${version}; Predict and Batch now use version ${now.activeVersion}.`;
    case 'deleted':
      return `Kept as version ${version}, since deleted.`;
  }
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
