import { describe, expect, it } from 'vitest';
import { liveAxisEnd } from './curve-axis';

describe('liveAxisEnd', () => {
  it('keeps a short run’s planned length, from its first epoch', () => {
    expect(liveAxisEnd(0, 60)).toBe(60);
    expect(liveAxisEnd(59, 60)).toBe(60);
    expect(liveAxisEnd(3, 100)).toBe(100);
  });

  it('gives a long run a round axis a step past the epochs done, so early epochs are not a sliver', () => {
    expect(liveAxisEnd(5, 5000)).toBe(100);
    expect(liveAxisEnd(66, 5000)).toBe(100);
    expect(liveAxisEnd(67, 5000)).toBe(200);
    expect(liveAxisEnd(300, 5000)).toBe(500);
    expect(liveAxisEnd(600, 5000)).toBe(1000);
    expect(liveAxisEnd(700, 5000)).toBe(2000);
  });

  it('never passes the plan, and always holds the epochs done', () => {
    expect(liveAxisEnd(4000, 5000)).toBe(5000);
    expect(liveAxisEnd(150, 180)).toBe(180);
    for (const planned of [101, 250, 999, 5000, 20_000]) {
      for (let done = 0; done <= planned; done += 7) {
        const end = liveAxisEnd(done, planned);
        expect(end).toBeLessThanOrEqual(planned);
        expect(end).toBeGreaterThanOrEqual(done);
      }
    }
  });
});
