import type { ReactiveControllerHost } from 'lit';
import { describe, expect, it, vi } from 'vitest';
import { ModelActions, type VersionActionsPort } from './model-actions';
import type { ExportedFiles, VersionInfo } from './registry/model-registry';
import { RegistryError } from './registry/registry-error';

function version(n: number): VersionInfo {
  return { id: `id${n}`, version: n, name: `Model ${n}` } as VersionInfo;
}

const files: ExportedFiles = {
  modelJsonName: 'petal-v2-model.json',
  modelJson: '{}',
  weightsName: 'petal-v2.weights.bin',
  weights: new ArrayBuffer(8),
};

function setup() {
  const host: ReactiveControllerHost = {
    addController: vi.fn(),
    removeController: vi.fn(),
    requestUpdate: vi.fn(),
    updateComplete: Promise.resolve(true),
  };
  const registry = {
    activate: vi.fn(async () => ({ versions: [], activeId: 'id2' })),
    rename: vi.fn(async (_id: string, name: string) => ({ ...version(2), name: name.trim() })),
    remove: vi.fn(async () => ({ versions: [], activeId: 'id1' })),
    exportFiles: vi.fn(async () => files),
    importFiles: vi.fn(async () => version(3)),
  } as unknown as VersionActionsPort;
  const download = vi.fn();
  const actions = new ModelActions(host, { registry: () => registry, download });
  return { actions, registry, download, host };
}

describe('ModelActions', () => {
  it('activates and says so', async () => {
    const { actions, registry } = setup();
    expect(await actions.activate(version(2))).toBe(true);
    expect(registry.activate).toHaveBeenCalledWith('id2');
    expect(actions.message).toEqual({ kind: 'status', text: 'v2 is now the active model.' });
  });

  it('renames with the stored (trimmed) name', async () => {
    const { actions } = setup();
    await actions.rename(version(2), '  Iris, wider net ');
    expect(actions.message).toEqual({ kind: 'status', text: 'Renamed v2 to “Iris, wider net”.' });
  });

  it('deletes, naming the replacement when the active version goes', async () => {
    const { actions, registry } = setup();
    await actions.remove(version(2), version(1));
    expect(registry.remove).toHaveBeenCalledWith('id2', { replacementId: 'id1' });
    expect(actions.message?.text).toBe('Deleted v2; v1 is now the active model.');
    await actions.remove(version(3));
    expect(registry.remove).toHaveBeenLastCalledWith('id3', {});
    expect(actions.message?.text).toBe('Deleted v3.');
  });

  it('exports both files', async () => {
    const { actions, download } = setup();
    await actions.export(version(2));
    expect(download).toHaveBeenCalledWith(files);
    expect(actions.message?.text).toBe('Exported v2 as petal-v2-model.json and petal-v2.weights.bin.');
  });

  it('imports and names the new version', async () => {
    const { actions } = setup();
    const chosen = [{ name: 'a.json' }, { name: 'a.bin' }] as unknown as File[];
    await actions.import(chosen);
    expect(actions.message?.text).toBe('Imported a.json and a.bin as v3 and made it active.');
  });

  it('shows a RegistryError message as an alert', async () => {
    const { actions, registry } = setup();
    vi.mocked(registry.remove).mockRejectedValueOnce(
      new RegistryError('last-version', 'The last saved version cannot be deleted.'),
    );
    expect(await actions.remove(version(1))).toBe(false);
    expect(actions.message).toEqual({ kind: 'alert', text: 'The last saved version cannot be deleted.' });
    expect(actions.busy).toBe(false);
  });
});
