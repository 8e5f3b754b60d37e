import type { ReactiveControllerHost } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelActions, UNDO_MS, type VersionActionsPort } from './model-actions';
import type { DeletedVersion, VersionArchive, VersionInfo } from './registry/model-registry';
import { RegistryError } from './registry/registry-error';

function version(n: number): VersionInfo {
  return { id: `id${n}`, version: n, name: `Model ${n}` } as VersionInfo;
}

const archive: VersionArchive = { fileName: 'petal-v2-model-2.zip', bytes: new Uint8Array(8) };

function deletedOf(n: number, wasActive = false): DeletedVersion {
  return { version: version(n), wasActive, replacementId: wasActive ? 'id1' : null, lease: `lease:id${n}:1` };
}

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
    remove: vi.fn(async (id: string, options: { replacementId?: string }) => ({
      state: { versions: [], activeId: 'id1' },
      deleted: deletedOf(Number(id.slice(2)), options.replacementId !== undefined),
    })),
    restore: vi.fn(async (deleted: DeletedVersion) => ({
      state: { versions: [], activeId: 'id1' },
      activated: deleted.wasActive,
    })),
    discard: vi.fn(async () => undefined),
    exportArchive: vi.fn(async () => archive),
    importFiles: vi.fn(async () => version(3)),
  } as unknown as VersionActionsPort;
  const download = vi.fn();
  const actions = new ModelActions(host, { registry: () => registry, download });
  return { actions, registry, download, host };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ModelActions', () => {
  it('activates and says which version', async () => {
    const { actions, registry } = setup();
    expect(await actions.activate(version(2))).toBe(true);
    expect(registry.activate).toHaveBeenCalledWith('id2');
    expect(actions.message).toEqual({ kind: 'status', text: 'v2 “Model 2” is now the active model.' });
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
    expect(actions.message?.text).toBe('Deleted v2 “Model 2”; v1 “Model 1” is now the active model.');
    await actions.remove(version(3));
    expect(registry.remove).toHaveBeenLastCalledWith('id3', {});
    expect(actions.message?.text).toBe('Deleted v3 “Model 3”.');
  });

  it('undoes a delete while the window is open, saying whether it is active again', async () => {
    const { actions, registry } = setup();
    await actions.remove(version(2), version(1));
    expect(actions.undoable).toEqual(version(2));
    expect(await actions.undo()).toBe(true);
    expect(registry.restore).toHaveBeenCalledWith(deletedOf(2, true));
    expect(registry.discard).not.toHaveBeenCalled();
    expect(actions.message?.text).toBe('Restored v2 “Model 2”; it is the active model again.');
    expect(actions.undoable).toBeNull();
    // Nothing left to undo.
    expect(await actions.undo()).toBe(false);
    expect(registry.restore).toHaveBeenCalledTimes(1);
  });

  it('ends the undo window after UNDO_MS, discarding the data', async () => {
    vi.useFakeTimers();
    const { actions, registry, host } = setup();
    await actions.remove(version(3));
    vi.advanceTimersByTime(UNDO_MS - 1);
    expect(actions.undoable).toEqual(version(3));
    expect(registry.discard).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(actions.undoable).toBeNull();
    expect(registry.discard).toHaveBeenCalledWith(deletedOf(3));
    expect(host.requestUpdate).toHaveBeenCalled();
    expect(await actions.undo()).toBe(false);
  });

  it('ends the undo window at the next action', async () => {
    const { actions, registry } = setup();
    await actions.remove(version(3));
    await actions.export(version(2));
    expect(registry.discard).toHaveBeenCalledWith(deletedOf(3));
    expect(actions.undoable).toBeNull();
    // A second delete replaces the first one's window.
    await actions.remove(version(4));
    await actions.remove(version(5));
    expect(registry.discard).toHaveBeenLastCalledWith(deletedOf(4));
    expect(actions.undoable).toEqual(version(5));
  });

  it('exports one archive', async () => {
    const { actions, download } = setup();
    await actions.export(version(2));
    expect(download).toHaveBeenCalledTimes(1);
    expect(download).toHaveBeenCalledWith(archive);
    expect(actions.message?.text).toBe('Exported v2 as petal-v2-model-2.zip.');
  });

  it('imports and names the new version', async () => {
    const { actions } = setup();
    const chosen = [{ name: 'petal-v2-model-3.zip' }] as unknown as File[];
    await actions.import(chosen);
    expect(actions.message?.text).toBe('Imported petal-v2-model-3.zip as v3 “Model 3” and made it active.');
  });

  it('shows a RegistryError message as an alert', async () => {
    const { actions, registry } = setup();
    vi.mocked(registry.remove).mockRejectedValueOnce(
      new RegistryError('last-version', 'The last saved version cannot be deleted.'),
    );
    expect(await actions.remove(version(1))).toBe(false);
    expect(actions.message).toEqual({ kind: 'alert', text: 'The last saved version cannot be deleted.' });
    expect(actions.busy).toBe(false);
    expect(actions.undoable).toBeNull();
  });
});
