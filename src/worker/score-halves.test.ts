// scoreFile in two halves (engine + helper worker) must give what scoring the file in one piece gives.
// The helper is replaced by an in-process PartRunner running the same scorePart.
import { describe, expect, it } from 'vitest';
import type { ScoreProgress, ScoreSummary } from '../score/score-csv';
import { defaultModel } from '../test/default-model';
import { type CallContext, createApi } from './api';
import { PARALLEL_MIN_BYTES } from './score-job';
import { type PartModel, type PartRunner, scorePart } from './score-part';

const bundle = defaultModel;

function context(
  signal = new AbortController().signal,
): CallContext<ScoreProgress> & { reports: ScoreProgress[] } {
  const reports: ScoreProgress[] = [];
  return { signal, progress: (value) => reports.push(value), reports };
}

/** An in-process helper that counts its runs and warm-ups; `fail` makes it reject instead. */
function inProcessHelper(fail = false) {
  const runs: { signal: AbortSignal }[] = [];
  const warmUps: PartModel[] = [];
  const helper: PartRunner = {
    run: async (args, onProgress, signal) => {
      runs.push({ signal });
      if (fail) throw new Error('The scoring helper stopped.');
      return scorePart(args, { signal, onProgress });
    },
    warm: (model) => {
      warmUps.push(model);
    },
  };
  return { helper, runs, warmUps };
}

async function api(helper?: PartRunner) {
  const created = createApi(helper ? { scoreHelper: helper } : {});
  created.useModel({ bundle: structuredClone(bundle) });
  return created;
}

const FLOWERS = [
  ['5.1', '3.5', '1.4', '0.2', 'setosa'],
  ['5.9', '3.0', '4.2', '1.5', 'versicolor'],
  ['6.3', '3.3', '6.0', '2.5', 'virginica'],
  ['4.9', 'abc', '1.4', '0.2', 'setosa'],
  ['6.1', '2.8', '4.7', '1.2', 'iris'],
];

/** A file just over PARALLEL_MIN_BYTES with bad rows, unknown labels and a blank line in both halves. */
function bigFile(quoteInSecondHalf = false): Blob {
  const lines = ['id,sepal_length,sepal_width,petal_length,petal_width,species'];
  let bytes = 0;
  for (let i = 0; bytes < PARALLEL_MIN_BYTES * 1.05; i++) {
    const line = i % 10_007 === 5 ? '' : `${i},${FLOWERS[i % FLOWERS.length].join(',')}`;
    lines.push(line);
    bytes += line.length + 1;
  }
  if (quoteInSecondHalf) lines[Math.floor(lines.length * 0.75)] = '"x",5.1,3.5,1.4,0.2,setosa';
  return new Blob([`${lines.join('\n')}\n`]);
}

/**
 * A semicolon, decimal-comma file just over PARALLEL_MIN_BYTES; with `pointsAfterMiddle`, its rows from a
 * little before the middle on are written with decimal points, so its second half alone reads as a
 * decimal-point file.
 */
function europeanFile(pointsAfterMiddle = false): Blob {
  const lines: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < PARALLEL_MIN_BYTES * 1.05; i++) {
    const line = `${i};${FLOWERS[i % FLOWERS.length].join(';')}`;
    lines.push(line);
    bytes += line.length + 1;
  }
  const middle = Math.floor(lines.length * 0.45);
  const rows = lines.map((line, at) =>
    pointsAfterMiddle && at >= middle ? line : line.replaceAll('.', ','),
  );
  return new Blob([`id;sepal_length;sepal_width;petal_length;petal_width;species\n${rows.join('\n')}\n`]);
}

/** The summary without what differs by run: timing, and the tally's internals (drift merges agree to rounding). */
function comparable(summary: ScoreSummary) {
  const { seconds, rowsPerSecond, tally, drift, evaluation, ...rest } = summary;
  const metrics = evaluation?.metrics;
  return {
    ...rest,
    evaluation: { ...evaluation, metrics: { ...metrics, logLoss: metrics?.logLoss.toPrecision(9) } },
    drift: drift.map((feature) => {
      if (feature.kind === 'category') return { ...feature, psi: Number(feature.psi.toPrecision(9)) };
      const { mean, sd, meanShift, sdRatio, psi, ks, ...rest } = feature;
      return {
        ...rest,
        rounded: [mean, sd, meanShift, sdRatio, psi, ks].map((value) => Number(value.toPrecision(9))),
      };
    }),
  };
}

describe('scoreFile in two halves', () => {
  it('writes the same file and summary as scoring it in one piece, row numbers included', async () => {
    const file = bigFile();
    const { helper, runs } = inProcessHelper();
    const halves = await (await api(helper)).score({ file, name: 'big.csv' }, context());
    const whole = await (await api()).score({ file, name: 'big.csv' }, context());
    expect(runs).toHaveLength(1);
    expect(halves.summary.tally.plain).toBe(true);
    expect(await halves.output.text()).toBe(await whole.output.text());
    expect(comparable(halves.summary)).toEqual(comparable(whole.summary));
    expect(halves.preview).toEqual(whole.preview);
    // Bad rows from both halves, numbered as in the file.
    expect(whole.summary.badRows).toBeGreaterThan(20_000);
    expect(halves.summary.firstBadRows.map((bad) => bad.row)).toEqual(
      whole.summary.firstBadRows.map((bad) => bad.row),
    );
  });

  it('scores in one piece when the file has quotes (a quoted line break could span the split)', async () => {
    const file = bigFile(true);
    const { helper, runs } = inProcessHelper();
    const result = await (await api(helper)).score({ file, name: 'big.csv' }, context());
    expect(runs).toHaveLength(1);
    expect(result.summary.tally.plain).toBe(false);
    const whole = await (await api()).score({ file, name: 'big.csv' }, context());
    expect(await result.output.text()).toBe(await whole.output.text());
  });

  it('scores a decimal-comma file in two halves as in one piece', async () => {
    const file = europeanFile();
    const { helper, runs } = inProcessHelper();
    const halves = await (await api(helper)).score({ file, name: 'big.csv' }, context());
    const whole = await (await api()).score({ file, name: 'big.csv' }, context());
    expect(runs).toHaveLength(1);
    expect(halves.summary).toMatchObject({ delimiter: ';', decimal: ',', tally: { plain: true } });
    expect(halves.summary.scoredRows).toBeGreaterThan(50_000);
    expect(await halves.output.text()).toBe(await whole.output.text());
    expect(comparable(halves.summary)).toEqual(comparable(whole.summary));
  });

  it('scores in one piece when the halves guess different decimal separators', async () => {
    // The first half's head has decimal commas, the second's decimal points: read as the whole file is,
    // with a decimal comma, the rows with points are bad rows.
    const file = europeanFile(true);
    const { helper, runs } = inProcessHelper();
    const result = await (await api(helper)).score({ file, name: 'big.csv' }, context());
    const whole = await (await api()).score({ file, name: 'big.csv' }, context());
    expect(runs).toHaveLength(1);
    expect(whole.summary.decimal).toBe(',');
    expect(whole.summary.badRows).toBeGreaterThan(whole.summary.rows / 2);
    expect(await result.output.text()).toBe(await whole.output.text());
    expect(comparable(result.summary)).toEqual(comparable(whole.summary));
  });

  it('scores in one piece when the helper fails', async () => {
    const file = bigFile();
    const { helper, runs } = inProcessHelper(true);
    const result = await (await api(helper)).score({ file, name: 'big.csv' }, context());
    expect(runs).toHaveLength(1);
    expect(result.summary.rows).toBe(
      (await (await api()).score({ file, name: 'big.csv' }, context())).summary.rows,
    );
  });

  it('gets ready to score: the helper warms up with the active model, this worker beside later calls', async () => {
    const { helper, warmUps, runs } = inProcessHelper();
    const noModel = createApi({ scoreHelper: helper });
    noModel.prepareScoring({});
    expect(warmUps).toHaveLength(0);
    const ready = await api(helper);
    ready.prepareScoring({});
    ready.prepareScoring({});
    expect(warmUps.map((model) => model.bundle.metadata.schema)).toEqual([
      bundle.metadata.schema,
      bundle.metadata.schema,
    ]);
    // The engine's own warm-up runs on while a real file is scored, and changes nothing in it.
    const file = bigFile();
    const result = await ready.score({ file, name: 'big.csv' }, context());
    expect(runs).toHaveLength(1);
    const whole = await (await api()).score({ file, name: 'big.csv' }, context());
    expect(await result.output.text()).toBe(await whole.output.text());
  });

  it('cancelling stops both halves and rejects with the reason', async () => {
    const { helper, runs } = inProcessHelper();
    const abort = new AbortController();
    const call = context(abort.signal);
    // Cancelled at the first progress report: both halves are running by then.
    call.progress = () => abort.abort(new DOMException('The call was cancelled.', 'AbortError'));
    const running = (await api(helper)).score({ file: bigFile(), name: 'big.csv' }, call);
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(runs[0]?.signal.aborted).toBe(true);
  });
});
