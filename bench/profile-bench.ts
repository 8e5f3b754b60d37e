// Column profiling (src/csv/column-profile.ts) as the Train tab runs it: the file read by streamCsv, every
// batch of rows handed to a ColumnProfiler. The file is made in memory, the same on every run: a million
// rows of ten columns like a user's (an ID, numbers with blanks and NA, categories, a date).
import { ColumnProfiler } from '../src/csv/column-profile';
import { streamCsv } from '../src/csv/stream-csv';

const ROWS = 1_000_000;
const RUNS = 5;
const HEADER = ['id', 'age', 'income', 'score', 'city', 'segment', 'product', 'signup', 'member', 'rating'];
const KINDS = 'identifier,number,number,number,category,category,category,date,category,number';

/**
 * Three figures, median of five runs each after a warm-up, read as the worker reads (plain records as
 * bytes): the read alone (streamCsv into a no-op), the read with profiling, which is what the Train tab
 * waits for, and the difference of each interleaved pair, the profiler's own time (timing each record's
 * call would add more than it measures).
 */
export async function profileBench(): Promise<string[][]> {
  const file = new Blob([profileBenchCsv(ROWS)]);
  await profileOnce(file, true);
  const read: number[] = [];
  const total: number[] = [];
  const profiling: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    read.push(await profileOnce(file, false));
    total.push(await profileOnce(file, true));
    profiling.push(total[run] - read[run]);
  }
  return [
    [
      'profiling 1M rows × 10 columns (categories, blanks, a date, an id), Node: profiler time',
      summary(profiling),
    ],
    ['reading the same file with streamCsv alone', summary(read)],
    ['reading and profiling it (streamCsv + ColumnProfiler)', summary(total)],
  ];
}

async function profileOnce(file: Blob, profile: boolean): Promise<number> {
  const started = performance.now();
  let profiler: ColumnProfiler | undefined;
  await streamCsv(file, {
    keepRaggedRows: true,
    onHeader: (header) => {
      if (profile) profiler = new ColumnProfiler(header, { seed: 1 });
    },
    // As the worker reads it (src/worker/data-source.ts): plain records as bytes, the rest as text.
    onRecord: (record) => {
      profiler?.addRecord(record);
    },
    onRows: (rows) => {
      profiler?.add(rows);
    },
  });
  if (profiler) {
    const profiles = profiler.finish();
    // The file must profile as described, or the figure times something else.
    const kinds = profiles.map((column) => column.kind).join(',');
    if (kinds !== KINDS) throw new Error(`The bench file profiled as ${kinds}, not ${KINDS}.`);
  }
  return performance.now() - started;
}

/** The bench file's text: `rows` data rows from a fixed linear congruential generator. */
export function profileBenchCsv(rows: number): string {
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const cities = Array.from({ length: 50 }, (_, i) => `City ${i}`);
  const segments = ['consumer', 'small business', 'enterprise', 'public', 'education'];
  const lines = [HEADER.join(',')];
  const day = 86_400_000;
  const start = Date.UTC(2015, 0, 1);
  for (let row = 0; row < rows; row++) {
    const age = next() < 0.03 ? '' : String(18 + Math.floor(next() * 72));
    const income = next() < 0.05 ? '' : (20_000 + next() * 180_000).toFixed(2);
    const score = next() < 0.01 ? 'NA' : (next() * 10).toFixed(3);
    const signup = new Date(start + Math.floor(next() * 3000) * day).toISOString().slice(0, 10);
    lines.push(
      [
        row + 1,
        age,
        income,
        score,
        cities[Math.floor(next() * cities.length)],
        segments[Math.floor(next() * segments.length)],
        `P-${Math.floor(next() * 500)}`,
        signup,
        next() < 0.3 ? 'yes' : 'no',
        1 + Math.floor(next() * 5),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `${median.toFixed(0)} ms (median of ${sorted.length}, ${sorted[0].toFixed(0)}–${sorted[sorted.length - 1].toFixed(0)})`;
}
