// Entry point of the main-thread bundle. TensorFlow.js is never imported from here: it lives in the worker.

import { modelStoreFor } from './app/models/model-store';
import { ModelRegistry } from './app/models/registry/model-registry';
import { appUpdates } from './app/pwa/app-updates';
import { documentStyles } from './app/shared/theme';
import type { AppServices } from './app/shell/app-services';
import { WorkerBridge } from './app/worker-bridge/worker-bridge';
import './app/shell/petal-app';

const sheet = documentStyles.styleSheet;
if (sheet) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

// The one bridge (the only owner of the worker) and the one registry, shared by every panel.
const services: AppServices = { bridge: new WorkerBridge(), registry: new ModelRegistry() };

const app =
  document.querySelector('petal-app') ?? document.body.appendChild(document.createElement('petal-app'));
app.services = services;

// The service worker (offline use, update prompt) and the install offer; the bridge's restarts tell it when
// an old tab's worker file may be gone after a deploy. Registering waits until the first model is loaded
// (or has failed): the registration's requests, and on a first visit the 2 MB precache download, would
// otherwise compete with the worker's own start-up for the network, the service worker thread and the CPU.
appUpdates.start({ worker: services.bridge, registerAfter: firstModelSettled(services) });

/** Resolves once the app's first model is loaded or failed to load, or after 10 s whatever happened. */
function firstModelSettled(app: AppServices): Promise<void> {
  const store = modelStoreFor(app);
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      store.removeEventListener('change', onChange);
      resolve();
    };
    const onChange = () => {
      if (store.snapshot.phase !== 'loading') finish();
    };
    const timer = setTimeout(finish, 10_000);
    store.addEventListener('change', onChange);
  });
}
