import { describe, expect, it, vi } from 'vitest';
import type { DamagedVersion, SavedVersion } from '../models/registry/version-info';
import { activateVersion, modelChoices } from './petal-model-picker';

function saved(version: number, name: string, accuracy: number): SavedVersion {
  return {
    id: `id${version}`,
    version,
    name,
    source: 'trained on iris.csv',
    createdAt: '2026-01-02T03:04:05.000Z',
    dataFingerprint: 'f',
    accuracy,
    macroF1: accuracy,
    settings: {} as SavedVersion['settings'],
    schema: { features: ['a'], label: 'y', classes: ['p', 'q'] },
    sizeBytes: 100,
  };
}

const damaged: DamagedVersion = {
  id: 'id2',
  version: 2,
  name: 'From an older Petal',
  source: '',
  damaged: 'x',
};

describe('modelChoices', () => {
  it('lists every version newest first with its name, its test accuracy apart, the active one marked', () => {
    const versions = [saved(1, 'Default iris model', 0.9333), damaged, saved(3, 'iris', 0.96667)];
    expect(modelChoices(versions, 'id1')).toEqual([
      { id: 'id3', text: 'v3 · iris', accuracy: '96.7%', active: false, damaged: false },
      { id: 'id2', text: 'v2 · From an older Petal (damaged)', accuracy: null, active: false, damaged: true },
      { id: 'id1', text: 'v1 · Default iris model', accuracy: '93.3%', active: true, damaged: false },
    ]);
  });

  it('keeps an option short enough for a phone’s select: version and name, no figures', () => {
    // The select shows its option in one line it cannot wrap: at 390 px "… · accuracy 93.3%" was cut.
    const [choice] = modelChoices([saved(1, 'Default iris model', 0.9333)], 'id1');
    expect(choice.text).not.toMatch(/accuracy|%/);
    expect(choice.text.length).toBeLessThanOrEqual(24);
  });

  it('shortens a long name', () => {
    const [choice] = modelChoices([saved(1, 'n'.repeat(200), 1)], null);
    expect(choice.text).toBe(`v1 · ${'n'.repeat(48)}… (200 characters)`);
    expect(choice.accuracy).toBe('100.0%');
    expect(choice.active).toBe(false);
  });
});

describe('activateVersion', () => {
  it('activates through the registry, as "Use" in the Models tab does', async () => {
    const registry = { activate: vi.fn(async () => ({ versions: [], activeId: 'id3' })) };
    expect(await activateVersion(registry, 'id3')).toBeNull();
    expect(registry.activate).toHaveBeenCalledWith('id3');
  });

  it('returns the registry’s message when it refuses', async () => {
    const registry = {
      activate: vi.fn(async () => {
        throw new Error('v2 is damaged and cannot be used.');
      }),
    };
    expect(await activateVersion(registry, 'id2')).toBe('v2 is damaged and cannot be used.');
  });
});
