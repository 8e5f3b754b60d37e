import type { AppServices } from '../shell/app-services';
import type { BatchJobs } from './batch-controller';

/** The Batch tab's jobs over the app's real bridge (inspecting and scoring run in the worker's job lane). */
export function batchJobs(services: AppServices): BatchJobs {
  return {
    prepare: () => services.bridge.call('prepareScoring', {}),
    inspectScoreFile: (args, options) => services.bridge.call('inspectScoreFile', args, options),
    score: (args, options) => services.bridge.call('score', args, options),
  };
}
