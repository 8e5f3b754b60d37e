import { describe, expect, it } from 'vitest';
import { estimateTimeLeftMs, formatDuration, formatTimeLeft, progressText } from './time-left';

describe('estimateTimeLeftMs', () => {
  it('is unknown before the first epoch', () => {
    expect(estimateTimeLeftMs(undefined)).toBeNull();
    expect(estimateTimeLeftMs({ epoch: 0, epochs: 40, elapsedMs: 0 })).toBeNull();
  });
  it('extrapolates the mean time per epoch', () => {
    expect(estimateTimeLeftMs({ epoch: 10, epochs: 40, elapsedMs: 1000 })).toBe(3000);
    expect(estimateTimeLeftMs({ epoch: 40, epochs: 40, elapsedMs: 4000 })).toBe(0);
  });
});

describe('formatTimeLeft', () => {
  it('rounds seconds up and switches to minutes', () => {
    expect(formatTimeLeft(null)).toBe('estimating time left');
    expect(formatTimeLeft(0)).toBe('finishing');
    expect(formatTimeLeft(120)).toBe('about 1 s left');
    expect(formatTimeLeft(1000)).toBe('about 1 s left');
    expect(formatTimeLeft(1001)).toBe('about 2 s left');
    expect(formatTimeLeft(59_000)).toBe('about 59 s left');
    expect(formatTimeLeft(150_000)).toBe('about 3 min left');
  });
  it('builds the progress text', () => {
    expect(progressText(12, 40, 800)).toBe('Epoch 12 of 40 · about 1 s left');
  });
});

describe('formatDuration', () => {
  it('reads naturally at every scale', () => {
    expect(formatDuration(850.4)).toBe('850 ms');
    expect(formatDuration(3210)).toBe('3.2 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});
