import type { ModelRegistry } from '../models/registry/model-registry';
import type { WorkerBridge } from '../worker-bridge/worker-bridge';

/**
 * The app's two long-lived services, created once in `main.ts` and handed down to every panel as a
 * `services` property. Components never construct either; controllers wrap them.
 */
export interface AppServices {
  /** The one bridge to the one worker (TensorFlow.js lives there). */
  readonly bridge: WorkerBridge;
  /** Saved model versions in IndexedDB. */
  readonly registry: ModelRegistry;
}
