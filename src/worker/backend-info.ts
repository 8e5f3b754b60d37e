/** The TensorFlow.js backend the worker trains on. */
export interface BackendInfo {
  readonly backend: 'wasm' | 'cpu';
  /** Why the WASM backend is not in use, in words for the user; absent when it is. */
  readonly fallbackReason?: string;
  readonly tfjsVersion: string;
}
