// The exported archive, unzipped, is a model stock TensorFlow.js loads the way a person would: served
// over HTTP, `tf.loadLayersModel(url of model.json)` reads the manifest and fetches weights.bin beside it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { validateBundle } from '../../../core/bundle/validate-bundle';
import { classifierFromBundle } from '../../../core/classifiers/classifier-from-bundle';
import { trainedBundle } from '../../../test/trained-bundle';
import { archiveFileName, writeArchive } from './version-archive';

describe('writeArchive', () => {
  it('unzips into files tf.loadLayersModel loads over HTTP, predicting what Petal predicts', async () => {
    const bundle = await trainedBundle();
    const archive = writeArchive(structuredClone(bundle), 3, {
      name: 'Blobs',
      source: 'trained on blobs.csv',
    });
    const files = unzipSync(archive.bytes);
    const server = createServer((request, response) => {
      const body = files[(request.url ?? '/').slice(1)];
      if (!body) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const model = await tf.loadLayersModel(`http://127.0.0.1:${port}/model.json`);
      const row = [0.5, -1, 2, 3];
      const output = model.predict(tf.tensor2d([row])) as tf.Tensor;
      const stock = output.dataSync() as Float32Array;
      tf.dispose(output);
      model.dispose();
      const petal = classifierFromBundle(validateBundle(bundle)).predictProbabilities(Float32Array.from(row));
      expect(stock).toHaveLength(petal.length);
      stock.forEach((p, i) => {
        expect(Math.abs(p - petal[i])).toBeLessThan(1e-5);
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('writes a damaged stored version as it is', () => {
    const archive = writeArchive({ modelJson: 'not an object', weights: new ArrayBuffer(3) }, 2, {
      name: 'x',
      source: '',
    });
    const files = unzipSync(archive.bytes);
    expect(JSON.parse(new TextDecoder().decode(files['model.json']))).toEqual({
      value: { modelJson: 'not an object', weights: {} },
    });
    expect(files['weights.bin']).toEqual(new Uint8Array(3));
  });
});

describe('archiveFileName', () => {
  it('keeps a readable, file-system-safe trace of the name', () => {
    expect(archiveFileName(3, 'Iris, wider net')).toBe('petal-v3-iris-wider-net.zip');
    expect(archiveFileName(12, 'Café № 5 / “best”')).toBe('petal-v12-cafe-no-5-best.zip');
    expect(archiveFileName(1, '日本語')).toBe('petal-v1.zip');
    expect(archiveFileName(4, 'x'.repeat(80))).toBe(`petal-v4-${'x'.repeat(40)}.zip`);
  });
});
