// Unit tests run the core on TensorFlow.js's pure-JS CPU backend: the same code paths as the browser's
// WASM backend, deterministic, and with nothing to download.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';

tf.enableProdMode();
await tf.setBackend('cpu');
