import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainWasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendInfo } from './backend-info';

/**
 * Starts TensorFlow.js on the WASM backend, SIMD when the browser has it, single-threaded: the threaded
 * build needs cross-origin isolation (COOP/COEP headers) that a static host cannot promise, and a network
 * this small gains nothing from threads. Falls back to the pure-JS CPU backend, saying why.
 */
export async function startWasmBackend(): Promise<BackendInfo> {
  tf.enableProdMode();
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // Vite fingerprints the .wasm files and rewrites these URLs, so the app fetches nothing but its own files.
  // setWasmPaths wants all three names; threads are off, so the threaded name points at the SIMD file and
  // the 0.4 MB threaded binary is neither emitted nor precached by the service worker.
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainWasmUrl,
    'tfjs-backend-wasm-simd.wasm': simdWasmUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': simdWasmUrl,
  });
  let fallbackReason: string;
  if (typeof WebAssembly !== 'object') {
    fallbackReason = 'This browser has WebAssembly turned off, so Petal uses the slower JavaScript backend.';
  } else {
    try {
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return { backend: 'wasm', tfjsVersion: tf.version_core };
      }
      fallbackReason =
        'The WebAssembly backend could not start, so Petal uses the slower JavaScript backend.';
    } catch (error) {
      fallbackReason = `The WebAssembly backend could not start (${(error as Error).message}), so Petal uses the slower JavaScript backend.`;
    }
  }
  // The CPU backend is a chunk of its own, fetched only when WASM fails: most visits never need it, and it
  // would otherwise add to the worker's start-up download and parse time. (It is precached for offline.)
  await import('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend('cpu'))) {
    throw new Error(
      `TensorFlow.js could not start: neither the WebAssembly nor the JavaScript backend works here.`,
    );
  }
  await tf.ready();
  return { backend: 'cpu', fallbackReason, tfjsVersion: tf.version_core };
}
