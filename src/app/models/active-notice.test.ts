import { describe, expect, it } from 'vitest';
import { activeChangeText } from './active-notice';
import type { RegistryState, VersionInfo } from './registry/model-registry';

function version(n: number): VersionInfo {
  return { id: `id${n}`, version: n, name: `Model ${n}` } as VersionInfo;
}

const before: RegistryState = { versions: [version(1), version(2)], activeId: 'id1' };

describe('activeChangeText', () => {
  it('names a version kept in this tab (Train’s Keep, Compare’s Save) that became active', () => {
    const after = { versions: [...before.versions, version(3)], activeId: 'id3' };
    expect(activeChangeText(before, after, 'this-tab')).toBe(
      'v3 “Model 3” was saved and is now the active model.',
    );
  });

  it('says when another tab saved or chose the active version', () => {
    const saved = { versions: [...before.versions, version(3)], activeId: 'id3' };
    expect(activeChangeText(before, saved, 'other-tab')).toBe(
      'v3 “Model 3” is now the active model: it was saved in another Petal tab.',
    );
    const chosen = { ...before, activeId: 'id2' };
    expect(activeChangeText(before, chosen, 'other-tab')).toBe(
      'v2 “Model 2” is now the active model: it was chosen in another Petal tab.',
    );
  });

  it('says nothing when the active version stays, or on the first load', () => {
    expect(activeChangeText(before, { ...before, versions: [version(1)] }, 'other-tab')).toBeNull();
    expect(activeChangeText({ versions: [], activeId: null }, before, 'this-tab')).toBeNull();
  });
});
