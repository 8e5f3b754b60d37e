// Everything the worker does that needs TensorFlow.js, loaded on first use (api.ts imports this module
// dynamically). The worker's entry stays free of TF.js, so it starts, loads a model and predicts (in plain
// JavaScript, src/score/plain-predictor.ts) before the 1 MB TF.js chunk has even been compiled.
import * as tf from '@tensorflow/tfjs-core';
import type { BackendInfo } from './api';

export { bundleFromModel, metadataFor } from '../core/bundle';
export { trainClassifier } from '../core/train-classifier';
export { trainModel } from '../core/train-model';
export { compareClassifiers } from './compare-job';

/** The backend TF.js already runs on (tests set it up beforehand). */
export async function currentBackend(): Promise<BackendInfo> {
  await tf.ready();
  return { backend: tf.getBackend() === 'wasm' ? 'wasm' : 'cpu', tfjsVersion: tf.version_core };
}
