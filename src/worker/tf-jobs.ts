// Everything the worker does that needs TensorFlow.js, loaded on first use (api.ts imports this module
// dynamically). The worker's entry stays free of TF.js, so it starts, loads a model and predicts (in plain
// JavaScript) before the TF.js chunk has even been compiled.
import * as tf from '@tensorflow/tfjs-core';
import type { BackendInfo } from './backend-info';

export { compare } from './compare-job';
export { train } from './train-job';

/** The backend TF.js already runs on (tests set it up beforehand). */
export async function currentBackend(): Promise<BackendInfo> {
  await tf.ready();
  return { backend: tf.getBackend() === 'wasm' ? 'wasm' : 'cpu', tfjsVersion: tf.version_core };
}
