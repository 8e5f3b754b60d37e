// The module worker's entry: TensorFlow.js on the WASM backend, answering the bridge's calls.
import { createApi } from './api';
import { helperPartRunner } from './score-helper';
import { serveApi } from './serve';
import { startWasmBackend } from './wasm-backend';

declare const self: DedicatedWorkerGlobalScope;

serveApi(createApi({ startBackend: startWasmBackend, scoreHelper: helperPartRunner() }), self);
