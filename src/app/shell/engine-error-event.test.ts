import { describe, expect, it } from 'vitest';
import { ENGINE_ERROR_EVENT, type EngineErrorEvent, engineFailureReporter } from './engine-error-event';

const crashed = () =>
  Object.assign(new Error('The prediction engine stopped unexpectedly.'), { name: 'WorkerCrashedError' });

describe('engineFailureReporter', () => {
  it('raises engine failures, clears them once a call works, and leaves other errors alone', () => {
    const target = new EventTarget();
    const seen: (string | null)[] = [];
    target.addEventListener(ENGINE_ERROR_EVENT, (event) =>
      seen.push((event as EngineErrorEvent).error?.message ?? null),
    );
    const report = engineFailureReporter(target);
    report(null);
    report(new Error('The file has no header row.'));
    expect(seen).toEqual([]);
    report(crashed());
    report(crashed());
    report(null);
    report(null);
    expect(seen).toEqual([
      'The prediction engine stopped unexpectedly.',
      'The prediction engine stopped unexpectedly.',
      null,
    ]);
  });
});
