import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../../core/classifiers/classifier-spec';
import { numberTable } from '../../../core/pipeline/training-table';
import { trainClassifier } from '../../../core/train-classifier';
import { blobs } from '../../../test/blobs';
import { ModelRegistry } from './model-registry';

describe('ModelRegistry with every model kind', () => {
  it('saves, lists, exports and imports k-NN, logistic regression and random forest versions', async () => {
    const store = createStore(`petal-test-${crypto.randomUUID()}`, 'registry');
    const registry = new ModelRegistry({ store, channelName: null, storage: null });
    const dataset = blobs({ perClass: 10 });
    for (const spec of [
      defaultSpec('knn', { k: 3 }),
      defaultSpec('logistic-regression'),
      defaultSpec('random-forest', { trees: 5 }),
    ]) {
      const { bundle } = await trainClassifier({
        table: numberTable(dataset),
        spec,
        createdAt: '2026-01-02T03:04:05.000Z',
      });
      const info = await registry.save(bundle, { source: `trained ${spec.kind}` });
      expect(info.kind).toBe(spec.kind);
      expect((await registry.load()).activeId).toBe(info.id);

      const archive = await registry.exportArchive(info.id);
      const imported = await registry.importFiles([new File([archive.bytes], archive.fileName)]);
      expect(imported.kind).toBe(spec.kind);
      expect(imported.name).toBe(info.name);
      expect(imported.settings).toEqual(info.settings);
    }
    expect(
      (await registry.load()).versions.map((v) => (v.damaged === undefined ? v.kind : v.damaged)),
    ).toEqual(['knn', 'knn', 'logistic-regression', 'logistic-regression', 'random-forest', 'random-forest']);
  });
});
