import type { AppServices } from '../shell/app-services';
import type { ComparePorts } from './compare-controller';

/** The Compare controller's ports over the app's real bridge and registry. */
export function comparePorts(services: AppServices): ComparePorts {
  return {
    jobs: {
      crossValidate: (args, options) => services.bridge.call('crossValidate', args, options),
      train: (args, options) => services.bridge.call('train', args, options),
    },
    store: services.registry,
  };
}
