import type { AppServices } from '../shell/app-services';
import { lastRunStorage } from './last-run-storage';
import type { TrainingPorts } from './training-controller';

/** The training controller's ports over the app's real bridge and registry. */
export function trainingPorts(services: AppServices): TrainingPorts {
  return {
    jobs: {
      inspectCsv: (args, options) => services.bridge.call('inspectCsv', args, options),
      train: (args, options) => services.bridge.call('train', args, options),
    },
    store: services.registry,
    lastRun: lastRunStorage(),
  };
}
