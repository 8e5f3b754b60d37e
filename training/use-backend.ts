import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';

export type BackendName = 'cpu' | 'wasm';

/**
 * Selects a TensorFlow.js backend in Node. `@tensorflow/tfjs-node` would be faster but downloads a native
 * binary at install time, which many machines (and this project's CI) cannot do; the pure-JS CPU backend
 * and the WASM backend (whose `.wasm` files ship inside its npm package) need nothing else.
 */
export async function useBackend(name: BackendName): Promise<void> {
  // Production mode skips per-op debug checks (measurably faster for small tensors) and silences the
  // one-off hint to install tfjs-node, which is noise for a command-line tool.
  tf.enableProdMode();
  if (!(await tf.setBackend(name))) throw new Error(`The TensorFlow.js ${name} backend failed to start.`);
  await tf.ready();
}
