import { describe, expect, it, vi } from 'vitest';
import type { ScoreProgress, ScoreSummary } from '../../score/score-csv';
import { type Deferred, deferred } from '../../test/deferred';
import { FakeHost } from '../../test/fake-host';
import type { ScoreFileInspection, ScoreResult } from '../../worker/score-job';
import type { CallOptions } from '../worker-bridge/protocol';
import { BatchController, type BatchJobs, CANCELLED_MESSAGE, type ChosenFile } from './batch-controller';
import type { BatchModel } from './batch-model';

const V1: BatchModel = { id: 'id1', version: 1, name: 'Default iris model' };
const V3: BatchModel = { id: 'id3', version: 3, name: 'iris' };

const chosen: ChosenFile = { file: new Blob(['a,b\n1,2\n']), name: 'flowers.csv' };

const inspection: ScoreFileInspection = {
  name: 'flowers.csv',
  size: 8,
  delimiter: ',',
  header: ['b', 'a'],
  columns: 2,
  rows: [['2', '1']],
  features: ['a', 'b'],
  label: 'kind',
  mapping: {
    header: ['b', 'a'],
    features: [
      { feature: 'a', column: 1, header: 'a', match: 'exact' },
      { feature: 'b', column: 0, header: 'b', match: 'exact' },
    ],
    loose: [],
    extraColumns: [],
  },
  missing: [],
  error: null,
};

const missing: ScoreFileInspection = {
  ...inspection,
  mapping: null,
  missing: ['b'],
  error: { name: 'ColumnMappingError', code: 'missing-features', message: 'The file has no column for "b".' },
};

const result: ScoreResult = {
  summary: { rows: 1, scoredRows: 1, badRows: 0 } as ScoreSummary,
  output: new Blob(['b,a,predicted_kind\n2,1,x\n']),
  outputName: 'flowers-scored.csv',
  preview: { header: ['b', 'a', 'predicted_kind'], rows: [['2', '1', 'x']], columns: 3 },
};

const progress: ScoreProgress = {
  rows: 500,
  bytes: 50,
  totalBytes: 100,
  rowsPerSecond: 1000,
  secondsLeft: 0.5,
};

/** A fake bridge: each call waits for the test to settle it, and records its options. */
function fakeJobs() {
  const inspections: Deferred<ScoreFileInspection>[] = [];
  const scores: { run: Deferred<ScoreResult>; options: CallOptions<ScoreProgress> }[] = [];
  const jobs: BatchJobs = {
    prepare: vi.fn(async () => {}),
    inspectScoreFile: vi.fn((_args: ChosenFile, options: CallOptions<never>) => {
      const run = deferred<ScoreFileInspection>();
      options.signal?.addEventListener('abort', () =>
        run.reject(new DOMException('cancelled', 'AbortError')),
      );
      inspections.push(run);
      return run.promise;
    }),
    score: vi.fn((_args: ChosenFile, options: CallOptions<ScoreProgress>) => {
      const run = deferred<ScoreResult>();
      options.signal?.addEventListener('abort', () =>
        run.reject(new DOMException('cancelled', 'AbortError')),
      );
      scores.push({ run, options });
      return run.promise;
    }),
  };
  return { jobs, inspections, scores };
}

async function readyController() {
  const fake = fakeJobs();
  const host = new FakeHost();
  const settled: unknown[] = [];
  // The model loaded in the worker: tests switch it.
  const loaded: { model: BatchModel | null } = { model: V1 };
  const controller = new BatchController(host, {
    jobs: () => fake.jobs,
    model: () => loaded.model,
    onCallSettled: (e) => settled.push(e),
  });
  controller.hostUpdate();
  const choosing = controller.choose(chosen);
  expect(controller.state.phase).toBe('inspecting');
  fake.inspections[0].resolve(inspection);
  await choosing;
  return { ...fake, host, controller, settled, loaded };
}

describe('BatchController', () => {
  it('starts idle and registers with its host', () => {
    const host = new FakeHost();
    const controller = new BatchController(host, { jobs: () => undefined, model: () => V1 });
    expect(controller.state).toEqual({ phase: 'idle' });
    expect(host.controllers).toEqual([controller]);
  });

  it('gets the worker ready to score at its first update with a bridge, once', () => {
    const fake = fakeJobs();
    let jobs: BatchJobs | undefined;
    const controller = new BatchController(new FakeHost(), { jobs: () => jobs, model: () => V1 });
    controller.hostConnected();
    // No bridge yet (the host's properties come with its first update): nobody to ask.
    controller.hostUpdate();
    jobs = fake.jobs;
    expect(fake.jobs.prepare).not.toHaveBeenCalled();
    controller.hostUpdate();
    controller.hostUpdate();
    expect(fake.jobs.prepare).toHaveBeenCalledTimes(1);
  });

  it('does nothing without a bridge', async () => {
    const controller = new BatchController(new FakeHost(), { jobs: () => undefined, model: () => V1 });
    await controller.choose(chosen);
    await controller.score();
    expect(controller.state.phase).toBe('idle');
  });

  it('inspects a chosen file, then is ready to score', async () => {
    const { controller, settled, jobs } = await readyController();
    expect(controller.state).toEqual({ phase: 'ready', chosen, inspection, model: V1 });
    expect(jobs.inspectScoreFile).toHaveBeenCalledWith(chosen, expect.objectContaining({}));
    expect(settled).toEqual([null]);
  });

  it('a file with missing columns is invalid, with a message naming the model and the columns, and cannot be scored', async () => {
    const fake = fakeJobs();
    const controller = new BatchController(new FakeHost(), { jobs: () => fake.jobs, model: () => V1 });
    const choosing = controller.choose(chosen);
    fake.inspections[0].resolve(missing);
    await choosing;
    expect(controller.state).toMatchObject({ phase: 'invalid', model: V1 });
    expect(controller.state.phase === 'invalid' && controller.state.problem.message).toBe(
      'Model “Default iris model” (v1) needs a column this file does not have: "b". The file\'s columns are "b", "a". The CSV template above has every column it expects.',
    );
    await controller.score();
    expect(fake.jobs.score).not.toHaveBeenCalled();
  });

  it('a failed inspection is invalid with the error message', async () => {
    const fake = fakeJobs();
    const controller = new BatchController(new FakeHost(), { jobs: () => fake.jobs, model: () => V1 });
    const choosing = controller.choose(chosen);
    fake.inspections[0].reject(new Error('The engine stopped.'));
    await choosing;
    expect(controller.state).toMatchObject({
      phase: 'invalid',
      inspection: null,
      problem: { message: 'The engine stopped.' },
    });
  });

  it('a newer choice wins over an older inspection still running', async () => {
    const fake = fakeJobs();
    const controller = new BatchController(new FakeHost(), { jobs: () => fake.jobs, model: () => V1 });
    const first = controller.choose(chosen);
    const other = { file: new Blob(['x']), name: 'other.csv' };
    const second = controller.choose(other);
    fake.inspections[1].resolve({ ...inspection, name: 'other.csv' });
    await Promise.all([first, second]);
    expect(controller.state).toMatchObject({ phase: 'ready', chosen: other });
  });

  it('scores with progress, then keeps the result', async () => {
    const { controller, scores, host } = await readyController();
    const scoring = controller.score();
    expect(controller.state).toMatchObject({ phase: 'scoring', progress: null });
    const updates = host.updates;
    scores[0].options.onProgress?.(progress);
    expect(controller.state).toMatchObject({ phase: 'scoring', progress });
    expect(host.updates).toBe(updates + 1);
    // A second Score or a new file while scoring is ignored.
    await controller.score();
    await controller.choose({ file: new Blob([]), name: 'late.csv' });
    expect(scores).toHaveLength(1);
    expect(controller.state.phase).toBe('scoring');
    scores[0].run.resolve(result);
    await scoring;
    expect(controller.state).toEqual({ phase: 'scored', chosen, inspection, model: V1, result });
  });

  it('cancel ends in `cancelled` with no result, and Score can run again', async () => {
    const { controller, scores } = await readyController();
    const scoring = controller.score();
    controller.cancel();
    await scoring;
    expect(controller.state).toEqual({ phase: 'cancelled', chosen, inspection, model: V1 });
    expect(CANCELLED_MESSAGE).toMatch(/cancelled/);
    // Progress arriving after the cancel is dropped.
    scores[0].options.onProgress?.(progress);
    expect(controller.state.phase).toBe('cancelled');
    const again = controller.score();
    expect(controller.state.phase).toBe('scoring');
    scores[1].run.resolve(result);
    await again;
    expect(controller.state.phase).toBe('scored');
  });

  it('starts the job once the scoring state is drawn; a cancel before that starts nothing', async () => {
    const fake = fakeJobs();
    const frames: (() => void)[] = [];
    const afterPaint = () => new Promise<void>((resolve) => frames.push(resolve));
    const controller = new BatchController(new FakeHost(), {
      jobs: () => fake.jobs,
      model: () => V1,
      afterPaint,
    });
    const choosing = controller.choose(chosen);
    fake.inspections[0].resolve(inspection);
    await choosing;

    const scoring = controller.score();
    expect(controller.state.phase).toBe('scoring');
    expect(fake.scores).toHaveLength(0);
    frames[0]();
    await Promise.resolve();
    expect(fake.scores).toHaveLength(1);
    fake.scores[0].run.resolve(result);
    await scoring;
    expect(controller.state.phase).toBe('scored');

    const cancelled = controller.score();
    controller.cancel();
    frames[1]();
    await cancelled;
    expect(controller.state).toEqual({ phase: 'cancelled', chosen, inspection, model: V1 });
    expect(fake.scores).toHaveLength(1);
  });

  it('a failed score shows the error and reports it to the shell', async () => {
    const { controller, scores, settled } = await readyController();
    const scoring = controller.score();
    const crash = Object.assign(new Error('The prediction engine stopped unexpectedly.'), {
      name: 'WorkerCrashedError',
    });
    scores[0].run.reject(crash);
    await scoring;
    expect(controller.state).toMatchObject({
      phase: 'failed',
      problem: { message: 'The prediction engine stopped unexpectedly.' },
    });
    expect(settled.at(-1)).toBe(crash);
  });

  it('a new file can be chosen after scoring', async () => {
    const { controller, scores, inspections } = await readyController();
    const scoring = controller.score();
    scores[0].run.resolve(result);
    await scoring;
    const choosing = controller.choose(chosen);
    expect(controller.state.phase).toBe('inspecting');
    inspections[1].resolve(inspection);
    await choosing;
    expect(controller.state.phase).toBe('ready');
  });

  it('disconnecting the host aborts a running score', async () => {
    const { controller, scores } = await readyController();
    const scoring = controller.score();
    controller.hostDisconnected();
    await scoring;
    expect(scores[0].options.signal?.aborted).toBe(true);
    expect(controller.state.phase).toBe('cancelled');
  });

  it('reads the file again when another model becomes active, and names that model', async () => {
    const { controller, inspections, loaded, jobs } = await readyController();
    // While the new model loads into the worker there is none to read with: nothing happens.
    loaded.model = null;
    controller.hostUpdate();
    expect(controller.state).toMatchObject({ phase: 'ready', model: V1 });
    loaded.model = V3;
    controller.hostUpdate();
    expect(controller.state).toMatchObject({ phase: 'inspecting', model: V3 });
    inspections[1].resolve(missing);
    await Promise.resolve();
    await Promise.resolve();
    expect(controller.state).toMatchObject({ phase: 'invalid', model: V3 });
    expect(controller.state.phase === 'invalid' && controller.state.problem.message).toMatch(
      /^Model “iris” \(v3\) needs a column/,
    );
    // The same model at the next update: no new read.
    controller.hostUpdate();
    expect(jobs.inspectScoreFile).toHaveBeenCalledTimes(2);
  });

  it('a file chosen while no model is loaded is read once one is', async () => {
    const fake = fakeJobs();
    const loaded: { model: BatchModel | null } = { model: null };
    const controller = new BatchController(new FakeHost(), {
      jobs: () => fake.jobs,
      model: () => loaded.model,
    });
    await controller.choose(chosen);
    expect(controller.state).toEqual({ phase: 'inspecting', chosen, model: null });
    expect(fake.jobs.inspectScoreFile).not.toHaveBeenCalled();
    loaded.model = V1;
    controller.hostUpdate();
    fake.inspections[0].resolve(inspection);
    await Promise.resolve();
    await Promise.resolve();
    expect(controller.state).toEqual({ phase: 'ready', chosen, inspection, model: V1 });
  });

  it('a model switched while scoring leaves the run and its result to the model it started with; Score reads the file again first', async () => {
    const { controller, scores, inspections, loaded } = await readyController();
    const scoring = controller.score();
    loaded.model = V3;
    controller.hostUpdate();
    expect(controller.state.phase).toBe('scoring');
    scores[0].run.resolve(result);
    await scoring;
    expect(controller.state).toMatchObject({ phase: 'scored', model: V1 });
    // The result stays on screen, named after v1, until the user scores again.
    controller.hostUpdate();
    expect(controller.state).toMatchObject({ phase: 'scored', model: V1 });
    const again = controller.score();
    expect(controller.state).toMatchObject({ phase: 'inspecting', model: V3 });
    inspections[1].resolve(inspection);
    await vi.waitFor(() => expect(scores).toHaveLength(2));
    expect(controller.state).toMatchObject({ phase: 'scoring', model: V3 });
    scores[1].run.resolve(result);
    await again;
    expect(controller.state).toMatchObject({ phase: 'scored', model: V3 });
  });
});
