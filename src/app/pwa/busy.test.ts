import { describe, expect, it } from 'vitest';
import { busyReasons, isBusy, markBusy, onBusyChange } from './busy';

describe('busy registry', () => {
  it('is busy until every mark has ended, and notifies each change once', () => {
    let changes = 0;
    const unsubscribe = onBusyChange(() => changes++);
    expect(isBusy()).toBe(false);
    const doneTraining = markBusy('training');
    const doneScoring = markBusy('scoring');
    expect(busyReasons()).toEqual(['training', 'scoring']);
    doneTraining();
    doneTraining();
    expect(isBusy()).toBe(true);
    doneScoring();
    expect(isBusy()).toBe(false);
    expect(changes).toBe(4);
    unsubscribe();
    markBusy('later')();
    expect(changes).toBe(4);
  });
});
