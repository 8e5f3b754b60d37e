// The module worker's entry: answers the bridge's calls; TensorFlow.js (WASM backend) loads on the side.
import { createApi } from './api';
import { helperPartRunner } from './score-helper';
import { serveApi } from './serve';

declare const self: DedicatedWorkerGlobalScope;

// TF.js and its WASM backend load in the background (wasm-backend.ts, a chunk of its own): the worker
// answers useModel and predict without them.
const startBackend = () => import('./wasm-backend').then((backend) => backend.startWasmBackend());

serveApi(createApi({ startBackend, scoreHelper: helperPartRunner() }), self);
