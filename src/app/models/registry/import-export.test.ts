import 'fake-indexeddb/auto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { createStore, get, keys, type UseStore } from 'idb-keyval';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BUNDLE_LIMITS, type ModelBundle } from '../../../core/bundle/bundle-format';
import { parseBundleFiles } from '../../../core/bundle/validate-bundle';
import { defaultSpec } from '../../../core/classifiers/classifier-spec';
import { numberTable } from '../../../core/pipeline/training-table';
import { type TrainedClassifier, trainClassifier } from '../../../core/train-classifier';
import { blobs } from '../../../test/blobs';
import { trainedBundle } from '../../../test/trained-bundle';
import type { ImportFile } from './import-files';
import { ModelRegistry, type TrainingSample } from './model-registry';
import { ARCHIVE_LIMIT_BYTES } from './version-archive';

let trained: TrainedClassifier;
let bundle: ModelBundle;
/** A model with another hidden layer width, whose weights do not fit `bundle`'s model.json. */
let other: ModelBundle;
const sample: TrainingSample = { x: [[1, Number.NaN, 3, 4]], y: [2] };

beforeAll(async () => {
  trained = await trainClassifier({
    table: numberTable(blobs({ perClass: 10 })),
    spec: defaultSpec('dense-network', { epochs: 4 }),
    run: { seed: 42, testFraction: 0.3, validationFraction: 0.2, balanceClasses: false },
    createdAt: '2026-01-02T03:04:05.000Z',
  });
  bundle = trained.bundle;
  other = await trainedBundle({ spec: defaultSpec('dense-network', { epochs: 3, hidden: [5] }) });
});

/** v1 saved and active in a fresh database, with its curves, full test metrics and sample. */
async function registryWithV1(name = 'Iris, wider net') {
  const store = createStore(`petal-test-${crypto.randomUUID()}`, 'registry');
  const registry = new ModelRegistry({ store, channelName: null, storage: null });
  const v1 = await registry.save(structuredClone(bundle), {
    name,
    source: 'trained on blobs.csv',
    sample,
    history: trained.history,
    testMetrics: trained.testMetrics,
  });
  return { registry, store, v1 };
}

async function everything(store: UseStore) {
  return { keys: (await keys(store)).sort(), index: await get('index', store) };
}

/** The archive as a File, as the user would choose it. */
async function exportedFile(registry: ModelRegistry, id: string): Promise<File> {
  const archive = await registry.exportArchive(id);
  return new File([archive.bytes], archive.fileName, { type: 'application/zip' });
}

describe('exportArchive', () => {
  it('is one .zip named after the version and name: standard model.json + weights.bin and Petal’s record', async () => {
    const { registry, v1 } = await registryWithV1();
    const archive = await registry.exportArchive(v1.id);
    expect(archive.fileName).toBe('petal-v1-iris-wider-net.zip');
    const entries = unzipSync(archive.bytes);
    expect(Object.keys(entries).sort()).toEqual(['model.json', 'petal-version.json', 'weights.bin']);
    // What tf.loadLayersModel('model.json') reads: the manifest names weights.bin beside it.
    const modelJson = JSON.parse(strFromU8(entries['model.json']));
    expect(modelJson.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(modelJson).toEqual(JSON.parse(JSON.stringify(bundle.modelJson)));
    expect(entries['weights.bin']).toEqual(new Uint8Array(bundle.weights));
    // The two files alone are a complete model.
    parseBundleFiles({
      modelJson: strFromU8(entries['model.json']),
      weights: entries['weights.bin'].slice().buffer,
    });
    const petal = JSON.parse(strFromU8(entries['petal-version.json']));
    expect(petal).toMatchObject({
      format: 'petal-version',
      formatVersion: 1,
      version: 1,
      name: 'Iris, wider net',
      source: 'trained on blobs.csv',
    });
    expect(petal.history).toHaveLength(trained.history.length);
    expect(petal.testMetrics.confusion).toEqual(trained.testMetrics.confusion);
    // JSON has no NaN: a blank in the sample is written as null.
    expect(petal.sample).toEqual({ x: [[1, null, 3, 4]], y: [2] });
  });

  it('refuses an unknown version', async () => {
    const { registry } = await registryWithV1();
    await expect(registry.exportArchive('nope')).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('importFiles with an archive', () => {
  it('round-trips: the same name, byte-identical weights, the curves, test metrics and sample', async () => {
    const { registry, v1 } = await registryWithV1();
    const imported = await registry.importFiles([await exportedFile(registry, v1.id)]);
    expect(imported).toMatchObject({
      version: 2,
      name: 'Iris, wider net',
      source: 'trained on blobs.csv, imported from petal-v1-iris-wider-net.zip',
      dataFingerprint: v1.dataFingerprint,
      accuracy: v1.accuracy,
      schema: v1.schema,
      settings: v1.settings,
    });
    expect((await registry.load()).activeId).toBe(imported.id);
    const restored = await registry.getBundle(imported.id);
    expect(new Uint8Array(restored.weights)).toEqual(new Uint8Array(bundle.weights));
    expect(restored.modelJson).toEqual(bundle.modelJson);
    const details = await registry.getDetails(imported.id);
    expect(details.figures.history).toEqual(trained.history);
    expect(details.figures.testMetrics?.confusion).toEqual(trained.testMetrics.confusion);
    expect(details.figures.testMetrics?.perClass.map((c) => c.support)).toEqual(
      trained.testMetrics.perClass.map((c) => c.support),
    );
    expect(await registry.getSample(imported.id)).toEqual(sample);
  });

  it('imports an archive of a version kept without figures; its details say none were kept', async () => {
    const store = createStore(`petal-test-${crypto.randomUUID()}`, 'registry');
    const registry = new ModelRegistry({ store, channelName: null, storage: null });
    const v1 = await registry.save(structuredClone(bundle), { source: 'trained on blobs.csv' });
    const imported = await registry.importFiles([await exportedFile(registry, v1.id)]);
    expect(imported.name).toBe('Trained on blobs.csv');
    expect((await registry.getDetails(imported.id)).figures).toEqual({});
    expect(await registry.getSample(imported.id)).toBeUndefined();
  });

  it('still imports the two files of a model (in either order), named after model.json', async () => {
    const { registry, v1 } = await registryWithV1();
    const entries = unzipSync((await registry.exportArchive(v1.id)).bytes);
    const imported = await registry.importFiles([
      new File([entries['weights.bin']], 'petal-v1.weights.bin'),
      new File([entries['model.json']], 'petal-v1-model.json'),
    ]);
    expect(imported).toMatchObject({
      version: 2,
      source: 'imported petal-v1-model.json',
      name: 'Imported petal-v1-model.json',
      dataFingerprint: v1.dataFingerprint,
    });
    const restored = await registry.getBundle(imported.id);
    expect(new Uint8Array(restored.weights)).toEqual(new Uint8Array(bundle.weights));
    expect(restored.modelJson).toEqual(bundle.modelJson);
  });

  /** The entries of v1's archive, with `change` applied, zipped again as `name`. */
  function editedArchive(
    entries: Record<string, Uint8Array>,
    change: (entries: Record<string, Uint8Array>) => void,
    name = 'edited.zip',
  ): ImportFile {
    const copy = { ...entries };
    change(copy);
    return file(name, zipSync(copy).slice().buffer);
  }

  function petalRecord(entries: Record<string, Uint8Array>, edit: (record: Record<string, unknown>) => void) {
    const record = JSON.parse(strFromU8(entries['petal-version.json']));
    edit(record);
    entries['petal-version.json'] = strToU8(JSON.stringify(record));
  }

  /** Sets a field of every central-directory header (signature PK\x01\x02) of a zip. */
  function patchCentralDirectory(
    bytes: Uint8Array,
    offset: number,
    value: number,
    size: 2 | 4,
  ): Uint8Array<ArrayBuffer> {
    const patched = bytes.slice();
    const view = new DataView(patched.buffer);
    for (let i = 0; i + 46 <= patched.length; i++) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      if (size === 4) view.setUint32(i + offset, value, true);
      else view.setUint16(i + offset, value, true);
    }
    return patched;
  }

  const cases: [string, (entries: Record<string, Uint8Array>) => ImportFile, RegExp][] = [
    [
      'a zip without model.json',
      (entries) => editedArchive(entries, (e) => delete e['model.json'], 'photos.zip'),
      /^"photos\.zip" holds no model\.json, so it is not a model exported by Petal or TensorFlow\.js\.$/,
    ],
    [
      'a zip without weights',
      (entries) => editedArchive(entries, (e) => delete e['weights.bin']),
      /must hold one weights file \(\.bin\) beside model\.json; it holds 0\./,
    ],
    [
      'garbage named .zip',
      () => file('model.zip', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer),
      /^"model\.zip" is not a zip file\. Choose the \.zip file Petal exported/,
    ],
    [
      'a damaged zip',
      (entries) => {
        const bytes = zipSync(entries);
        return file('cut.zip', bytes.slice(0, bytes.length - 30).buffer);
      },
      /^"cut\.zip" is not a zip file Petal can read \(/,
    ],
    [
      'an oversized archive (refused before reading)',
      () => unreadable('huge.zip', ARCHIVE_LIMIT_BYTES + 1),
      /^"huge\.zip" is \d+(\.\d)? MB; the limit for this file is \d+(\.\d)? MB\.$/,
    ],
    [
      'a zip bomb (an entry declaring more than its limit)',
      (entries) =>
        // Offset 24: the uncompressed size.
        file('bomb.zip', patchCentralDirectory(zipSync(entries), 24, 0x7fffffff, 4).buffer),
      /^"bomb\.zip": its (model\.json|weights\.bin|petal-version\.json) is \d+(\.\d)? MB; the limit for this file is \d+(\.\d)? MB\.$/,
    ],
    [
      'an unknown compression method',
      // Offset 10: the compression method (14 is LZMA).
      (entries) => file('lzma.zip', patchCentralDirectory(zipSync(entries), 10, 14, 2).buffer),
      /^"lzma\.zip" uses a kind of zip compression Petal cannot read \(method 14\)/,
    ],
    [
      'weights of another model',
      (entries) => editedArchive(entries, (e) => (e['weights.bin'] = new Uint8Array(other.weights))),
      /^edited\.zip could not be imported: The weights file is (truncated|longer than model\.json describes)/,
    ],
    [
      'a name that breaks the rules',
      (entries) => editedArchive(entries, (e) => petalRecord(e, (r) => (r.name = 'x'.repeat(81)))),
      /^edited\.zip could not be imported: A model name can be at most 80 characters; this one has 81\.$/,
    ],
    [
      'a confusion matrix of the wrong size',
      (entries) =>
        editedArchive(entries, (e) =>
          petalRecord(e, (r) => {
            (r.testMetrics as { confusion: number[][] }).confusion.pop();
          }),
        ),
      /^edited\.zip could not be imported: The kept confusion matrix is not 3 × 3/,
    ],
    [
      'a sample of the wrong width',
      (entries) => editedArchive(entries, (e) => petalRecord(e, (r) => (r.sample = { x: [[1, 2]], y: [0] }))),
      /^edited\.zip could not be imported: The kept training sample does not have 4 values/,
    ],
    [
      'a record that is not JSON',
      (entries) => editedArchive(entries, (e) => (e['petal-version.json'] = strToU8('{ oops'))),
      /^edited\.zip could not be imported: petal-version\.json is not valid JSON/,
    ],
    [
      'one .json file alone',
      () => file('model.json', JSON.stringify(bundle.modelJson)),
      /^"model\.json" needs its weights file: choose the two files together, or the model's \.zip file\.$/,
    ],
  ];

  it.each(cases)('rejects %s with a message and changes nothing', async (_, make, message) => {
    const { registry, store, v1 } = await registryWithV1();
    const entries = unzipSync((await registry.exportArchive(v1.id)).bytes);
    const before = await everything(store);
    const error = await registry.importFiles([make(entries)]).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RegistryError', code: 'invalid-files' });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message.length).toBeLessThan(400);
    expect(await everything(store)).toEqual(before);
  });
});

describe('importFiles with two files', () => {
  const cases: [string, () => ImportFile[], RegExp][] = [
    [
      'three files',
      () => [file('a.json', '{}'), file('b.bin', new ArrayBuffer(4)), file('c.bin', new ArrayBuffer(4))],
      /^Choose the model's \.zip file, or its \.json file and its weights file together; you chose 3 files\.$/,
    ],
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
      () => [file('model.json', JSON.stringify(bundle.modelJson)), file('w.bin', other.weights)],
      /^model\.json could not be imported: The weights file is (truncated|longer than model\.json describes)/,
    ],
    [
      'truncated weights',
      () => [
        file('model.json', JSON.stringify(bundle.modelJson)),
        file('w.bin', bundle.weights.slice(0, 40)),
      ],
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
        file('model.json', JSON.stringify(bundle.modelJson)),
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

describe('saved figures', () => {
  it('keeps the curves and full test metrics beside the bundle, for the details view', async () => {
    const { registry, v1 } = await registryWithV1();
    const details = await registry.getDetails(v1.id);
    expect(details.metadata.schema).toEqual(v1.schema);
    expect(details.figures.history).toEqual(trained.history);
    const metrics = details.figures.testMetrics!;
    expect(metrics.confusion).toEqual(trained.testMetrics.confusion);
    // Each class's predicted count is the confusion matrix's column sum.
    expect(metrics.perClass.map((c) => c.predicted)).toEqual(
      metrics.confusion[0].map((_, k) => metrics.confusion.reduce((sum, row) => sum + row[k], 0)),
    );
  });

  it('refuses figures that do not belong to the model, storing nothing', async () => {
    const { registry, store } = await registryWithV1();
    const before = await everything(store);
    const wrong = { ...trained.testMetrics, perClass: trained.testMetrics.perClass.slice(1) };
    await expect(
      registry.save(structuredClone(bundle), { source: 'x', testMetrics: wrong }),
    ).rejects.toMatchObject({
      code: 'invalid-model',
      message:
        'This model cannot be saved: The kept per-class metrics have 2 entries; the model has 3 classes.',
    });
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
