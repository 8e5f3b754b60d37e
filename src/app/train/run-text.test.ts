import { describe, expect, it } from 'vitest';
import type { PetalMetadata } from '../../core/bundle/bundle-format';
import { epochsText, keptNow, savedMessage } from './run-text';

type Network = Extract<PetalMetadata, { kind: 'dense-network' }>;

function network(epochsRun: number, stopped?: Network['stopped']): Network {
  return {
    kind: 'dense-network',
    epochsRun,
    settings: { epochs: 200 },
    ...(stopped ? { stopped } : {}),
  } as Network;
}

describe('epochsText', () => {
  it('says how the run ended and which epoch the model holds', () => {
    expect(epochsText(network(200))).toBe('All 200 epochs');
    expect(epochsText(network(37, { by: 'early-stopping', keptEpoch: 27 }))).toBe(
      'Stopped early at epoch 37 of 200 (best at 27)',
    );
    expect(epochsText(network(12, { by: 'user', keptEpoch: 12 }))).toBe('Stopped by you at epoch 12 of 200');
    expect(epochsText(network(12, { by: 'user', keptEpoch: 9 }))).toBe(
      'Stopped by you at epoch 12 of 200 (kept epoch 9, the best so far)',
    );
    // A bundle from before stops were recorded, whose run ended early.
    expect(epochsText(network(150))).toBe('150 of 200');
  });
});

describe('savedMessage', () => {
  it('names the version and says it is now the active model', () => {
    expect(savedMessage(3)).toBe('Kept as version 3 — now the active model in Predict and Batch.');
  });

  it('stays true once another version is active or the kept one is deleted', () => {
    expect(savedMessage(3, keptNow(3, [1, 2, 3], 1))).toBe(
      'Kept as version 3; Predict and Batch now use version 1.',
    );
    expect(savedMessage(3, keptNow(3, [1, 2], 2))).toBe('Kept as version 3, since deleted.');
    expect(savedMessage(3, keptNow(3, [1, 2, 3], 3))).toBe(
      'Kept as version 3 — now the active model in Predict and Batch.',
    );
  });

  it('takes the run’s own word before the saved versions have loaded', () => {
    expect(keptNow(3, [], null)).toEqual({ kind: 'active' });
  });
});
