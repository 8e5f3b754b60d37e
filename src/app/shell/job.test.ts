import { afterEach, describe, expect, it, vi } from 'vitest';
import { deferred } from '../../test/deferred';
import { busyReasons, isBusy } from '../pwa/busy';
import { Job, problemOf } from './job';

afterEach(() => {
  expect(isBusy()).toBe(false);
});

describe('Job', () => {
  it('marks the app busy while it runs and reports success', async () => {
    const onSettled = vi.fn();
    const job = new Job({ busy: 'training', onSettled });
    const work = deferred<number>();
    const outcome = job.run(() => work.promise);
    expect(job.running).toBe(true);
    expect(busyReasons()).toEqual(['training']);
    work.resolve(7);
    expect(await outcome).toEqual({ status: 'done', value: 7 });
    expect(job.running).toBe(false);
    expect(onSettled).toHaveBeenCalledExactlyOnceWith(null);
  });

  it('turns a failure into a problem with its row and column, and reports the error', async () => {
    const onSettled = vi.fn();
    const error = Object.assign(new Error('Row 3, column "b": "x" is not a number.'), {
      row: 3,
      column: 'b',
    });
    const outcome = await new Job({ busy: 'scoring', onSettled }).run(() => Promise.reject(error));
    expect(outcome).toEqual({
      status: 'failed',
      problem: { message: 'Row 3, column "b": "x" is not a number.', row: 3, column: 'b' },
    });
    expect(onSettled).toHaveBeenCalledExactlyOnceWith(error);
  });

  it('cancels through the signal: the run ends as cancelled, nothing is reported', async () => {
    const onSettled = vi.fn();
    const job = new Job({ busy: 'comparing', onSettled });
    const outcome = job.run(
      (signal) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
        ),
    );
    job.cancel();
    expect(await outcome).toEqual({ status: 'cancelled' });
    expect(onSettled).not.toHaveBeenCalled();
  });

  it('counts work that finished after its cancel as cancelled', async () => {
    const job = new Job();
    const work = deferred<string>();
    const outcome = job.run(() => work.promise);
    job.cancel();
    work.resolve('late');
    expect(await outcome).toEqual({ status: 'cancelled' });
  });

  it('cancels the run before when a new one starts', async () => {
    const job = new Job();
    const first = job.run(
      (signal) =>
        new Promise((resolve) => signal.addEventListener('abort', () => resolve('first'), { once: true })),
    );
    const second = job.run(async () => 'second');
    expect(await first).toEqual({ status: 'cancelled' });
    expect(await second).toEqual({ status: 'done', value: 'second' });
  });
});

describe('problemOf', () => {
  it('reads anything thrown as a message for the user', () => {
    expect(problemOf(new Error('Disk full'))).toEqual({ message: 'Disk full' });
    expect(problemOf({ name: 'CsvError', message: 'Bad cell', row: 4 })).toEqual({
      message: 'Bad cell',
      row: 4,
    });
    expect(problemOf('plain words')).toEqual({ message: 'plain words' });
    expect(problemOf(new Error(''))).toEqual({ message: 'Something went wrong.' });
    expect(problemOf(undefined)).toEqual({ message: 'Something went wrong.' });
  });
});
