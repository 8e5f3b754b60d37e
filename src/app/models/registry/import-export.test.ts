import 'fake-indexeddb/auto';
import { createStore, get, keys, type UseStore } from 'idb-keyval';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BUNDLE_LIMITS, type ModelBundle } from '../../../core/bundle/bundle-format';
import { defaultSpec } from '../../../core/classifiers/classifier-spec';
import { trainedBundle } from '../../../test/trained-bundle';
import type { ImportFile } from './import-files';
import { ModelRegistry } from './model-registry';

let bundle: ModelBundle;
/** A model with another hidden layer width, whose weights do not fit `bundle`'s model.json. */
let other: ModelBundle;

beforeAll(async () => {
  bundle = await trainedBundle();
  other = await trainedBundle({ spec: defaultSpec('dense-network', { epochs: 3, hidden: [5] }) });
});

/** v1 saved and active in a fresh database. */
async function registryWithV1() {
  const store = createStore(`petal-test-${crypto.randomUUID()}`, 'registry');
  const registry = new ModelRegistry({ store, channelName: null, storage: null });
  const v1 = await registry.save(bundle, { source: 'trained on blobs.csv' });
  return { registry, store, v1 };
}

async function everything(store: UseStore) {
  return { keys: (await keys(store)).sort(), index: await get('index', store) };
}

function modelJsonText(source: ModelBundle): string {
  return JSON.stringify(source.modelJson);
}

describe('exportFiles', () => {
  it('names the files after the version and points the manifest at the weights file', async () => {
    const { registry, v1 } = await registryWithV1();
    const files = await registry.exportFiles(v1.id);
    expect(files.modelJsonName).toBe('petal-v1-model.json');
    expect(files.weightsName).toBe('petal-v1.weights.bin');
    const json = JSON.parse(files.modelJson);
    expect(json.weightsManifest[0].paths).toEqual(['petal-v1.weights.bin']);
    expect(json.userDefinedMetadata).toEqual(bundle.modelJson.userDefinedMetadata);
    expect(new Uint8Array(files.weights)).toEqual(new Uint8Array(bundle.weights));
    // The stored bundle keeps its canonical weights name.
    expect((await registry.getBundle(v1.id)).modelJson.weightsManifest[0].paths).toEqual(['weights.bin']);
  });

  it('refuses an unknown version', async () => {
    const { registry } = await registryWithV1();
    await expect(registry.exportFiles('nope')).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('importFiles', () => {
  it('round-trips: export then import (files in either order) gives the same bytes and metadata', async () => {
    const { registry, v1 } = await registryWithV1();
    const files = await registry.exportFiles(v1.id);
    const imported = await registry.importFiles([
      new File([files.weights], files.weightsName),
      new File([files.modelJson], files.modelJsonName),
    ]);
    expect(imported).toMatchObject({
      version: 2,
      source: 'imported petal-v1-model.json',
      name: 'Imported petal-v1-model.json',
      dataFingerprint: v1.dataFingerprint,
      accuracy: v1.accuracy,
      schema: v1.schema,
      settings: v1.settings,
    });
    expect((await registry.load()).activeId).toBe(imported.id);
    const restored = await registry.getBundle(imported.id);
    expect(new Uint8Array(restored.weights)).toEqual(new Uint8Array(bundle.weights));
    expect(restored.modelJson).toEqual(bundle.modelJson);
  });

  const cases: [string, () => ImportFile[], RegExp][] = [
    ['one file', () => [file('model.json', modelJsonText(bundle))], /you chose 1\.$/],
    [
      'two .json files',
      () => [file('a.json', '{}'), file('b.json', '{}')],
      /one \.json file \(the model\) and one weights file; you chose "a\.json" and "b\.json"/,
    ],
    [
      'no .json file',
      () => [file('a.bin', new ArrayBuffer(4)), file('b.bin', new ArrayBuffer(4))],
      /one \.json file/,
    ],
    [
      'weights of another model',
      () => [file('model.json', modelJsonText(bundle)), file('w.bin', other.weights)],
      /^model\.json could not be imported: The weights file is (truncated|longer than model\.json describes)/,
    ],
    [
      'truncated weights',
      () => [file('model.json', modelJsonText(bundle)), file('w.bin', bundle.weights.slice(0, 40))],
      /^model\.json could not be imported: The weights file is truncated: model\.json expects \d+ bytes, the file has 40\./,
    ],
    [
      'a model.json that is not JSON',
      () => [file('model.json', '\u0000\u0001 binary'), file('w.bin', bundle.weights)],
      /^model\.json could not be imported: model\.json is not valid JSON/,
    ],
    [
      'an oversized model.json',
      () => [unreadable('huge.json', BUNDLE_LIMITS.modelJsonBytes + 1), file('w.bin', bundle.weights)],
      // The limit is derived from the bundle limits (bundle-format.ts); the message gives both sizes.
      /^"huge\.json" is \d+(\.\d)? MB; the limit for this file is \d+(\.\d)? MB\.$/,
    ],
    [
      'an oversized weights file',
      () => [
        file('model.json', modelJsonText(bundle)),
        unreadable('huge.bin', BUNDLE_LIMITS.weightsBytes + 1),
      ],
      /^"huge\.bin" is 32\.1 MB; the limit for this file is 32 MB\.$/,
    ],
  ];

  it.each(cases)('rejects %s with a message and changes nothing', async (_, files, message) => {
    const { registry, store } = await registryWithV1();
    const before = await everything(store);
    const error = await registry.importFiles(files()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RegistryError', code: 'invalid-files' });
    expect((error as Error).message).toMatch(message);
    expect(await everything(store)).toEqual(before);
  });
});

/** A File-like object; `size` is reported so the size check can run before reading. */
function file(name: string, content: string | ArrayBuffer): ImportFile {
  const blob = new Blob([content]);
  return { name, size: blob.size, text: () => blob.text(), arrayBuffer: () => blob.arrayBuffer() };
}

/** A file too big to import, whose content must never be read. */
function unreadable(name: string, size: number): ImportFile {
  const fail = vi.fn(() => Promise.reject(new Error('should not be read')));
  return { name, size, text: fail, arrayBuffer: fail };
}
